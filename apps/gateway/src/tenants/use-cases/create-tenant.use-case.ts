import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateTenantDto } from '../dto/create-tenant.dto';
import type { Plan } from '../plans';
import { TenantsRepository } from '../tenants.repository';
import { tenantView, type TenantView } from '../tenant.view';

export const DEFAULT_PLAN = Symbol('DEFAULT_PLAN');

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly tenants: TenantsRepository,
    @Inject(DEFAULT_PLAN) private readonly defaultPlan: Plan,
  ) {}

  async execute(input: CreateTenantDto): Promise<TenantView> {
    const tenant = await this.tenants.create({
      id: input.id ?? randomUUID(),
      name: input.name,
      plan: input.plan ?? this.defaultPlan,
      limitOverrides: { ...input.limits },
    });
    return tenantView(tenant);
  }
}
