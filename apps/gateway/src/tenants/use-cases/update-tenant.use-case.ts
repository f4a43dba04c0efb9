import { Injectable } from '@nestjs/common';
import type { UpdateTenantDto } from '../dto/update-tenant.dto';
import { TenantsRepository } from '../tenants.repository';
import { tenantView, type TenantView } from '../tenant.view';

@Injectable()
export class UpdateTenantUseCase {
  constructor(private readonly tenants: TenantsRepository) {}

  async execute(id: string, input: UpdateTenantDto): Promise<TenantView> {
    const current = await this.tenants.get(id);
    const tenant = await this.tenants.update(id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.plan === undefined ? {} : { plan: input.plan }),
      ...(input.limits === undefined ? {} : { limitOverrides: { ...current.limitOverrides, ...input.limits } }),
    });
    return tenantView(tenant);
  }
}
