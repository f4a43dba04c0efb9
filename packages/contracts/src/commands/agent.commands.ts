import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { answeredBy, defineCommand, defineQuery } from './command';
import { MAX_PAGE } from '../validation';
import { MemoryQuota } from './memory-fields';
import { CreateMcpServerRequest, McpServerRef, UpdateMcpServerRequest, type McpServerView } from './mcp-servers';

export const MAX_AGENT_INSTRUCTIONS = 50_000;
export const MAX_INVOKE_MESSAGE = 100_000;
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An agent as the Agent API shows it (its plain, snake_case bodies). */
export interface AgentView {
  id: string;
  name: string;
  instructions: string;
  model: string | null;
  max_tokens: number;
  tools_enabled: boolean;
  heartbeat: boolean;
  /** Attached skills: the model sees their names and descriptions and loads one when it needs it. */
  skills: Array<{ id: string; name: string; description: string }>;
  created_at: string;
  updated_at: string;
}

export const MAX_SKILL_INSTRUCTIONS = 50_000;

export interface SkillView {
  id: string;
  name: string;
  description: string;
  instructions: string;
  created_at: string;
  updated_at: string;
}

export class SkillFields {
  @IsOptional() @IsString() @Length(1, 1000) description?: string;
  @IsOptional() @IsString() @Length(1, MAX_SKILL_INSTRUCTIONS) instructions?: string;
}

export class CreateSkillRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/) name!: string;
  @IsString() @Length(1, 1000) description!: string;
  @IsString() @Length(1, MAX_SKILL_INSTRUCTIONS) instructions!: string;
}

export class SkillRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) skillId!: string;
}

export class UpdateSkillRequest extends SkillFields {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) skillId!: string;
}

export class AgentSkillRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsString() @MinLength(1) @MaxLength(64) skillId!: string;
}

/** Everything of an agent but its name (required on create, optional on update). */
export class AgentFields {
  @IsOptional() @IsString() @MaxLength(MAX_AGENT_INSTRUCTIONS) instructions?: string;
  /** null: the deployment's ANTHROPIC_MODEL. */
  @IsOptional() @IsString() @Length(1, 200) model?: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(64_000) max_tokens?: number;
  @IsOptional() @IsBoolean() tools_enabled?: boolean;
  @IsOptional() @IsBoolean() heartbeat?: boolean;
}

export class CreateAgentRequest extends AgentFields {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @Length(1, 200) name!: string;
}

export class AgentRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
}

export class UpdateAgentRequest extends AgentFields {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
}

export class PageRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsInt() @Min(1) @Max(MAX_PAGE) page!: number;
  @IsInt() @Min(1) @Max(100) limit!: number;
}

export class ConversationsRequest extends PageRequest {
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
}

export class MessagesRequest extends ConversationsRequest {
  @IsString() @MinLength(1) @MaxLength(64) conversationId!: string;
}

export interface Page<T> {
  data: T[];
  total: number;
}

export interface ConversationView {
  id: string;
  agent_id: string;
  created_at: string;
  updated_at: string;
  messages: number;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  /** What the model called in the turn: its own tools, and its MCP servers' (with `server`). */
  tool_calls: Array<{ id: string; name: string; input: unknown; output?: unknown; is_error?: boolean; server?: string }>;
  input_tokens: number;
  output_tokens: number;
  run_id: string;
  created_at: string;
}

/**
 * What an invoke does when its conversation already has a run going or waiting (LangGraph's
 * "double texting"): refuse it, queue behind (the default), or cancel what is going and run now.
 */
export const BUSY_STRATEGIES = ['reject', 'enqueue', 'interrupt'] as const;
export type BusyStrategy = (typeof BUSY_STRATEGIES)[number];

export class InvokeRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsString() @Length(1, MAX_INVOKE_MESSAGE) message!: string;
  /** Continue this conversation; a new one otherwise. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64) conversationId?: string;
  /** A retried invoke with the same key returns the first run. */
  @IsOptional() @IsString() @Matches(/^[\x21-\x7e]{1,200}$/) idempotencyKey?: string;
  @IsBoolean() wait!: boolean;
  /** Set when the caller streams the run: its output goes to RUN_STREAM_TOPIC under this id. */
  @IsOptional() @IsString() @Length(1, 64) streamId?: string;
  /** When the conversation is busy; enqueue when left out. */
  @IsOptional() @IsIn(BUSY_STRATEGIES) ifBusy?: BusyStrategy;
  @IsIn(['api', 'heartbeat']) trigger!: 'api' | 'heartbeat';
  /** What the remember tool may store, from the tenant's plan. */
  @ValidateNested() @Type(() => MemoryQuota) memoryQuota!: MemoryQuota;
}

export class RunStatusRequest {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsString() @MinLength(1) @MaxLength(64) conversationId!: string;
}

/**
 * How long an invoke with wait: true is held, and the deadlines of those who wait on it. Each outer
 * wait is longer than the one it waits on, so the inner one answers first (the run still going, if
 * it must) rather than the outer one timing out.
 */
const RUN_WAIT_MS = 290_000;
export const RunWaits = {
  /** The runtime answers an invoke with wait: true within this, the run ended or not. */
  runtime: RUN_WAIT_MS,
  /** The deadline of a request for an invoke that waits: the gateway's, and the scheduler's for a trigger. */
  invoke: RUN_WAIT_MS + 10_000,
  /** The gateway's deadline for a heartbeat trigger, which waits on the scheduler's invoke. */
  trigger: RUN_WAIT_MS + 20_000,
} as const;

/** Why a run failed, as its `error.code`. */
export const RunErrors = {
  ModelNotConfigured: 'model_not_configured',
  ModelError: 'model_error',
  Timeout: 'run_timeout',
  ToolRoundsExceeded: 'tool_rounds_exceeded',
  Internal: 'internal_error',
  /** Ended by a cancel: someone's choice, not the run's failure. */
  Cancelled: 'cancelled',
  /** Ended by an invoke that interrupted it (ifBusy: interrupt); its message stays in the conversation. */
  Interrupted: 'interrupted',
} as const;

/** A run as the Agent API shows it: spec 000's {status, response, conversation_id} and more. */
export interface RunView {
  run_id: string;
  status: RunStatus;
  conversation_id: string;
  response?: string;
  error?: { code: string; message: string };
  usage?: { input_tokens: number; output_tokens: number; credits: number };
  created_at: string;
  finished_at?: string;
  /** true when an Idempotency-Key matched: this is the first run, not a new one. */
  replayed?: true;
}

/** One message of a streamed run on RUN_STREAM_TOPIC, keyed by stream id. */
export type RunStreamMessage =
  | { streamId: string; type: 'delta'; text: string }
  | { streamId: string; type: 'tool'; name: string }
  | { streamId: string; type: 'end'; run: RunView };

export const AgentCommands = answeredBy('agent-runtime', {
  Create: defineCommand<CreateAgentRequest, AgentView>('agent.create', CreateAgentRequest),
  Get: defineQuery<AgentRef, AgentView>('agent.get', AgentRef),
  List: defineQuery<PageRequest, Page<AgentView>>('agent.list', PageRequest),
  Update: defineCommand<UpdateAgentRequest, AgentView>('agent.update', UpdateAgentRequest),
  Delete: defineCommand<AgentRef, { id: string }>('agent.delete', AgentRef),
  Invoke: defineCommand<InvokeRequest, RunView>('agent.invoke', InvokeRequest),
  RunStatus: defineCommand<RunStatusRequest, RunView>('agent.run-status', RunStatusRequest),
  /** Ends the conversation's unfinished runs as failed with error code `cancelled`. */
  Cancel: defineCommand<RunStatusRequest, RunView>('agent.cancel', RunStatusRequest),
  Conversations: defineQuery<ConversationsRequest, Page<ConversationView>>('agent.conversations', ConversationsRequest),
  Messages: defineQuery<MessagesRequest, Page<MessageView>>('agent.messages', MessagesRequest),
  CreateSkill: defineCommand<CreateSkillRequest, SkillView>('skill.create', CreateSkillRequest),
  GetSkill: defineQuery<SkillRef, SkillView>('skill.get', SkillRef),
  ListSkills: defineQuery<PageRequest, Page<SkillView>>('skill.list', PageRequest),
  UpdateSkill: defineCommand<UpdateSkillRequest, SkillView>('skill.update', UpdateSkillRequest),
  DeleteSkill: defineCommand<SkillRef, { id: string }>('skill.delete', SkillRef),
  AttachSkill: defineCommand<AgentSkillRequest, AgentView>('agent.attach-skill', AgentSkillRequest),
  DetachSkill: defineCommand<AgentSkillRequest, AgentView>('agent.detach-skill', AgentSkillRequest),
  CreateMcpServer: defineCommand<CreateMcpServerRequest, McpServerView>('agent.mcp-server.create', CreateMcpServerRequest),
  ListMcpServers: defineQuery<AgentRef, Page<McpServerView>>('agent.mcp-server.list', AgentRef),
  GetMcpServer: defineQuery<McpServerRef, McpServerView>('agent.mcp-server.get', McpServerRef),
  UpdateMcpServer: defineCommand<UpdateMcpServerRequest, McpServerView>('agent.mcp-server.update', UpdateMcpServerRequest),
  DeleteMcpServer: defineCommand<McpServerRef, { id: string }>('agent.mcp-server.delete', McpServerRef),
});
