import { Injectable } from '@nestjs/common';
import { TenantsRepository } from '../tenants.repository';
import { tenantView, type TenantView } from '../tenant.view';

@Injectable()
export class ListTenantsUseCase {
  constructor(private readonly tenants: TenantsRepository) {}

  async execute(): Promise<{ tenants: TenantView[] }> {
    return { tenants: (await this.tenants.list()).map(tenantView) };
  }
}
