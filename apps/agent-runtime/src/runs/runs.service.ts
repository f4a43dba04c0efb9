import { Injectable } from '@nestjs/common';
import {
  AgentCommands,
  DomainError,
  ErrorCodes,
  RunWaits,
  type ConversationsRequest,
  type ConversationView,
  type InvokeRequest,
  type MessagesRequest,
  type MessageView,
  type Page,
  type RunStatusRequest,
  type RunView,
} from '@hb/contracts';
import { OnCommand, Outbox, prefixedId } from '@hb/platform';
import { AgentsRepository } from '../agents/agents.repository';
import { AgentsService } from '../agents/agents.service';
import { ConversationsRepository, type ConversationRef } from './conversations.repository';
import { MessagesRepository } from './messages.repository';
import { runView, type RunRow } from './run-rows';
import { RunWorker } from './run-worker';
import { RunsRepository, type Enqueued, type NewRun } from './runs.repository';

/** Spec 000's invoke and status, and the conversations and messages they leave. */
@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly conversationRows: ConversationsRepository,
    private readonly messageRows: MessagesRepository,
    private readonly agentRows: AgentsRepository,
    private readonly agents: AgentsService,
    private readonly worker: RunWorker,
    private readonly outbox: Outbox,
  ) {}

  // An invoke may wait minutes for its run: it must not hold the consumer meanwhile. The run
  // is durable in Postgres before the handler waits.
  @OnCommand(AgentCommands.Invoke, { detached: true })
  async invoke(input: InvokeRequest): Promise<RunView> {
    const first = input.idempotencyKey ? await this.runs.byIdempotencyKey(input) : undefined;
    if (!first && input.trigger === 'heartbeat') await this.requireHeartbeatFlag(input);
    const { run, replayed } = first ? { run: first, replayed: true } : await this.enqueue(input);
    // A run that started running at its invoke goes now, here; a queued one waits for a claim.
    let ended: Promise<RunRow | undefined> | undefined;
    if (!replayed && run.status === 'running') ended = this.worker.start(run);
    else this.worker.kick();
    const view = runView(input.wait ? ((await ended) ?? (await this.waitFor(run))) : run);
    return replayed ? { ...view, replayed: true } : view;
  }

  @OnCommand(AgentCommands.RunStatus)
  async status(input: RunStatusRequest): Promise<RunView> {
    const row = await this.runs.latestOf(input);
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${input.conversationId} not found`, 'conversationId');
    return runView(row);
  }

  @OnCommand(AgentCommands.Cancel)
  async cancel(input: RunStatusRequest): Promise<RunView> {
    const current = await this.status(input);
    await this.worker.cancel(current.conversation_id);
    return this.status(input);
  }

  @OnCommand(AgentCommands.Conversations)
  async conversations(input: ConversationsRequest): Promise<Page<ConversationView>> {
    await this.agents.get(input);
    const { rows, total } = await this.conversationRows.page(input.tenantId, input.agentId, input.limit, (input.page - 1) * input.limit);
    return {
      data: rows.map((row) => ({
        id: row.id,
        agent_id: row.agent_id,
        created_at: row.created_at.toISOString(),
        updated_at: row.updated_at.toISOString(),
        messages: row.messages,
      })),
      total,
    };
  }

  @OnCommand(AgentCommands.Messages)
  async messages(input: MessagesRequest): Promise<Page<MessageView>> {
    await this.requireConversation(input);
    const { rows, total } = await this.messageRows.page(input.conversationId, input.limit, (input.page - 1) * input.limit);
    return { data: rows.map(({ created_at, ...row }) => ({ ...row, created_at: created_at.toISOString() })), total };
  }

  /**
   * Adds the run, starting its conversation when none is named. A new conversation has no run
   * ahead of this one, so with room on this replica the run starts running at once (no claim
   * round trip); otherwise it queues.
   */
  private async enqueue(input: InvokeRequest): Promise<{ run: RunRow; replayed: boolean }> {
    const newConversationId = prefixedId('conv');
    const run = { ...input, id: prefixedId('run'), newConversationId };
    const { conversationId, ifBusy } = input;
    const result =
      conversationId && (ifBusy === 'reject' || ifBusy === 'interrupt')
        ? await this.enqueueIfBusy({ ...run, conversationId }, ifBusy)
        : await this.runs.enqueue(run, !conversationId && this.worker.hasCapacity(), this.worker.timeoutMs);
    if (result.busy) {
      throw new DomainError(ErrorCodes.ConversationBusy, `Conversation ${conversationId} is busy: run ${result.busy.id} is ${result.busy.status}`, 'conversation_id');
    }
    if (result.agents === 0) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${input.agentId} not found`, 'agentId');
    if (result.conversations === 0) {
      throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${input.conversationId} not found`, 'conversation_id');
    }
    if (result.run) return { run: result.run, replayed: false };
    // The same Idempotency-Key raced in from a retry: the first run stands, and the conversation
    // this statement started for it goes.
    await this.conversationRows.deleteIfEmpty(newConversationId);
    return { run: (await this.runs.byIdempotencyKey(input))!, replayed: true };
  }

  /**
   * Double texting: under the conversation's lock, a run going or waiting refuses this invoke
   * (reject) or ends as interrupted (interrupt) and this run queues, in one transaction. A
   * conversation not of this agent gets the plain enqueue's 404; a retry of an invoke already taken,
   * its replay.
   */
  private async enqueueIfBusy(run: NewRun & { conversationId: string }, ifBusy: 'reject' | 'interrupt'): Promise<Enqueued> {
    let stopped: RunRow[] = [];
    const result = await this.outbox.transaction(async (manager, emit) => {
      const { found, runs } = await this.runs.lockBusy(manager, run);
      const retried = async () => run.idempotencyKey !== undefined && (await this.runs.byIdempotencyKey(run, manager)) !== undefined;
      if (found && runs.length > 0 && !(await retried())) {
        if (ifBusy === 'reject') return { agents: 1, conversations: 1, busy: runs[0] };
        stopped = await this.worker.stopIn(manager, emit, run.conversationId, 'interrupt');
      }
      return this.runs.enqueue(run, false, this.worker.timeoutMs, manager);
    });
    await this.worker.release(stopped);
    return result;
  }

  /** A heartbeat runs a bot only while the bot says `heartbeat: true` (the bot API's flag). */
  private async requireHeartbeatFlag(input: InvokeRequest): Promise<void> {
    const heartbeat = await this.agentRows.heartbeatFlag(input.tenantId, input.agentId);
    if (heartbeat === undefined) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${input.agentId} not found`, 'agentId');
    if (!heartbeat) throw new DomainError(ErrorCodes.FeatureNotEnabled, `Bot ${input.agentId} does not have heartbeat enabled`, 'agentId');
  }

  private async requireConversation(ref: ConversationRef): Promise<void> {
    if (!(await this.conversationRows.exists(ref))) {
      throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${ref.conversationId} not found`, 'conversation_id');
    }
  }

  /** Until the run ends (here or on another replica) or the wait limit passes. */
  private async waitFor(run: RunRow): Promise<RunRow> {
    const deadline = Date.now() + RunWaits.runtime;
    for (;;) {
      // Woken at once when this replica runs it; a run elsewhere is seen on the next look.
      const finished = this.worker.whenFinished(run.id, Math.max(0, Math.min(500, deadline - Date.now())));
      const row = (await this.runs.byId(run.id))!;
      if (row.status === 'completed' || row.status === 'failed' || Date.now() >= deadline) return row;
      await finished;
    }
  }
}

