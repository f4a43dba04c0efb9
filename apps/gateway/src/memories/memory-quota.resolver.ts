import { Injectable } from '@nestjs/common';
import type { MemoryQuota } from '@hb/contracts';
import type { Principal } from '../auth/principal';
import { effectiveLimits, type PlanLimits } from '../tenants/plans';
import { TenantsRepository } from '../tenants/tenants.repository';

/** What a plan lets the memory service store for a tenant. */
export function memoryQuotaOf(limits: PlanLimits): MemoryQuota {
  return { memories: limits.memories, storageBytes: limits.storageBytes };
}

/**
 * The memory and storage caps the memory service enforces on a write, from the tenant's plan: a
 * key or user already carries them; the admin key acting for a tenant looks them up.
 */
@Injectable()
export class MemoryQuotaResolver {
  constructor(private readonly tenants: TenantsRepository) {}

  async resolve(principal: Principal, tenantId: string): Promise<MemoryQuota> {
    return memoryQuotaOf(await this.limits(principal, tenantId));
  }

  /** The tenant's plan limits, all of them (heartbeats read theirs here too). */
  async limits(principal: Principal, tenantId: string): Promise<PlanLimits> {
    if (principal.kind !== 'admin') return principal.limits;
    const tenant = await this.tenants.get(tenantId);
    return effectiveLimits(tenant.plan, tenant.limitOverrides);
  }
}
