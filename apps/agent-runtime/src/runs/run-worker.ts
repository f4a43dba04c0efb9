import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Anthropic from '@anthropic-ai/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { AgentEventTypes, Topics, type AgentRunEventPayload } from '@hb/contracts';
import { KickedLoop, Outbox, PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
import { AgentsService } from '../agents/agents.service';
import type { AgentRuntimeEnv } from '../config/env';
import { newId } from '../ids';
import { AgentTurn, type TurnResult } from './agent-turn';
import { MemoryExtraction } from './memory-extraction';
import { RunStreams, type StreamWriter } from './run-stream';
import { RunErrors, RunFailure, runView, type RunRow } from './run-rows';

/**
 * How often a replica looks for runs it was not told about (queued on a busy replica, or one
 * that died) and for runs of its own cancelled elsewhere. Its own invokes and finished runs kick
 * it at once, so this is only how late such work can start.
 */
const POLL_MS = 1000;
/** A run past its deadline by this much has lost its worker (a crash): it is failed for it. */
const ORPHAN_GRACE_MS = 5000;
/** How often a replica looks for such runs. */
const ORPHAN_CHECK_MS = 2000;
/** Memory extractions one replica runs at once, beside its runs. */
const EXTRACTION_CONCURRENCY = 4;
/** Conversation turns given to the model as history. */
const HISTORY_MESSAGES = 40;

/**
 * Executes runs. Postgres holds the queue: a run is claimed by moving it from pending to running,
 * oldest first, never while another run of its conversation is running or waiting ahead of it (a
 * unique index allows one running run per conversation), so turns of one conversation never
 * interleave. Every replica claims, so runs survive the replica that accepted them.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunWorker.name);
  private readonly env: AgentRuntimeEnv;
  private readonly finished = new Map<string, Array<() => void>>();
  private readonly running = new Map<string, AbortController>();
  private readonly loop = new KickedLoop(
    () => this.pump(),
    (error) => this.logger.warn(`claiming runs failed: ${error.message}`),
  );
  private stopping = false;
  private orphansCheckedAt = 0;
  private extracting = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly turn: AgentTurn,
    private readonly agents: AgentsService,
    private readonly extraction: MemoryExtraction,
    private readonly streams: RunStreams,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    this.env = options.env as AgentRuntimeEnv;
  }

  onApplicationBootstrap(): void {
    this.loop.start(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.loop.stop();
    // Runs in flight go back to the queue for another replica, not to a timeout.
    for (const controller of this.running.values()) controller.abort();
    if (this.running.size) {
      await this.dataSource
        .query(`UPDATE runs SET status = 'pending', started_at = NULL, deadline_at = NULL WHERE id = ANY($1) AND status = 'running'`, [
          [...this.running.keys()],
        ])
        .catch(() => undefined);
    }
  }

  get timeoutMs(): number {
    return this.env.RUN_TIMEOUT_MS;
  }

  hasCapacity(): boolean {
    return this.running.size < this.env.RUN_CONCURRENCY && !this.stopping;
  }

  /**
   * Executes a run already marked running (claimed, or started running by its invoke); resolves
   * with the run as it ended, or undefined when it was ended elsewhere (cancelled).
   */
  start(run: RunRow): Promise<RunRow | undefined> {
    const controller = new AbortController();
    this.running.set(run.id, controller);
    return this.execute(run, controller).finally(() => {
      this.running.delete(run.id);
      [...(this.finished.get(run.id) ?? [])].forEach((done) => done());
      this.kick();
    });
  }

  /** Looks for work now: after an invoke, and when a run ends. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when the run has ended here, or after `ms` (the caller then reads its state). */
  whenFinished(runId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.finished.get(runId) ?? [];
      const done = () => {
        clearTimeout(timer);
        const left = (this.finished.get(runId) ?? []).filter((other) => other !== done);
        if (left.length) this.finished.set(runId, left);
        else this.finished.delete(runId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      list.push(done);
      this.finished.set(runId, list);
    });
  }

  private async pump(): Promise<void> {
    await this.abortEnded();
    if (Date.now() - this.orphansCheckedAt >= ORPHAN_CHECK_MS) {
      this.orphansCheckedAt = Date.now();
      await this.failOrphans();
    }
    while (this.hasCapacity()) {
      const run = await this.claim();
      if (!run) break;
      void this.start(run);
    }
    await this.extractPending();
  }

  /**
   * Extracts the memories of completed runs, oldest first, claimed once (a replica dying in the
   * middle skips that run's extraction rather than risk doing it twice).
   */
  private async extractPending(): Promise<void> {
    while (this.extracting < EXTRACTION_CONCURRENCY && !this.stopping) {
      const [rows] = await this.dataSource.query(
        `UPDATE runs SET memories_extracted_at = now()
          WHERE id = (SELECT id FROM runs WHERE status = 'completed' AND memories_extracted_at IS NULL
                       ORDER BY finished_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
      );
      const run: RunRow | undefined = rows[0];
      if (!run) return;
      this.extracting++;
      void (async () => {
        const { agent } = await this.agents.withSkills(run.agent_id);
        await this.extraction.extract(run, agent);
      })()
        .catch((error: Error) => this.logger.warn(`extracting memories of run ${run.id} failed: ${error.message}`))
        .finally(() => this.extracting--);
    }
  }

  private async claim(): Promise<RunRow | null> {
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
        [this.env.RUN_TIMEOUT_MS],
      );
      return rows[0] ?? null;
    } catch (error) {
      // Another replica started a run of the same conversation first: the index said no.
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  private async execute(run: RunRow, controller: AbortController): Promise<RunRow | undefined> {
    const timeout = setTimeout(() => controller.abort(), Math.max(0, run.deadline_at!.getTime() - Date.now()));
    const stream = run.stream_id ? this.streams.writer(run.stream_id) : undefined;
    try {
      const [{ agent, skills }, history] = await Promise.all([this.agents.withSkills(run.agent_id), this.history(run.conversation_id)]);
      const result = await this.turn.run(run, agent, {
        history,
        skills,
        signal: controller.signal,
        maxRounds: this.env.MAX_TOOL_ROUNDS,
        stream,
      });
      return await this.finish(run, { result }, stream);
    } catch (error) {
      if (this.stopping && controller.signal.aborted) return undefined; // handed back to the queue on shutdown
      const failure =
        error instanceof RunFailure ? error : new RunFailure(RunErrors.Internal, error instanceof Error ? error.message : String(error));
      if (failure.code === RunErrors.Internal) this.logger.error(`run ${run.id} failed: ${failure.message}`);
      return await this.finish(run, { failure }, stream).catch((e: Error) => {
        this.logger.error(`recording run ${run.id} failed: ${e.message}`);
        return undefined;
      });
    } finally {
      clearTimeout(timeout);
    }
  }

  /** The conversation so far as alternating user and assistant text. */
  private async history(conversationId: string): Promise<Anthropic.MessageParam[]> {
    const rows: Array<{ role: 'user' | 'assistant'; content: string }> = await this.dataSource.query(
      `SELECT role, content FROM (SELECT seq, role, content FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq`,
      [conversationId, HISTORY_MESSAGES],
    );
    const merged: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    for (const row of rows) {
      const last = merged.at(-1);
      if (last?.role === row.role) last.content += `\n\n${row.content}`;
      else merged.push({ ...row });
    }
    while (merged[0]?.role === 'assistant') merged.shift();
    // The new message is a user turn: a trailing user turn (a failed run's) is merged into it by
    // the API's rules, so history ends with the last assistant answer.
    if (merged.at(-1)?.role === 'user') merged.pop();
    return merged;
  }

  /**
   * Records the end of a run, the user's message, the answer and the event in one transaction; a
   * run already ended (by the orphan check) stays so.
   */
  private async finish(run: RunRow, outcome: { result: TurnResult } | { failure: RunFailure }, stream?: StreamWriter): Promise<RunRow | undefined> {
    const ended = await this.outbox.transaction(async (manager, emit) => {
      const ended = 'result' in outcome ? await this.complete(manager, run, outcome.result) : await this.fail(manager, run, outcome.failure);
      if (!ended) return undefined;
      await manager.query(
        `INSERT INTO messages (id, conversation_id, run_id, role, content, blocks, created_at) VALUES ($1, $2, $3, 'user', $4, $5, $6)`,
        [newId('msg'), run.conversation_id, run.id, run.message, JSON.stringify([{ type: 'text', text: run.message }]), run.started_at],
      );
      if ('result' in outcome) await this.answer(manager, run, outcome.result);
      emit(this.event(ended));
      return ended;
    });
    if (ended && stream) await stream.end(runView(ended));
    return ended;
  }

  private async complete(manager: EntityManager, run: RunRow, result: TurnResult): Promise<RunRow | undefined> {
    const credits = Math.ceil((result.inputTokens + result.outputTokens) / this.env.TOKENS_PER_CREDIT);
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'completed', response = $2, input_tokens = $3, output_tokens = $4, credits = $5, finished_at = now(),
              memories_extracted_at = CASE WHEN $6 THEN NULL ELSE now() END
        WHERE id = $1 AND status = 'running' RETURNING *`,
      [run.id, result.text, result.inputTokens, result.outputTokens, credits, this.env.AUTO_MEMORY && result.extractable],
    );
    return rows[0];
  }

  private async answer(manager: EntityManager, run: RunRow, result: TurnResult): Promise<void> {
    await manager.query(
      `INSERT INTO messages (id, conversation_id, run_id, role, content, blocks, tool_calls, input_tokens, output_tokens)
       VALUES ($1, $2, $3, 'assistant', $4, $5, $6, $7, $8)`,
      [
        newId('msg'),
        run.conversation_id,
        run.id,
        result.text,
        JSON.stringify([{ type: 'text', text: result.text }]),
        JSON.stringify(result.toolCalls),
        result.inputTokens,
        result.outputTokens,
      ],
    );
    await manager.query(`UPDATE conversations SET updated_at = now() WHERE id = $1`, [run.conversation_id]);
  }

  private async fail(manager: EntityManager, run: RunRow, failure: RunFailure): Promise<RunRow | undefined> {
    const [rows] = await manager.query(
      `UPDATE runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running' RETURNING *`,
      [run.id, JSON.stringify({ code: failure.code, message: failure.message })],
    );
    return rows[0];
  }

  /** Stops the model calls of runs ended meanwhile by someone else (a cancel, on any replica). */
  private async abortEnded(): Promise<void> {
    if (this.running.size === 0) return;
    const ended: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM runs WHERE id = ANY($1) AND status <> 'running'`, [
      [...this.running.keys()],
    ]);
    for (const { id } of ended) this.running.get(id)?.abort();
  }

  /** Ends the conversation's unfinished runs as cancelled, with their events; the latest run. */
  async cancel(conversationId: string): Promise<RunRow[]> {
    const cancelled = await this.outbox.transaction(async (manager, emit) => {
      const [rows] = await manager.query(
        `UPDATE runs SET status = 'failed', error = $2, finished_at = now()
          WHERE conversation_id = $1 AND status IN ('pending', 'running') RETURNING *`,
        [conversationId, JSON.stringify({ code: RunErrors.Cancelled, message: 'the run was cancelled' })],
      );
      for (const row of rows as RunRow[]) emit(this.event(row));
      return rows as RunRow[];
    });
    for (const row of cancelled) {
      this.running.get(row.id)?.abort();
      if (row.stream_id) await this.streams.end(row.stream_id, runView(row));
    }
    return cancelled;
  }

  /** Runs whose worker died (deadline long past): failed with run_timeout, their event emitted. */
  private async failOrphans(): Promise<void> {
    const orphans = await this.outbox.transaction(async (manager, emit) => {
      const [rows] = await manager.query(
        `UPDATE runs SET status = 'failed', error = $1, finished_at = now()
          WHERE status = 'running' AND deadline_at < now() - $2 * interval '1 millisecond' AND NOT (id = ANY($3))
          RETURNING *`,
        [JSON.stringify({ code: RunErrors.Timeout, message: 'the run did not finish before its timeout' }), ORPHAN_GRACE_MS, [...this.running.keys()]],
      );
      for (const row of rows as RunRow[]) emit(this.event(row));
      return rows as RunRow[];
    });
    for (const row of orphans) if (row.stream_id) await this.streams.end(row.stream_id, runView(row));
  }

  private event(row: RunRow) {
    const payload: AgentRunEventPayload = {
      ...runView(row),
      agent_id: row.agent_id,
      tenant_id: row.tenant_id,
      trigger: row.trigger,
      duration_ms: row.started_at && row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : 0,
      idempotency_key: row.idempotency_key,
    };
    return {
      topic: Topics.AgentEvents,
      aggregateId: row.conversation_id,
      tenantId: row.tenant_id,
      type: row.status === 'completed' ? AgentEventTypes.RunCompleted : AgentEventTypes.RunFailed,
      payload,
    };
  }
}
