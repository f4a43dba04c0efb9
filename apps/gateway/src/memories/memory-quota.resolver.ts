import { Injectable } from '@nestjs/common';
import type { MemoryQuota } from '@hb/contracts';
import type { Principal } from '../auth/principal';
import { effectiveLimits } from '../tenants/plans';
import { TenantsRepository } from '../tenants/tenants.repository';

/**
 * The memory and storage caps the memory service enforces on a write, from the tenant's plan: a
 * key already carries them; the admin key acting for a tenant looks them up.
 */
@Injectable()
export class MemoryQuotaResolver {
  constructor(private readonly tenants: TenantsRepository) {}

  async resolve(principal: Principal, tenantId: string): Promise<MemoryQuota> {
    let limits = principal.kind === 'key' ? principal.limits : undefined;
    if (!limits) {
      const tenant = await this.tenants.get(tenantId);
      limits = effectiveLimits(tenant.plan, tenant.limitOverrides);
    }
    return { memories: limits.memories, storageBytes: limits.storageBytes };
  }
}
