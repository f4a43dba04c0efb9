import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RunRow } from './run-rows';

/** What an enqueue found (0: no such agent, or conversation) and the run it added, if any. */
export interface Enqueued {
  agents: number;
  conversations: number;
  run?: RunRow;
  /** The run in the way of an invoke that refused to queue behind it. */
  busy?: RunRow;
}

export interface NewRun {
  id: string;
  tenantId: string;
  agentId: string;
  /** The conversation to continue; none starts `newConversationId`. */
  conversationId?: string;
  newConversationId: string;
  trigger: RunRow['trigger'];
  message: string;
  memoryQuota: RunRow['memory_quota'];
  idempotencyKey?: string;
  streamId?: string;
}

export interface RunTotals {
  response: string;
  inputTokens: number;
  outputTokens: number;
  credits: number;
  /** Whether the run's memories are left for extraction (else they are marked done at once). */
  extractMemories: boolean;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The runs table as a queue: a run is pending, then running (claimed, with a deadline), then
 * completed or failed. A unique index allows one running run per conversation.
 */
@Injectable()
export class RunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Moves the oldest claimable pending run to running with a deadline `timeoutMs` ahead: none of a
   * conversation with a run running or an older one pending, so its turns never interleave. Null
   * when there is none, or another replica started a run of the same conversation first.
   */
  async claimNext(timeoutMs: number): Promise<RunRow | null> {
    try {
      const [rows] = await this.dataSource.query(
        `UPDATE runs SET status = 'running', started_at = now(), deadline_at = now() + $1 * interval '1 millisecond'
          WHERE id = (
            SELECT r.id FROM runs r
             WHERE r.status = 'pending'
               AND NOT EXISTS (SELECT 1 FROM runs x WHERE x.conversation_id = r.conversation_id AND x.status = 'running')
               AND NOT EXISTS (SELECT 1 FROM runs y WHERE y.conversation_id = r.conversation_id AND y.status = 'pending' AND y.created_at < r.created_at)
             ORDER BY r.created_at
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [timeoutMs],
      );
      return rows[0] ?? null;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** Claims the oldest completed run whose memories are not extracted yet, marking it done (at most once). */
  async claimForExtraction(): Promise<RunRow | undefined> {
    const [rows] = await this.dataSource.query(
      `UPDATE runs SET memories_extracted_at = now()
        WHERE id = (SELECT id FROM runs WHERE status = 'completed' AND memories_extracted_at IS NULL
                     ORDER BY finished_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
    );
    return rows[0];
  }

  /** Which of these runs are no longer running (ended elsewhere: a cancel, the orphan check). */
  async endedAmong(ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM runs WHERE id = ANY($1) AND status <> 'running'`, [ids]);
    return rows.map((row) => row.id);
  }

  /** Hands running runs back to the queue (their replica is stopping). */
  async requeue(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE runs SET status = 'pending', started_at = NULL, deadline_at = NULL WHERE id = ANY($1) AND status = 'running'`, [ids]);
  }

  /** Completes a running run; undefined when it had already ended. */
  async complete(manager: EntityManager, runId: string, totals: RunTotals): Promise<RunRow | undefined> {
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'completed', response = $2, input_tokens = $3, output_tokens = $4, credits = $5, finished_at = now(),
              memories_extracted_at = CASE WHEN $6 THEN NULL ELSE now() END
        WHERE id = $1 AND status = 'running' RETURNING *`,
      [runId, totals.response, totals.inputTokens, totals.outputTokens, totals.credits, totals.extractMemories],
    );
    return rows[0];
  }

  /** Fails a running run with its error; undefined when it had already ended. */
  async fail(manager: EntityManager, runId: string, error: { code: string; message: string }): Promise<RunRow | undefined> {
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running' RETURNING *`,
      [runId, JSON.stringify(error)],
    );
    return rows[0];
  }

  /** Fails every unfinished run of the conversation with this error; returns them. */
  async failUnfinishedOf(manager: EntityManager, conversationId: string, error: { code: string; message: string }): Promise<RunRow[]> {
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'failed', error = $2, finished_at = now()
        WHERE conversation_id = $1 AND status IN ('pending', 'running') RETURNING *`,
      [conversationId, JSON.stringify(error)],
    );
    return rows;
  }

  /** Fails runs still running `graceMs` past their deadline, but for `excluding`; returns them. */
  async failOverdue(manager: EntityManager, graceMs: number, excluding: string[], error: { code: string; message: string }): Promise<RunRow[]> {
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'failed', error = $1, finished_at = now()
        WHERE status = 'running' AND deadline_at < now() - $2 * interval '1 millisecond' AND NOT (id = ANY($3))
        RETURNING *`,
      [JSON.stringify(error), graceMs, excluding],
    );
    return rows;
  }

  async byId(id: string): Promise<RunRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM runs WHERE id = $1`, [id]);
    return row;
  }

  /** The conversation's latest run, if the conversation is the tenant's agent's. */
  async latestOf(ref: { tenantId: string; agentId: string; conversationId: string }): Promise<RunRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM runs WHERE conversation_id = $1 AND agent_id = $2 AND tenant_id = $3 ORDER BY created_at DESC LIMIT 1`,
      [ref.conversationId, ref.agentId, ref.tenantId],
    );
    return row;
  }

  async byIdempotencyKey(ref: { tenantId: string; agentId: string; idempotencyKey?: string }, manager = this.dataSource.manager): Promise<RunRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM runs WHERE agent_id = $1 AND tenant_id = $2 AND idempotency_key = $3`, [
      ref.agentId,
      ref.tenantId,
      ref.idempotencyKey,
    ]);
    return row;
  }

  /**
   * One statement (atomic, one round trip): checks the agent is the tenant's, finds the
   * conversation (or starts `newConversationId` when none is named), and adds the run, running at
   * once when `startNow` (with a deadline `timeoutMs` ahead) or else pending. Says how many agents
   * and conversations matched; no run comes back when the Idempotency-Key was taken meanwhile.
   */
  /**
   * Locks the conversation's row (of this tenant's agent; found: false otherwise) and answers its
   * runs going or waiting. An invoke that must not queue behind them decides under the lock: of two
   * such invokes the second sees the first's run.
   */
  async lockBusy(manager: EntityManager, ref: { tenantId: string; agentId: string; conversationId: string }): Promise<{ found: boolean; runs: RunRow[] }> {
    const locked: unknown[] = await manager.query(`SELECT id FROM conversations WHERE id = $1 AND tenant_id = $2 AND agent_id = $3 FOR UPDATE`, [
      ref.conversationId,
      ref.tenantId,
      ref.agentId,
    ]);
    if (locked.length === 0) return { found: false, runs: [] };
    const runs: RunRow[] = await manager.query(
      `SELECT * FROM runs WHERE conversation_id = $1 AND tenant_id = $2 AND agent_id = $3 AND status IN ('pending', 'running') ORDER BY created_at`,
      [ref.conversationId, ref.tenantId, ref.agentId],
    );
    return { found: true, runs };
  }

  async enqueue(run: NewRun, startNow: boolean, timeoutMs: number, manager = this.dataSource.manager): Promise<Enqueued> {
    const [result]: Array<RunRow & { agents: number; conversations: number }> = await manager.query(
      `WITH agent AS (SELECT id FROM agents WHERE id = $3 AND tenant_id = $2),
       existing AS (
         SELECT c.id FROM conversations c JOIN agent ON c.agent_id = agent.id
          WHERE $4::text IS NOT NULL AND c.id = $4 AND c.tenant_id = $2),
       created AS (
         INSERT INTO conversations (id, tenant_id, agent_id) SELECT $12, $2, agent.id FROM agent WHERE $4::text IS NULL RETURNING id),
       conversation AS (SELECT id FROM existing UNION ALL SELECT id FROM created),
       run AS (
         INSERT INTO runs (id, tenant_id, agent_id, conversation_id, status, trigger, message, memory_quota, idempotency_key, stream_id,
                           started_at, deadline_at)
         SELECT $1, $2, $3, conversation.id, CASE WHEN $10 THEN 'running' ELSE 'pending' END, $5, $6, $7, $8, $9,
                CASE WHEN $10 THEN now() END, CASE WHEN $10 THEN now() + $11 * interval '1 millisecond' END
           FROM conversation
         ON CONFLICT (agent_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *)
       SELECT (SELECT count(*) FROM agent)::int AS agents, (SELECT count(*) FROM conversation)::int AS conversations, run.*
         FROM (SELECT 1) AS one LEFT JOIN run ON true`,
      [
        run.id,
        run.tenantId,
        run.agentId,
        run.conversationId ?? null,
        run.trigger,
        run.message,
        JSON.stringify(run.memoryQuota),
        run.idempotencyKey ?? null,
        run.streamId ?? null,
        startNow,
        timeoutMs,
        run.newConversationId,
      ],
    );
    const { agents, conversations, ...row } = result;
    return { agents, conversations, run: row.id ? (row as RunRow) : undefined };
  }
}
