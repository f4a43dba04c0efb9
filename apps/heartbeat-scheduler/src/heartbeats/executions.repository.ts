import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HeartbeatLogsRequest, MemoryQuota } from '@hb/contracts';
import type { Outcome } from '../firing/run-outcome';
import type { ExecutionRow, HeartbeatRow } from './heartbeat-rows';

export interface ClaimedExecution {
  id: string;
  scheduled_for: Date;
}

/** Ended executions of one type and status, summed (see tallies). */
export interface Tally {
  type: ExecutionRow['type'];
  status: 'success' | 'error' | 'skipped';
  count: number;
  tokens: number;
  credits: number;
  duration_sum: number;
  durations: number;
}

/**
 * The executions table: each occurrence of a heartbeat, manual trigger or one-off task, from
 * queued (claimed by a planner, enqueued in the fire queue) to running (fired, its run id
 * recorded once the runtime accepts it) to success, error or skipped (the log).
 */
@Injectable()
export class ExecutionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Executions whose time has come and that have not fired: the scheduler's backlog. */
  async dueCount(): Promise<number> {
    const [{ due }] = await this.dataSource.query(`SELECT count(*)::int AS due FROM executions WHERE status = 'queued' AND scheduled_for <= now()`);
    return due;
  }

  async byId(id: string): Promise<ExecutionRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM executions WHERE id = $1`, [id]);
    return row;
  }

  /** A manual run of the heartbeat, fired by its caller: marked as handed on so no planner queues it too. */
  async addManual(id: string, heartbeat: HeartbeatRow, memoryQuota: MemoryQuota): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO executions (id, tenant_id, bot_id, heartbeat_id, member_id, type, status, prompt, memory_quota, scheduled_for, enqueued_at)
       VALUES ($1, $2, $3, $4, $5, 'manual', 'queued', $6, $7, now(), now())`,
      [id, heartbeat.tenant_id, heartbeat.bot_id, heartbeat.id, heartbeat.member_id, heartbeat.prompt, JSON.stringify(memoryQuota)],
    );
  }

  /** A one-off task due at `runAt` (now, if that has passed). */
  async addTask(task: { id: string; tenantId: string; botId: string; memberId: string | null; prompt: string; memoryQuota: MemoryQuota; runAt: Date }): Promise<ExecutionRow> {
    const [row]: ExecutionRow[] = await this.dataSource.query(
      `INSERT INTO executions (id, tenant_id, bot_id, member_id, type, status, prompt, memory_quota, scheduled_for)
       VALUES ($1, $2, $3, $4, 'scheduled_task', 'queued', $5, $6, greatest($7::timestamptz, now())) RETURNING *`,
      [task.id, task.tenantId, task.botId, task.memberId, task.prompt, JSON.stringify(task.memoryQuota), task.runAt],
    );
    return row;
  }

  /** One execution per heartbeat at its next_fire_at, each with its log id; an occurrence already there is kept. */
  async addOccurrences(manager: EntityManager, heartbeatIds: string[], logIds: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO executions (id, tenant_id, bot_id, heartbeat_id, member_id, type, status, prompt, memory_quota, scheduled_for)
       SELECT c.log_id, h.tenant_id, h.bot_id, h.id, h.member_id, 'heartbeat', 'queued', h.prompt, h.memory_quota, h.next_fire_at
         FROM unnest($1::text[], $2::text[]) AS c(heartbeat_id, log_id) JOIN heartbeats h ON h.id = c.heartbeat_id
       ON CONFLICT (heartbeat_id, scheduled_for) WHERE type = 'heartbeat' DO NOTHING`,
      [heartbeatIds, logIds],
    );
  }

  /** The heartbeat's occurrences claimed but not yet fired: no longer wanted once it stops or changes. */
  async dropQueued(manager: EntityManager, heartbeatId: string): Promise<void> {
    await manager.query(`DELETE FROM executions WHERE heartbeat_id = $1 AND type = 'heartbeat' AND status = 'queued'`, [heartbeatId]);
  }

  /**
   * Marks up to `limit` queued executions due within `lookaheadMs` as enqueued, soonest first: those
   * never enqueued, or enqueued over `requeueAfterMs` ago (their job lost with Redis).
   */
  async claimForQueue(manager: EntityManager, lookaheadMs: number, limit: number, requeueAfterMs: number): Promise<ClaimedExecution[]> {
    const [rows] = await manager.query(
      `UPDATE executions SET enqueued_at = now() WHERE id IN (
         SELECT id FROM executions
          WHERE status = 'queued' AND scheduled_for <= now() + $1 * interval '1 millisecond'
            AND (enqueued_at IS NULL OR enqueued_at < now() - $3 * interval '1 millisecond')
          ORDER BY scheduled_for LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, scheduled_for`,
      [lookaheadMs, limit, requeueAfterMs],
    );
    return rows;
  }

  /** Dispatches that died half-way (running, no run yet, for over `afterMs`): enqueued again; returned. */
  async requeueStuck(afterMs: number): Promise<ClaimedExecution[]> {
    const [rows]: [ClaimedExecution[]] = await this.dataSource.query(
      `UPDATE executions SET enqueued_at = now()
        WHERE status = 'running' AND run_id IS NULL AND coalesce(enqueued_at, fired_at) < now() - $1 * interval '1 millisecond'
        RETURNING id, scheduled_for`,
      [afterMs],
    );
    return rows;
  }

  /**
   * Executions running for over `runLostAfterMs` whose run the runtime never reported on: not
   * while a dispatch of them may still be taken (the runtime would run it after all).
   */
  async lost(runLostAfterMs: number, dispatchTimeoutMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM executions WHERE status = 'running' AND fired_at < now() - $1 * interval '1 millisecond'
          AND (run_id IS NOT NULL OR coalesce(enqueued_at, fired_at) < now() - $2 * interval '1 millisecond') LIMIT 1000`,
      [runLostAfterMs, dispatchTimeoutMs],
    );
    return rows.map((row) => row.id);
  }

  /** Records the runs the runtime accepted for these executions (where none is recorded yet). */
  async recordRunIds(accepted: Array<[executionId: string, runId: string]>): Promise<void> {
    await this.dataSource.query(
      `UPDATE executions e SET run_id = a.run_id FROM unnest($1::text[], $2::text[]) AS a(id, run_id) WHERE e.id = a.id AND e.run_id IS NULL`,
      [accepted.map(([id]) => id), accepted.map(([, run]) => run)],
    );
  }

  /** The heartbeats these executions belong to. */
  async heartbeatIdsOf(manager: EntityManager, executionIds: string[]): Promise<string[]> {
    const rows: Array<{ heartbeat_id: string }> = await manager.query(
      `SELECT DISTINCT heartbeat_id FROM executions WHERE id = ANY($1) AND heartbeat_id IS NOT NULL`,
      [executionIds],
    );
    return rows.map((row) => row.heartbeat_id);
  }

  /** Locks those of these executions not ended yet, in id order. */
  async lockOpen(manager: EntityManager, executionIds: string[]): Promise<ExecutionRow[]> {
    return manager.query(`SELECT * FROM executions WHERE id = ANY($1) AND status IN ('queued', 'running') ORDER BY id FOR UPDATE`, [executionIds]);
  }

  /** Those of these heartbeats with an execution running. */
  async heartbeatsRunning(manager: EntityManager, heartbeatIds: string[]): Promise<string[]> {
    const rows: Array<{ heartbeat_id: string }> = await manager.query(
      `SELECT DISTINCT heartbeat_id FROM executions WHERE heartbeat_id = ANY($1) AND status = 'running'`,
      [heartbeatIds],
    );
    return rows.map((row) => row.heartbeat_id);
  }

  async deleteMany(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`DELETE FROM executions WHERE id = ANY($1)`, [ids]);
  }

  /** Marks these executions fired now; returns them. */
  async markFired(manager: EntityManager, ids: string[]): Promise<ExecutionRow[]> {
    const [rows]: [ExecutionRow[]] = await manager.query(`UPDATE executions SET status = 'running', fired_at = now() WHERE id = ANY($1) RETURNING *`, [ids]);
    return rows;
  }

  /** Ends an execution with its outcome, once: undefined when it had already ended. */
  async finish(manager: EntityManager, id: string, outcome: Outcome): Promise<ExecutionRow | undefined> {
    const [rows]: [ExecutionRow[]] = await manager.query(
      `UPDATE executions SET status = $2, response = $3, error = $4, duration_ms = $5, tokens_used = $6, credits_charged = $7,
              run_id = coalesce(run_id, $8), fired_at = coalesce(fired_at, now()), finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
      [
        id,
        outcome.status,
        outcome.response ?? null,
        outcome.error ? JSON.stringify(outcome.error) : null,
        outcome.durationMs ?? null,
        outcome.tokens ?? null,
        outcome.credits ?? null,
        outcome.runId ?? null,
      ],
    );
    return rows[0];
  }

  /** A page of the bot's history (fired or skipped executions, newest first), with the total. */
  async logPage(filter: Omit<HeartbeatLogsRequest, 'page' | 'perPage'>, limit: number, offset: number): Promise<{ rows: ExecutionRow[]; total: number }> {
    const where = `tenant_id = $1 AND bot_id = $2 AND status <> 'queued'
       AND ($3::text IS NULL OR heartbeat_id = $3) AND ($4::text IS NULL OR member_id = $4) AND ($5::text IS NULL OR status = $5)`;
    const filters = [filter.tenantId, filter.botId, filter.heartbeatId ?? null, filter.memberId ?? null, filter.status ?? null];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM executions WHERE ${where}`, filters);
    const rows: ExecutionRow[] = await this.dataSource.query(
      `SELECT * FROM executions WHERE ${where} ORDER BY coalesce(fired_at, scheduled_for) DESC, id LIMIT $6 OFFSET $7`,
      [...filters, limit, offset],
    );
    return { rows, total };
  }

  /** The bot's executions ended since `since`, summed by type and status, and counted by UTC day and status. */
  async tallies(tenantId: string, botId: string, since: Date): Promise<{ tallies: Tally[]; daily: Array<{ date: string; status: string; count: number }> }> {
    const ended = `tenant_id = $1 AND bot_id = $2 AND status IN ('success', 'error', 'skipped') AND scheduled_for >= $3`;
    const params = [tenantId, botId, since];
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
    return { tallies, daily };
  }
}
