import { effectiveLimits, type PlanLimits } from './plans';
import type { TenantEntity } from './tenant.entity';

export interface TenantView {
  id: string;
  name: string;
  plan: string;
  /** The plan's limits with this tenant's overrides applied. */
  limits: PlanLimits;
  limitOverrides: Partial<PlanLimits>;
  createdAt: string;
  updatedAt: string;
}

export function tenantView(tenant: TenantEntity): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    plan: tenant.plan,
    limits: effectiveLimits(tenant.plan, tenant.limitOverrides),
    limitOverrides: tenant.limitOverrides,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
