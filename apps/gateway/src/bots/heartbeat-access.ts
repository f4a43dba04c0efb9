import { Injectable } from '@nestjs/common';
import { AgentCommands, DomainError, ErrorCodes, type PlanTerms } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { Principal } from '../auth/principal';
import { MemoryQuotaResolver, memoryQuotaOf } from '../memories/memory-quota.resolver';
import { inBotTerms } from './bot-terms';

/**
 * Whatever schedules or runs a bot needs the project's plan to allow heartbeats and the bot to say
 * heartbeat: true; reading, disabling and deleting do not, so a heartbeat can always be looked at
 * and stopped.
 */
@Injectable()
export class HeartbeatAccess {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
  ) {}

  /** 403 unless the plan allows heartbeats and the bot has heartbeat: true; the plan's terms otherwise. */
  async mayRun(principal: Principal, tenantId: string, botId: string): Promise<PlanTerms> {
    const [limits, bot] = await Promise.all([
      this.quotas.limits(principal, tenantId),
      inBotTerms(this.commands.request(AgentCommands.Get, { tenantId, agentId: botId }, { tenantId })),
    ]);
    if (!limits.heartbeatsAllowed) throw new DomainError(ErrorCodes.FeatureNotEnabled, "The project's plan does not include heartbeats", 'project_id');
    if (!bot.heartbeat) {
      throw new DomainError(ErrorCodes.FeatureNotEnabled, `Heartbeat is not enabled for bot ${botId}: set heartbeat: true with POST /v1/bot/update`, 'bot_id');
    }
    return { minIntervalMinutes: limits.minHeartbeatIntervalMinutes, memoryQuota: memoryQuotaOf(limits) };
  }
}
