import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AgentCommands,
  RunWaits,
  type AgentView,
  type ConversationView,
  type MessageView,
  type Page,
  type RunView,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { PageQuery, TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MemoryQuotaResolver } from '../memories/memory-quota.resolver';
import { idempotencyKeyOf } from '../http/idempotency-key';
import { CreateAgentDto, InvokeDto, UpdateAgentDto } from './dto/agent.dto';
import { RunEventStream } from './run-event-stream';

/** The Agent API: agents (management), invoke and status (spec 000), conversations and messages. */
@ApiTags('Agent API')
@ApiBearerAuth()
@Controller('api/v1/agents')
export class AgentsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
    private readonly runEvents: RunEventStream,
  ) {}

  @Post()
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Create an agent: name, instructions (system prompt), model, max_tokens, tools_enabled, heartbeat.' })
  create(@ActingTenant() tenantId: string, @Body() body: CreateAgentDto): Promise<AgentView> {
    return this.commands.request(AgentCommands.Create, { ...body, tenantId });
  }

  @Get()
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: "List the tenant's agents, newest first: {data, total}." })
  list(@ActingTenant() tenantId: string, @Query() query: PageQuery): Promise<Page<AgentView>> {
    return this.commands.request(AgentCommands.List, {
      tenantId,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Get(':agentId')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'One agent.' })
  get(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Query() _query: TenantScoped): Promise<AgentView> {
    return this.commands.request(AgentCommands.Get, { tenantId, agentId });
  }

  @Patch(':agentId')
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Change an agent; fields left out stay as they are.' })
  update(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Body() body: UpdateAgentDto): Promise<AgentView> {
    return this.commands.request(AgentCommands.Update, { ...body, tenantId, agentId });
  }

  @Delete(':agentId')
  @HttpCode(204)
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Delete an agent with its conversations. 204 No Content.' })
  async remove(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Query() _query: TenantScoped): Promise<void> {
    await this.commands.request(AgentCommands.Delete, { tenantId, agentId });
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
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: InvokeDto,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const idempotencyKey = idempotencyKeyOf(idempotencyKeyHeader);
    const wait = (body.wait ?? false) && !body.stream;
    const invoke = async (streamId?: string) =>
      this.commands.request(
        AgentCommands.Invoke,
        {
          tenantId,
          agentId,
          message: body.message,
          conversationId: body.conversation_id,
          ifBusy: body.multitask_strategy,
          idempotencyKey,
          wait,
          streamId,
          trigger: 'api',
          memoryQuota: await this.quotas.resolve(principal, tenantId),
        },
        { tenantId, ...(wait ? { timeoutMs: RunWaits.invoke } : {}) },
      );
    if (body.stream) return this.runEvents.send(res, invoke, { tenantId, agentId });
    res.status(wait ? 200 : 202).json(await invoke());
  }

  @Get(':agentId/invoke/:conversationId/status')
  @Access({ scope: 'invoke:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "The conversation's latest run: pending | running | completed (with response) | failed (with error)." })
  status(
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() _query: TenantScoped,
  ): Promise<RunView> {
    return this.commands.request(AgentCommands.RunStatus, { tenantId, agentId, conversationId });
  }

  @Post(':agentId/invoke/:conversationId/cancel')
  @HttpCode(200)
  @Access({ scope: 'invoke:agents', agentParam: 'agentId' })
  @ApiOperation({
    summary: "Cancel the conversation's unfinished runs: a running model call is stopped, queued runs never start. They end as failed with error code cancelled.",
  })
  cancel(
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() _query: TenantScoped,
  ): Promise<RunView> {
    return this.commands.request(AgentCommands.Cancel, { tenantId, agentId, conversationId });
  }

  @Get(':agentId/conversations')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "The agent's conversations, most recently active first: {data, total}." })
  conversations(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Query() query: PageQuery): Promise<Page<ConversationView>> {
    return this.commands.request(AgentCommands.Conversations, {
      tenantId,
      agentId,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Get(':agentId/conversations/:conversationId/messages')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "A conversation's messages, newest first, with tool calls and token counts: {data, total}." })
  messages(
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Param('conversationId') conversationId: string,
    @Query() query: PageQuery,
  ): Promise<Page<MessageView>> {
    return this.commands.request(AgentCommands.Messages, {
      tenantId,
      agentId,
      conversationId,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }
}
