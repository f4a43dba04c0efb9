export const PLANS = ['free', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** What a tenant may use; null means unlimited. */
export interface PlanLimits {
  requestsPerMonth: number | null;
  memories: number | null;
  storageBytes: number | null;
  heartbeatsAllowed: boolean;
  /** The shortest heartbeat interval (for a cron pattern, the shortest gap between fires). */
  minHeartbeatIntervalMinutes: number;
}

const GiB = 1024 ** 3;

/**
 * Plan defaults. Free's request quota and pro's figures are the spec's (1,000 and 100,000 requests a
 * month; 1,000,000 memories and 1 GiB in its usage example); free's memory and storage caps are
 * ours, a tenth of pro's storage. Enterprise is unlimited until an admin sets its custom limits.
 */
export const PLAN_DEFAULTS: Record<Plan, PlanLimits> = {
  free: { requestsPerMonth: 1_000, memories: 10_000, storageBytes: GiB / 10, heartbeatsAllowed: true, minHeartbeatIntervalMinutes: 60 },
  pro: { requestsPerMonth: 100_000, memories: 1_000_000, storageBytes: GiB, heartbeatsAllowed: true, minHeartbeatIntervalMinutes: 5 },
  enterprise: { requestsPerMonth: null, memories: null, storageBytes: null, heartbeatsAllowed: true, minHeartbeatIntervalMinutes: 1 },
};

export function effectiveLimits(plan: Plan, overrides: Partial<PlanLimits>): PlanLimits {
  return { ...PLAN_DEFAULTS[plan], ...overrides };
}
