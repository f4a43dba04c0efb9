import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, MemoryCommands, type TenantUsageResponse } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { RateLimiter } from '../../rate-limit/rate-limiter';
import { tenantDayKey, tenantMonthKey } from '../../rate-limit/windows';
import { effectiveLimits } from '../../tenants/plans';
import { TenantsRepository } from '../../tenants/tenants.repository';

export interface UsageMetrics {
  apiCalls: { today: number; thisMonth: number; limit: number | null };
  memories: { count: number; limit: number | null };
  storage: { used: number; limit: number | null };
}

/**
 * Spec 003's usage: API calls as the gateway counted them (the same counters as the quota), and
 * memory count and storage as the memory service reports them. Until the memory service answers
 * the usage command, memory figures are zero.
 */
@Injectable()
export class GetUsageMetricsUseCase {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly limiter: RateLimiter,
    private readonly commands: CommandClient,
  ) {}

  async execute(tenantId: string): Promise<UsageMetrics> {
    const tenant = await this.tenants.get(tenantId);
    const limits = effectiveLimits(tenant.plan, tenant.limitOverrides);
    const now = Date.now();
    const [today, thisMonth, memory] = await Promise.all([
      this.limiter.read(tenantDayKey(tenantId, now)),
      this.limiter.read(tenantMonthKey(tenantId, now)),
      this.memoryUsage(tenantId),
    ]);
    return {
      apiCalls: { today, thisMonth, limit: limits.requestsPerMonth },
      memories: { count: memory.memories, limit: limits.memories },
      storage: { used: memory.storageBytes, limit: limits.storageBytes },
    };
  }

  private async memoryUsage(tenantId: string): Promise<TenantUsageResponse> {
    try {
      return await this.commands.request(MemoryCommands.TenantUsage, { tenantId }, { tenantId, timeoutMs: 2000 });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCodes.UnknownCommand) return { memories: 0, storageBytes: 0 };
      throw error;
    }
  }
}
