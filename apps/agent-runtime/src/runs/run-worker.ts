import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Anthropic from '@anthropic-ai/sdk';
import type { EntityManager } from 'typeorm';
import { RunErrors } from '@hb/contracts';
import { InjectEnv, KickedLoop, Outbox, type Emit } from '@hb/platform';
import { AgentsService } from '../agents/agents.service';
import type { AgentRuntimeEnv } from '../config/env';
import { AgentTurn, newProgress, type TurnResult } from './agent-turn';
import { McpToolbox } from '../mcp/mcp-toolbox';
import { MemoryExtraction } from './memory-extraction';
import { MessagesRepository, type Answer } from './messages.repository';
import { OVERDUE, creditsFor, historyOf, runEndedEvent, stoppedBy, type StopReason } from './run-rules';
import { RunMetrics } from './run-metrics';
import { RunStreams, type StreamWriter } from './run-stream';
import { RunFailure, runView, type RunRow } from './run-rows';
import { RunsRepository } from './runs.repository';

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
    private readonly runs: RunsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: Outbox,
    private readonly turn: AgentTurn,
    private readonly agents: AgentsService,
    private readonly extraction: MemoryExtraction,
    private readonly streams: RunStreams,
    private readonly mcp: McpToolbox,
    private readonly metrics: RunMetrics,
    @InjectEnv() private readonly env: AgentRuntimeEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.loop.stop();
    // Runs in flight go back to the queue for another replica, not to a timeout.
    for (const controller of this.running.values()) controller.abort();
    if (this.running.size) await this.runs.requeue([...this.running.keys()]).catch(() => undefined);
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
      const run = await this.runs.claimNext(this.env.RUN_TIMEOUT_MS);
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
      const run = await this.runs.claimForExtraction();
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

  private async execute(run: RunRow, controller: AbortController): Promise<RunRow | undefined> {
    const timeout = setTimeout(() => controller.abort(), Math.max(0, run.deadline_at!.getTime() - Date.now()));
    const stream = run.stream_id ? this.streams.writer(run.stream_id) : undefined;
    const progress = newProgress();
    try {
      const [{ agent, skills }, history, mcpServers] = await Promise.all([
        this.agents.withSkills(run.agent_id),
        this.history(run.conversation_id),
        this.mcp.serversOf(run.agent_id),
      ]);
      const result = await this.turn.run(run, agent, {
        history,
        skills,
        mcpServers,
        signal: controller.signal,
        maxRounds: this.env.MAX_TOOL_ROUNDS,
        stream,
        progress,
      });
      const ended = await this.finish(run, { result }, stream);
      if (!ended) await this.keepInterrupted(run, result);
      return ended;
    } catch (error) {
      if (this.stopping && controller.signal.aborted) return undefined; // handed back to the queue on shutdown
      const failure =
        error instanceof RunFailure ? error : new RunFailure(RunErrors.Internal, error instanceof Error ? error.message : String(error));
      if (failure.code === RunErrors.Internal) this.logger.error(`run ${run.id} failed: ${failure.message}`);
      let ended: RunRow | undefined;
      try {
        ended = await this.finish(run, { failure }, stream);
      } catch (e) {
        this.logger.error(`recording run ${run.id} failed: ${(e as Error).message}`);
        return undefined;
      }
      if (!ended) await this.keepInterrupted(run, progress);
      return ended;
    } finally {
      clearTimeout(timeout);
    }
  }

  /** The conversation so far as alternating user and assistant text. */
  private async history(conversationId: string): Promise<Anthropic.MessageParam[]> {
    return historyOf(await this.messages.lastTurns(conversationId, HISTORY_MESSAGES));
  }

  /**
   * Records the end of a run, the user's message, the answer and the event in one transaction; a
   * run already ended (by the orphan check) stays so.
   */
  private async finish(run: RunRow, outcome: { result: TurnResult } | { failure: RunFailure }, stream?: StreamWriter): Promise<RunRow | undefined> {
    const ended = await this.outbox.transaction(async (manager, emit) => {
      const ended = 'result' in outcome ? await this.complete(manager, run, outcome.result) : await this.fail(manager, run, outcome.failure);
      if (!ended) return undefined;
      await this.messages.addUserTurn(manager, run);
      if ('result' in outcome) await this.messages.addAnswer(manager, run, outcome.result);
      emit(runEndedEvent(ended));
      return ended;
    });
    if (ended) this.metrics.ended([ended]);
    if (ended && stream) await stream.end(runView(ended));
    return ended;
  }

  private async complete(manager: EntityManager, run: RunRow, result: TurnResult): Promise<RunRow | undefined> {
    return this.runs.complete(manager, run.id, {
      response: result.text,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      credits: creditsFor(result.inputTokens, result.outputTokens, this.env.TOKENS_PER_CREDIT),
      extractMemories: this.env.AUTO_MEMORY && result.extractable,
    });
  }

  private async fail(manager: EntityManager, run: RunRow, failure: RunFailure): Promise<RunRow | undefined> {
    return this.runs.fail(manager, run.id, { code: failure.code, message: failure.message });
  }

  /**
   * A run ended elsewhere while it ran here: when an invoke interrupted it, what it had written
   * (text, tool calls and their results, tokens) goes into the place held for its answer.
   */
  private async keepInterrupted(run: RunRow, progress: Answer): Promise<void> {
    try {
      await this.messages.fillInterrupted(run, progress);
    } catch (error) {
      this.logger.warn(`keeping what run ${run.id} wrote failed: ${(error as Error).message}`);
    }
  }

  /** Stops the model calls of runs ended meanwhile by someone else (a cancel, on any replica). */
  private async abortEnded(): Promise<void> {
    if (this.running.size === 0) return;
    for (const id of await this.runs.endedAmong([...this.running.keys()])) this.running.get(id)?.abort();
  }

  /** Ends the conversation's unfinished runs as cancelled, with their events; the latest run. */
  async cancel(conversationId: string): Promise<RunRow[]> {
    const cancelled = await this.outbox.transaction((manager, emit) => this.stopIn(manager, emit, conversationId, 'cancel'));
    await this.release(cancelled);
    return cancelled;
  }

  /** In the caller's transaction, the conversation's unfinished runs end; an interrupted turn's message stays. */
  async stopIn(manager: EntityManager, emit: Emit, conversationId: string, why: StopReason): Promise<RunRow[]> {
    const rows = await this.runs.failUnfinishedOf(manager, conversationId, stoppedBy(why));
    if (why === 'interrupt') {
      for (const row of rows) {
        await this.messages.addUserTurn(manager, row);
        if (row.started_at) await this.messages.addInterruptedAnswer(manager, row); // it was running: it may have written something
      }
    }
    rows.forEach((row) => emit(runEndedEvent(row)));
    return rows;
  }

  /** Once a stop has committed: the stopped runs' model calls here end, and their streams close. */
  async release(stopped: RunRow[]): Promise<void> {
    this.metrics.ended(stopped);
    for (const row of stopped) this.running.get(row.id)?.abort();
    await Promise.all(stopped.filter((row) => row.stream_id).map((row) => this.streams.end(row.stream_id!, runView(row))));
  }

  /** Runs whose worker died (deadline long past): failed with run_timeout, their event emitted. */
  private async failOrphans(): Promise<void> {
    const orphans = await this.outbox.transaction(async (manager, emit) => {
      const rows = await this.runs.failOverdue(manager, ORPHAN_GRACE_MS, [...this.running.keys()], OVERDUE);
      for (const row of rows) emit(runEndedEvent(row));
      return rows;
    });
    await this.release(orphans); // none runs here: only their streams close
  }
}
