import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { FINISHED_LOG_STATUSES, HeartbeatFields, MAX_HEARTBEAT_PROMPT, MAX_LOG_PAGE } from '@hb/contracts';

export class BotQuery {
  @ApiProperty({ description: 'Project UUID (the tenant).' }) @IsString() @Length(1, 128) project_id!: string;
  @ApiProperty({ description: 'Bot UUID (the agent id).' }) @IsString() @Length(1, 64) bot_id!: string;
}

export class HeartbeatQuery extends BotQuery {
  @ApiProperty({ example: 'hb_abc123' }) @IsString() @Length(1, 64) heartbeat_id!: string;
}

/**
 * Spec 001 and 002's configure body. Its schedule fields are validated as the scheduler's contract
 * declares them, and documented below from the specs' words.
 */
export class ConfigureHeartbeatDto extends HeartbeatFields {
  @ApiProperty({ description: 'Project UUID (the tenant).' }) @IsString() @Length(1, 128) project_id!: string;
  @ApiProperty({ description: 'Bot UUID (the agent id).' }) @IsString() @Length(1, 64) bot_id!: string;
  @ApiPropertyOptional({ description: 'Updates this heartbeat; without it a new one is created.' })
  @IsOptional() @IsString() @Length(1, 64)
  heartbeat_id?: string;
}

/** Spec 001 and 002's words for the fields the contract validates, for the OpenAPI document. */
const CONFIGURE_FIELDS: Record<keyof HeartbeatFields, ApiPropertyOptions> = {
  prompt: { type: String, description: 'The instruction the agent executes each run (required when creating)' },
  interval_minutes: { type: Number, description: 'How often the agent runs in minutes (default: 30)', minimum: 1 },
  cron_pattern: { type: String, description: 'Five-field cron expression, e.g. 0 9 * * 1 for every Monday at 9am; instead of interval_minutes' },
  enabled: { type: Boolean, description: 'Whether the heartbeat is active (default: false)' },
  timezone: { type: String, description: 'IANA timezone for the schedule and active hours (default: UTC)', example: 'America/New_York' },
  active_hours_start: { type: String, nullable: true, description: 'Start of the active window, HH:MM (null, with active_hours_end: no window)', example: '09:00' },
  active_hours_end: { type: String, nullable: true, description: 'End of the active window, HH:MM (before the start: the window crosses midnight)', example: '17:00' },
  active_days: { type: String, nullable: true, description: 'Comma-separated days 1-7 (1 = Monday; null: every day)', example: '1,2,3,4,5' },
  credit_budget: { type: Number, nullable: true, description: 'Max credits per billing period, the calendar month (null = unlimited)' },
  max_consecutive_errors: { type: Number, description: 'Auto-pause after this many consecutive failures (default: 5)' },
  member_id: { type: String, description: 'Subscriber member ID (for subscriber-specific heartbeats)' },
};
for (const [field, options] of Object.entries(CONFIGURE_FIELDS)) ApiPropertyOptional(options)(ConfigureHeartbeatDto.prototype, field);

/** Spec 002's example request. */
export const CONFIGURE_EXAMPLE = {
  project_id: 'proj_abc123',
  bot_id: 'bot_xyz789',
  prompt: 'Check for new support tickets and summarize any urgent ones',
  cron_pattern: '0 9 * * 1,2,3,4,5',
  enabled: true,
  timezone: 'America/New_York',
  credit_budget: 100,
};

export class ListHeartbeatsQuery extends BotQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
}

export class LogsQuery extends BotQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) heartbeat_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
  @ApiPropertyOptional({ enum: FINISHED_LOG_STATUSES }) @IsOptional() @IsIn(FINISHED_LOG_STATUSES) status?: (typeof FINISHED_LOG_STATUSES)[number];
  @ApiPropertyOptional({ default: 1, maximum: MAX_LOG_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LOG_PAGE) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) per_page?: number;
}

export class StatsQuery extends BotQuery {
  @ApiPropertyOptional({ default: 30, maximum: 366 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
}

export class ScheduleTaskDto extends BotQuery {
  @ApiProperty() @IsString() @Length(1, MAX_HEARTBEAT_PROMPT) prompt!: string;
  @ApiProperty({ example: '2026-02-12T14:00:00Z' }) @IsDateString({ strict: true }) run_at!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
}
