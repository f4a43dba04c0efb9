import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import {
  AgentCommands,
  type AgentView,
  type ConversationView,
  type MessageView,
  type Page,
  type RunView,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { TenantQuery } from '../api-keys/dto/list-api-keys.query';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { MemoryQuotaResolver } from '../memories/memory-quota.resolver';
import { idempotencyKeyOf } from '../http/idempotency-key';
import { CreateAgentDto, InvokeDto, PageQuery, UpdateAgentDto } from './dto/agent.dto';
import { RunStreamHub } from './run-stream-hub';

/** A client of spec 000 waits up to 300 s for a synchronous invoke; the runtime answers by 290 s. */
const INVOKE_WAIT_TIMEOUT_MS = 300_000;

/** The Agent API: agents (management), invoke and status (spec 000), conversations and messages. */
@ApiTags('Agent API')
@ApiBearerAuth()
@Controller('api/v1/agents')
export class AgentsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
    private readonly streams: RunStreamHub,
  ) {}

  @Post()
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Create an agent: name, instructions (system prompt), model, max_tokens, tools_enabled, heartbeat.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAgentDto): Promise<AgentView> {
    const { tenantId, ...fields } = body;
    return this.commands.request(AgentCommands.Create, { ...fields, tenantId: tenantOf(principal, tenantId) });
  }

  @Get()
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: "List the tenant's agents, newest first: {data, total}." })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<AgentView>> {
    return this.commands.request(AgentCommands.List, {
      tenantId: tenantOf(principal, query.tenantId),
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Get(':agentId')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'One agent.' })
  get(@CurrentPrincipal() principal: Principal, @Param('agentId') agentId: string, @Query() query: TenantQuery): Promise<AgentView> {
    return this.commands.request(AgentCommands.Get, { tenantId: tenantOf(principal, query.tenantId), agentId });
  }

  @Patch(':agentId')
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Change an agent; fields left out stay as they are.' })
  update(@CurrentPrincipal() principal: Principal, @Param('agentId') agentId: string, @Body() body: UpdateAgentDto): Promise<AgentView> {
    const { tenantId, ...fields } = body;
    return this.commands.request(AgentCommands.Update, { ...fields, tenantId: tenantOf(principal, tenantId), agentId });
  }

  @Delete(':agentId')
  @HttpCode(204)
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Delete an agent with its conversations. 204 No Content.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('agentId') agentId: string, @Query() query: TenantQuery): Promise<void> {
    await this.commands.request(AgentCommands.Delete, { tenantId: tenantOf(principal, query.tenantId), agentId });
  }

  @Post(':agentId/invoke')
  @Access({ scope: 'invoke:agents', agentParam: 'agentId' })
  @ApiOperation({
    summary:
      'Invoke the agent (spec 000). wait: true answers {status, response, conversation_id} when the run ends; otherwise 202 with conversation_id at once. ' +
      'conversation_id continues a conversation (its runs go one at a time, in order); an Idempotency-Key header makes a retry return the first run; ' +
      'stream: true answers Server-Sent Events: run, delta {text}, tool {name}, done (the run).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any printable ASCII up to 200 characters.' })
  @ApiResponse({ status: 200, schema: { example: { status: 'completed', response: 'Hello! How can I help?', conversation_id: 'conv_xyz789', run_id: 'run_abc' } } })
  @ApiResponse({ status: 202, schema: { example: { status: 'pending', conversation_id: 'conv_xyz789', run_id: 'run_abc' } } })
  async invoke(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Body() body: InvokeDto,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const idempotencyKey = idempotencyKeyOf(idempotencyKeyHeader);
    const tenantId = tenantOf(principal, body.tenantId);
    const wait = (body.wait ?? false) && !body.stream;
    const invoke = async (streamId?: string) =>
      this.commands.request(
        AgentCommands.Invoke,
        {
          tenantId,
          agentId,
          message: body.message,
          conversationId: body.conversation_id,
          idempotencyKey,
          wait,
          streamId,
          trigger: 'api',
          memoryQuota: await this.quotas.resolve(principal, tenantId),
        },
        { tenantId, ...(wait ? { timeoutMs: INVOKE_WAIT_TIMEOUT_MS } : {}) },
      );
    if (body.stream) return this.stream(res, invoke, { tenantId, agentId });
    res.status(wait ? 200 : 202).json(await invoke());
  }

  /**
   * stream: true — Server-Sent Events: `run` (run_id, conversation_id, status) at once, `delta`
   * ({text}) as the reply is generated, `tool` ({name}) when a tool is called, and `done` (the
   * run, as the status endpoint shows it) at the end. A replayed run (Idempotency-Key) or a lost
   * stream message is covered by the status: the stream then ends with the run's final state.
   */
  private async stream(
    res: Response,
    invoke: (streamId: string) => Promise<RunView>,
    ref: { tenantId: string; agentId: string },
  ): Promise<void> {
    const streamId = randomUUID();
    let ended = false;
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const send = (event: string, data: unknown) => {
      if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const end = (run: RunView) => {
      send('done', run);
      ended = true;
      res.end();
      settle();
    };
    const stop = await this.streams.listen(streamId, (message) => {
      if (message.type === 'delta') send('delta', { text: message.text });
      else if (message.type === 'tool') send('tool', { name: message.name });
      else end(message.run);
    });
    const keepAlive = setInterval(() => !ended && res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      ended = true;
      settle();
    });
    try {
      const run = await invoke(streamId);
      res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' }).flushHeaders();
      send('run', { run_id: run.run_id, conversation_id: run.conversation_id, status: run.status });
      if (run.status === 'completed' || run.status === 'failed') end(run);
      else if (run.replayed) void this.pollUntilEnded(run, ref, () => ended, end);
      await finished;
    } finally {
      clearInterval(keepAlive);
      stop();
    }
  }

  /** For a stream whose output goes elsewhere (a replayed run): the run's status until it ends. */
  private async pollUntilEnded(run: RunView, ref: { tenantId: string; agentId: string }, gone: () => boolean, end: (run: RunView) => void): Promise<void> {
    while (!gone()) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await this.commands.request(AgentCommands.RunStatus, { ...ref, conversationId: run.conversation_id }).catch(() => undefined);
      if (now && now.run_id === run.run_id && (now.status === 'completed' || now.status === 'failed')) return end(now);
    }
  }

  @Get(':agentId/invoke/:conversationId/status')
  @Access({ scope: 'invoke:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "The conversation's latest run: pending | running | completed (with response) | failed (with error)." })
  status(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() query: TenantQuery,
  ): Promise<RunView> {
    return this.commands.request(AgentCommands.RunStatus, { tenantId: tenantOf(principal, query.tenantId), agentId, conversationId });
  }

  @Post(':agentId/invoke/:conversationId/cancel')
  @HttpCode(200)
  @Access({ scope: 'invoke:agents', agentParam: 'agentId' })
  @ApiOperation({
    summary: "Cancel the conversation's unfinished runs: a running model call is stopped, queued runs never start. They end as failed with error code cancelled.",
  })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() query: TenantQuery,
  ): Promise<RunView> {
    return this.commands.request(AgentCommands.Cancel, { tenantId: tenantOf(principal, query.tenantId), agentId, conversationId });
  }

  @Get(':agentId/conversations')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "The agent's conversations, most recently active first: {data, total}." })
  conversations(@CurrentPrincipal() principal: Principal, @Param('agentId') agentId: string, @Query() query: PageQuery): Promise<Page<ConversationView>> {
    return this.commands.request(AgentCommands.Conversations, {
      tenantId: tenantOf(principal, query.tenantId),
      agentId,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Get(':agentId/conversations/:conversationId/messages')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "A conversation's messages, newest first, with tool calls and token counts: {data, total}." })
  messages(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() query: PageQuery,
  ): Promise<Page<MessageView>> {
    return this.commands.request(AgentCommands.Messages, {
      tenantId: tenantOf(principal, query.tenantId),
      agentId,
      conversationId,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }
}
