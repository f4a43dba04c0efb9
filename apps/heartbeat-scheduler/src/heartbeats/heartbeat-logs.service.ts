import { Injectable } from '@nestjs/common';
import { HeartbeatCommands, type HeartbeatLogsPage, type HeartbeatLogsRequest, type HeartbeatStatsRequest, type HeartbeatStatsView } from '@hb/contracts';
import { OnCommand } from '@hb/platform';
import { ExecutionsRepository, type Tally } from './executions.repository';
import { logView } from './heartbeat-rows';
import { HeartbeatsRepository } from './heartbeats.repository';

const DAY_MS = 24 * 3600 * 1000;

/** A share in percent with one decimal, as spec 002 shows it (95.2). */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** Spec 002's execution logs and stats for a bot: what ran, when, and how it went. */
@Injectable()
export class HeartbeatLogsService {
  constructor(
    private readonly executions: ExecutionsRepository,
    private readonly heartbeats: HeartbeatsRepository,
  ) {}

  /** Executions that have fired or were skipped, newest first (occurrences still queued are not history yet). */
  @OnCommand(HeartbeatCommands.Logs)
  async logs(input: HeartbeatLogsRequest): Promise<HeartbeatLogsPage> {
    const { page, perPage, ...filter } = input;
    const { rows, total } = await this.executions.logPage(filter, perPage, (page - 1) * perPage);
    return {
      total,
      logs: rows.map(logView),
      pagination: { page: input.page, per_page: input.perPage, total, total_pages: Math.ceil(total / input.perPage) },
    };
  }

  /** The last `days` calendar days (UTC, today included) of ended executions, and a daily series, newest first. */
  @OnCommand(HeartbeatCommands.Stats)
  async stats(input: HeartbeatStatsRequest): Promise<HeartbeatStatsView> {
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const since = new Date(today.getTime() - (input.days - 1) * DAY_MS);
    const [{ tallies, daily }, active] = await Promise.all([
      this.executions.tallies(input.tenantId, input.botId, since),
      this.heartbeats.countEnabled(input.tenantId, input.botId),
    ]);
    const sum = (pick: (t: Tally) => number, of: Tally[] = tallies) => of.reduce((total, t) => total + pick(t), 0);
    const count = (status: Tally['status'], of: Tally[] = tallies) => sum((t) => (t.status === status ? t.count : 0), of);
    const total = sum((t) => t.count);
    const byType: HeartbeatStatsView['by_type'] = {};
    for (const type of new Set(tallies.map((t) => t.type))) {
      const ofType = tallies.filter((t) => t.type === type);
      byType[type] = { count: sum((t) => t.count, ofType), success_rate: percent(count('success', ofType), sum((t) => t.count, ofType)) };
    }
    const durations = sum((t) => t.durations);
    return {
      total_executions: total,
      success_count: count('success'),
      error_count: count('error'),
      skipped_count: count('skipped'),
      success_rate: percent(count('success'), total),
      total_tokens: sum((t) => t.tokens),
      total_credits: sum((t) => t.credits),
      avg_duration_ms: durations === 0 ? 0 : Math.round(sum((t) => t.duration_sum) / durations),
      active_heartbeats: active,
      by_type: byType,
      time_series: Array.from({ length: input.days }, (_, i) => {
        const date = new Date(today.getTime() - i * DAY_MS).toISOString().slice(0, 10);
        const on = (status: string) => daily.find((d) => d.date === date && d.status === status)?.count ?? 0;
        return { date, total: on('success') + on('error') + on('skipped'), success: on('success'), error: on('error'), skipped: on('skipped') };
      }),
    };
  }
}
