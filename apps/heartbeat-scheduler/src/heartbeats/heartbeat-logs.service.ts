import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HeartbeatLogType, HeartbeatLogsPage, HeartbeatLogsRequest, HeartbeatStatsRequest, HeartbeatStatsView } from '@hb/contracts';
import { logView, type ExecutionRow } from './heartbeat-rows';

const DAY_MS = 24 * 3600 * 1000;

interface Tally {
  type: HeartbeatLogType;
  status: 'success' | 'error' | 'skipped';
  count: number;
  tokens: number;
  credits: number;
  duration_sum: number;
  durations: number;
}

/** A share in percent with one decimal, as spec 002 shows it (95.2). */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** Spec 002's execution logs and stats for a bot: what ran, when, and how it went. */
@Injectable()
export class HeartbeatLogsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Executions that have fired or were skipped, newest first (occurrences still queued are not history yet). */
  async logs(input: HeartbeatLogsRequest): Promise<HeartbeatLogsPage> {
    const where = `tenant_id = $1 AND bot_id = $2 AND status <> 'queued'
       AND ($3::text IS NULL OR heartbeat_id = $3) AND ($4::text IS NULL OR member_id = $4) AND ($5::text IS NULL OR status = $5)`;
    const filters = [input.tenantId, input.botId, input.heartbeatId ?? null, input.memberId ?? null, input.status ?? null];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM executions WHERE ${where}`, filters);
    const rows: ExecutionRow[] = await this.dataSource.query(
      `SELECT * FROM executions WHERE ${where} ORDER BY coalesce(fired_at, scheduled_for) DESC, id LIMIT $6 OFFSET $7`,
      [...filters, input.perPage, (input.page - 1) * input.perPage],
    );
    return {
      total,
      logs: rows.map(logView),
      pagination: { page: input.page, per_page: input.perPage, total, total_pages: Math.ceil(total / input.perPage) },
    };
  }

  /** The last `days` calendar days (UTC, today included) of ended executions, and a daily series, newest first. */
  async stats(input: HeartbeatStatsRequest): Promise<HeartbeatStatsView> {
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const since = new Date(today.getTime() - (input.days - 1) * DAY_MS);
    const ended = `tenant_id = $1 AND bot_id = $2 AND status IN ('success', 'error', 'skipped') AND scheduled_for >= $3`;
    const params = [input.tenantId, input.botId, since];
    const tallies: Tally[] = await this.dataSource.query(
      `SELECT type, status, count(*)::int AS count, coalesce(sum(tokens_used), 0)::int AS tokens, coalesce(sum(credits_charged), 0)::int AS credits,
              coalesce(sum(duration_ms), 0)::float8 AS duration_sum, count(duration_ms)::int AS durations
         FROM executions WHERE ${ended} GROUP BY type, status`,
      params,
    );
    const daily: Array<{ date: string; status: string; count: number }> = await this.dataSource.query(
      `SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, status, count(*)::int AS count
         FROM executions WHERE ${ended} GROUP BY 1, 2`,
      params,
    );
    const [{ active }] = await this.dataSource.query(
      `SELECT count(*)::int AS active FROM heartbeats WHERE tenant_id = $1 AND bot_id = $2 AND enabled`,
      [input.tenantId, input.botId],
    );
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
