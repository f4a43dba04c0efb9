import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HeartbeatRef, MemoryQuota } from '@hb/contracts';
import type { HeartbeatRow } from './heartbeat-rows';
import type { ScheduleInput } from './schedule';

/** What a configure writes: the prompt, the schedule and its limits, and where the schedule stands. */
export type HeartbeatSettings = ScheduleInput &
  Pick<HeartbeatRow, 'prompt' | 'enabled' | 'credit_budget' | 'max_consecutive_errors' | 'member_id' | 'memory_quota' | 'anchor_at' | 'next_fire_at'>;

/** How one ended run counts on its heartbeat (see countRun). */
export interface RunTally {
  status: 'success' | 'error' | 'skipped';
  /** A failure toward max_consecutive_errors (a skip for lack of budget is not one). */
  failure: boolean;
  /** The month the credits fall in (YYYY-MM). */
  period: string;
  credits: number;
}

/**
 * The heartbeats table: each one's settings, where its schedule stands (next_fire_at) and its
 * counters. Writers lock heartbeats before their executions, in id order, so none deadlocks.
 */
@Injectable()
export class HeartbeatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The bot's heartbeat, locked for the transaction when `forUpdate`; undefined when it is not the bot's. */
  async findOwned(ref: HeartbeatRef, forUpdate: boolean, manager: EntityManager = this.dataSource.manager): Promise<HeartbeatRow | undefined> {
    const [row]: HeartbeatRow[] = await manager.query(
      `SELECT * FROM heartbeats WHERE id = $1 AND tenant_id = $2 AND bot_id = $3 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [ref.heartbeatId, ref.tenantId, ref.botId],
    );
    return row;
  }

  /** The bot's heartbeats (of one member, when given), oldest first. */
  async listOwned(tenantId: string, botId: string, memberId?: string): Promise<HeartbeatRow[]> {
    return this.dataSource.query(
      `SELECT * FROM heartbeats WHERE tenant_id = $1 AND bot_id = $2 AND ($3::text IS NULL OR member_id = $3) ORDER BY created_at, id`,
      [tenantId, botId, memberId ?? null],
    );
  }

  async countEnabled(tenantId: string, botId: string): Promise<number> {
    const [{ active }] = await this.dataSource.query(`SELECT count(*)::int AS active FROM heartbeats WHERE tenant_id = $1 AND bot_id = $2 AND enabled`, [
      tenantId,
      botId,
    ]);
    return active;
  }

  async insert(
    manager: EntityManager,
    identity: { id: string; tenantId: string; botId: string; creditsPeriod: string },
    settings: HeartbeatSettings,
  ): Promise<HeartbeatRow> {
    const [row]: HeartbeatRow[] = await manager.query(
      `INSERT INTO heartbeats (prompt, interval_minutes, cron_pattern, timezone, active_hours_start, active_hours_end, active_days, enabled,
                               credit_budget, max_consecutive_errors, member_id, memory_quota, anchor_at, next_fire_at,
                               id, tenant_id, bot_id, credits_period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING *`,
      [...settingValues(settings), identity.id, identity.tenantId, identity.botId, identity.creditsPeriod],
    );
    return row;
  }

  /** Writes new settings; `enabling` (it was off) also clears its failure streak and pause reason. */
  async update(manager: EntityManager, id: string, settings: HeartbeatSettings, enabling: boolean): Promise<HeartbeatRow> {
    const [rows]: [HeartbeatRow[]] = await manager.query(
      `UPDATE heartbeats SET prompt = $1, interval_minutes = $2, cron_pattern = $3, timezone = $4, active_hours_start = $5, active_hours_end = $6,
              active_days = $7, enabled = $8, credit_budget = $9, max_consecutive_errors = $10, member_id = $11, memory_quota = $12,
              anchor_at = $13, next_fire_at = $14, updated_at = now(),
              consecutive_errors = CASE WHEN $16 THEN 0 ELSE consecutive_errors END,
              paused_reason = CASE WHEN $8 THEN NULL ELSE paused_reason END
        WHERE id = $15 RETURNING *`,
      [...settingValues(settings), id, enabling],
    );
    return rows[0];
  }

  /** Turns it on, due next at `nextFireAt`, its failure streak and pause reason cleared. */
  async enable(manager: EntityManager, id: string, nextFireAt: Date, memoryQuota: MemoryQuota): Promise<HeartbeatRow> {
    const [rows]: [HeartbeatRow[]] = await manager.query(
      `UPDATE heartbeats SET enabled = true, next_fire_at = $2, memory_quota = $3, consecutive_errors = 0, paused_reason = NULL, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, nextFireAt, JSON.stringify(memoryQuota)],
    );
    return rows[0];
  }

  async disable(manager: EntityManager, id: string): Promise<HeartbeatRow> {
    const [rows]: [HeartbeatRow[]] = await manager.query(`UPDATE heartbeats SET enabled = false, next_fire_at = NULL, updated_at = now() WHERE id = $1 RETURNING *`, [
      id,
    ]);
    return rows[0];
  }

  /** Turns it off, saying why (auto-pause, a schedule that no longer computes). */
  async pause(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.query(`UPDATE heartbeats SET enabled = false, next_fire_at = NULL, paused_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM heartbeats WHERE id = $1`, [id]);
  }

  /** Locks up to `limit` heartbeats due within `lookaheadMs`, soonest first, skipping those another replica holds. */
  async lockDue(manager: EntityManager, lookaheadMs: number, limit: number): Promise<HeartbeatRow[]> {
    return manager.query(
      `SELECT * FROM heartbeats WHERE next_fire_at <= now() + $1 * interval '1 millisecond'
        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [lookaheadMs, limit],
    );
  }

  /** Locks these heartbeats, in id order (the order every writer takes). */
  async lockMany(manager: EntityManager, ids: string[]): Promise<HeartbeatRow[]> {
    return manager.query(`SELECT * FROM heartbeats WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [ids]);
  }

  /** Moves each heartbeat's next occurrence (null: none). */
  async moveNextFires(manager: EntityManager, ids: string[], nextFires: Array<Date | null>): Promise<void> {
    await manager.query(`UPDATE heartbeats h SET next_fire_at = c.next FROM unnest($1::text[], $2::timestamptz[]) AS c(id, next) WHERE h.id = c.id`, [
      ids,
      nextFires,
    ]);
  }

  /** Turns these heartbeats off, each with its reason, keeping where their schedule stood. */
  async stopEach(manager: EntityManager, stopped: Array<{ id: string; reason: string }>): Promise<void> {
    await manager.query(
      `UPDATE heartbeats h SET enabled = false, paused_reason = c.reason, updated_at = now() FROM unnest($1::text[], $2::text[]) AS c(id, reason) WHERE h.id = c.id`,
      [stopped.map((s) => s.id), stopped.map((s) => s.reason)],
    );
  }

  /** Counts an ended run on its heartbeat (runs, errors, the failure streak, the month's credits); returns it. */
  async countRun(manager: EntityManager, id: string, tally: RunTally): Promise<HeartbeatRow | undefined> {
    const [rows]: [HeartbeatRow[]] = await manager.query(
      `UPDATE heartbeats SET
              execution_count = execution_count + CASE WHEN $2 = 'skipped' THEN 0 ELSE 1 END,
              error_count = error_count + CASE WHEN $2 = 'error' THEN 1 ELSE 0 END,
              consecutive_errors = CASE WHEN $2 = 'success' THEN 0 WHEN $3 THEN consecutive_errors + 1 ELSE consecutive_errors END,
              credits_used = CASE WHEN credits_period = $4 THEN credits_used ELSE 0 END + $5,
              credits_period = $4,
              last_status = $2, last_run_at = now(), updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, tally.status, tally.failure, tally.period, tally.credits],
    );
    return rows[0];
  }
}

function settingValues(s: HeartbeatSettings): unknown[] {
  return [
    s.prompt,
    s.interval_minutes,
    s.cron_pattern,
    s.timezone,
    s.active_hours_start,
    s.active_hours_end,
    s.active_days,
    s.enabled,
    s.credit_budget,
    s.max_consecutive_errors,
    s.member_id,
    JSON.stringify(s.memory_quota),
    s.anchor_at,
    s.next_fire_at,
  ];
}
