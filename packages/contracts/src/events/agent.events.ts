import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { RUN_STATUSES, type RunStatus, type RunView } from '../commands/agent.commands';
import { defineEvent } from './event-definition';

/** Events the agent runtime publishes on Topics.AgentEvents, for webhooks and the scheduler. */
export const AgentEventTypes = {
  RunCompleted: 'agent.run.completed',
  RunFailed: 'agent.run.failed',
} as const;

class RunUsage {
  @IsInt() @Min(0) input_tokens!: number;
  @IsInt() @Min(0) output_tokens!: number;
  @IsInt() @Min(0) credits!: number;
}

class RunError {
  @IsString() code!: string;
  @IsString() message!: string;
}

/** An ended run, as the status endpoint shows it, with whose it is and what started it. */
export class AgentRunEventPayload implements RunView {
  @IsString() run_id!: string;
  @IsIn(RUN_STATUSES) status!: RunStatus;
  @IsString() conversation_id!: string;
  @IsOptional() @IsString() response?: string;
  @IsOptional() @ValidateNested() @Type(() => RunError) error?: RunError;
  @IsOptional() @ValidateNested() @Type(() => RunUsage) usage?: RunUsage;
  @IsISO8601() created_at!: string;
  @IsOptional() @IsISO8601() finished_at?: string;
  @IsString() agent_id!: string;
  @IsString() tenant_id!: string;
  @IsIn(['api', 'heartbeat']) trigger!: 'api' | 'heartbeat';
  @IsInt() @Min(0) duration_ms!: number;
  /** The invoke's idempotency key: the scheduler's log id for a heartbeat run. */
  @IsOptional() @IsString() idempotency_key!: string | null;
}

export const AgentEvents = {
  RunCompleted: defineEvent(AgentEventTypes.RunCompleted, AgentRunEventPayload),
  RunFailed: defineEvent(AgentEventTypes.RunFailed, AgentRunEventPayload),
};
