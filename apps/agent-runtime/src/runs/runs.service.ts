import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  ErrorCodes,
  type ConversationView,
  type ConversationsRequest,
  type InvokeRequest,
  type MessageView,
  type MessagesRequest,
  type Page,
  type RunStatusRequest,
  type RunView,
} from '@hb/contracts';
import { AgentsService } from '../agents/agents.service';
import { newId } from '../ids';
import { runView, type RunRow } from './run-rows';
import { RunWorker } from './run-worker';

/** Longest an invoke with wait: true is held; the gateway's deadline for it is longer. */
export const WAIT_LIMIT_MS = 290_000;

/** Spec 000's invoke and status, and the conversations and messages they leave. */
@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agents: AgentsService,
    private readonly worker: RunWorker,
  ) {}

  async invoke(input: InvokeRequest): Promise<RunView> {
    const first = input.idempotencyKey ? await this.byIdempotencyKey(input) : undefined;
    if (!first && input.trigger === 'heartbeat') await this.requireHeartbeatFlag(input);
    const { run, replayed } = first ? { run: first, replayed: true } : await this.enqueue(input);
    // A run that started running at its invoke goes now, here; a queued one waits for a claim.
    let ended: Promise<RunRow | undefined> | undefined;
    if (!replayed && run.status === 'running') ended = this.worker.start(run);
    else this.worker.kick();
    const view = runView(input.wait ? ((await ended) ?? (await this.waitFor(run))) : run);
    return replayed ? { ...view, replayed: true } : view;
  }

  async status(input: RunStatusRequest): Promise<RunView> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM runs WHERE conversation_id = $1 AND agent_id = $2 AND tenant_id = $3 ORDER BY created_at DESC LIMIT 1`,
      [input.conversationId, input.agentId, input.tenantId],
    );
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${input.conversationId} not found`, 'conversationId');
    return runView(row);
  }

  async cancel(input: RunStatusRequest): Promise<RunView> {
    const current = await this.status(input);
    await this.worker.cancel(current.conversation_id);
    return this.status(input);
  }

  async conversations(input: ConversationsRequest): Promise<Page<ConversationView>> {
    await this.agents.get(input);
    const rows = await this.dataSource.query(
      `SELECT c.id, c.agent_id, c.created_at, c.updated_at,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)::int AS messages,
              count(*) OVER ()::int AS total
         FROM conversations c WHERE c.agent_id = $1 AND c.tenant_id = $2
        ORDER BY c.updated_at DESC, c.id LIMIT $3 OFFSET $4`,
      [input.agentId, input.tenantId, input.limit, (input.page - 1) * input.limit],
    );
    return {
      data: rows.map((r: Record<string, unknown> & { created_at: Date; updated_at: Date }) => ({
        id: r.id,
        agent_id: r.agent_id,
        created_at: r.created_at.toISOString(),
        updated_at: r.updated_at.toISOString(),
        messages: r.messages,
      })),
      total: rows[0]?.total ?? 0,
    };
  }

  async messages(input: MessagesRequest): Promise<Page<MessageView>> {
    await this.conversation(this.dataSource.manager, input);
    const rows = await this.dataSource.query(
      `SELECT id, role, content, tool_calls, input_tokens, output_tokens, run_id, created_at, count(*) OVER ()::int AS total
         FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [input.conversationId, input.limit, (input.page - 1) * input.limit],
    );
    return {
      data: rows.map(({ total: _t, created_at, ...r }: MessageView & { total: number; created_at: Date }) => ({ ...r, created_at: created_at.toISOString() })),
      total: rows[0]?.total ?? 0,
    };
  }

  /**
   * One statement (atomic, one round trip): checks the agent, finds or starts the conversation,
   * and adds the run. A new conversation has no run ahead of this one, so with room on this
   * replica the run starts running at once (no claim round trip); otherwise it queues.
   */
  private async enqueue(input: InvokeRequest): Promise<{ run: RunRow; replayed: boolean }> {
    const newConversation = newId('conv');
    const startNow = !input.conversationId && this.worker.hasCapacity();
    const [result]: Array<RunRow & { agents: number; conversations: number }> = await this.dataSource.query(
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
        newId('run'),
        input.tenantId,
        input.agentId,
        input.conversationId ?? null,
        input.trigger,
        input.message,
        JSON.stringify(input.memoryQuota),
        input.idempotencyKey ?? null,
        input.streamId ?? null,
        startNow,
        this.worker.timeoutMs,
        newConversation,
      ],
    );
    if (result.agents === 0) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${input.agentId} not found`, 'agentId');
    if (result.conversations === 0) {
      throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${input.conversationId} not found`, 'conversation_id');
    }
    if (result.id) {
      const { agents: _a, conversations: _c, ...run } = result;
      return { run, replayed: false };
    }
    // The same Idempotency-Key raced in from a retry: the first run stands, and the conversation
    // this statement started for it goes.
    await this.dataSource.query(`DELETE FROM conversations c WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.conversation_id = c.id)`, [
      newConversation,
    ]);
    return { run: (await this.byIdempotencyKey(input))!, replayed: true };
  }

  /** A heartbeat runs a bot only while the bot says `heartbeat: true` (the bot API's flag). */
  private async requireHeartbeatFlag(input: InvokeRequest): Promise<void> {
    const [agent]: Array<{ heartbeat: boolean }> = await this.dataSource.query(`SELECT heartbeat FROM agents WHERE id = $1 AND tenant_id = $2`, [
      input.agentId,
      input.tenantId,
    ]);
    if (!agent) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${input.agentId} not found`, 'agentId');
    if (!agent.heartbeat) throw new DomainError(ErrorCodes.FeatureNotEnabled, `Bot ${input.agentId} does not have heartbeat enabled`, 'agentId');
  }

  private async byIdempotencyKey(input: InvokeRequest): Promise<RunRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM runs WHERE agent_id = $1 AND tenant_id = $2 AND idempotency_key = $3`, [
      input.agentId,
      input.tenantId,
      input.idempotencyKey,
    ]);
    return row;
  }

  private async conversation(manager: EntityManager, ref: { tenantId: string; agentId: string; conversationId: string }): Promise<{ id: string }> {
    const [row] = await manager.query(`SELECT id FROM conversations WHERE id = $1 AND agent_id = $2 AND tenant_id = $3`, [
      ref.conversationId,
      ref.agentId,
      ref.tenantId,
    ]);
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Conversation ${ref.conversationId} not found`, 'conversation_id');
    return row;
  }

  /** Until the run ends (here or on another replica) or the wait limit passes. */
  private async waitFor(run: RunRow): Promise<RunRow> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      // Woken at once when this replica runs it; a run elsewhere is seen on the next look.
      const finished = this.worker.whenFinished(run.id, Math.max(0, Math.min(500, deadline - Date.now())));
      const [row]: RunRow[] = await this.dataSource.query(`SELECT * FROM runs WHERE id = $1`, [run.id]);
      if (row.status === 'completed' || row.status === 'failed' || Date.now() >= deadline) return row;
      await finished;
    }
  }
}

