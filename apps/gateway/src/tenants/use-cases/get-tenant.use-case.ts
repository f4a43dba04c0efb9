import { Injectable } from '@nestjs/common';
import { TenantsRepository } from '../tenants.repository';
import { tenantView, type TenantView } from '../tenant.view';

@Injectable()
export class GetTenantUseCase {
  constructor(private readonly tenants: TenantsRepository) {}

  async execute(id: string): Promise<TenantView> {
    return tenantView(await this.tenants.get(id));
  }
}
