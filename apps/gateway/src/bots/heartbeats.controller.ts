import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  AgentCommands,
  DomainError,
  ErrorCodes,
  FINISHED_LOG_STATUSES,
  HeartbeatCommands,
  HeartbeatFields,
  MAX_HEARTBEAT_PROMPT,
  MAX_LOG_PAGE,
  type HeartbeatLogView,
  type HeartbeatLogsPage,
  type HeartbeatResultView,
  type HeartbeatStatsView,
  type HeartbeatView,
  type PlanTerms,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MemoryQuotaResolver, memoryQuotaOf } from '../memories/memory-quota.resolver';
import { inBotTerms, projectOf } from './bot-terms';

/** A trigger answers when its run ends: as long as a synchronous invoke, and a little more. */
const TRIGGER_TIMEOUT_MS = 310_000;

class BotQuery {
  @ApiProperty({ description: 'Project UUID (the tenant).' }) @IsString() @Length(1, 128) project_id!: string;
  @ApiProperty({ description: 'Bot UUID (the agent id).' }) @IsString() @Length(1, 64) bot_id!: string;
}

class HeartbeatQuery extends BotQuery {
  @ApiProperty({ example: 'hb_abc123' }) @IsString() @Length(1, 64) heartbeat_id!: string;
}

/**
 * Spec 001 and 002's configure body. Its schedule fields are validated as the scheduler's contract
 * declares them, and documented below from the specs' words.
 */
class ConfigureHeartbeatDto extends HeartbeatFields {
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
  active_hours_start: { type: String, description: 'Start of the active window, HH:MM', example: '09:00' },
  active_hours_end: { type: String, description: 'End of the active window, HH:MM (before the start: the window crosses midnight)', example: '17:00' },
  active_days: { type: String, description: 'Comma-separated days 1-7 (1 = Monday)', example: '1,2,3,4,5' },
  credit_budget: { type: Number, nullable: true, description: 'Max credits per billing period, the calendar month (null = unlimited)' },
  max_consecutive_errors: { type: Number, description: 'Auto-pause after this many consecutive failures (default: 5)' },
  member_id: { type: String, description: 'Subscriber member ID (for subscriber-specific heartbeats)' },
};
for (const [field, options] of Object.entries(CONFIGURE_FIELDS)) ApiPropertyOptional(options)(ConfigureHeartbeatDto.prototype, field);

/** Spec 002's example request. */
const CONFIGURE_EXAMPLE = {
  project_id: 'proj_abc123',
  bot_id: 'bot_xyz789',
  prompt: 'Check for new support tickets and summarize any urgent ones',
  cron_pattern: '0 9 * * 1,2,3,4,5',
  enabled: true,
  timezone: 'America/New_York',
  credit_budget: 100,
};

class ListHeartbeatsQuery extends BotQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
}

class LogsQuery extends BotQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) heartbeat_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
  @ApiPropertyOptional({ enum: FINISHED_LOG_STATUSES }) @IsOptional() @IsIn(FINISHED_LOG_STATUSES) status?: (typeof FINISHED_LOG_STATUSES)[number];
  @ApiPropertyOptional({ default: 1, maximum: MAX_LOG_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LOG_PAGE) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) per_page?: number;
}

class StatsQuery extends BotQuery {
  @ApiPropertyOptional({ default: 30, maximum: 366 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
}

class ScheduleTaskDto extends BotQuery {
  @ApiProperty() @IsString() @Length(1, MAX_HEARTBEAT_PROMPT) prompt!: string;
  @ApiProperty({ example: '2026-02-12T14:00:00Z' }) @IsDateString({ strict: true }) run_at!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) member_id?: string;
}

/**
 * The Heartbeat API (specs 001 and 002), served by the heartbeat scheduler. Whatever schedules or
 * runs a bot needs the project's plan to allow heartbeats and the bot to say heartbeat: true (403
 * otherwise); reading, disabling and deleting do not, so a heartbeat can always be looked at and
 * stopped.
 */
@ApiTags('Heartbeat API')
@ApiBearerAuth()
@Controller('v1/bot/heartbeat')
export class HeartbeatsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
  ) {}

  @Post('configure')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Create a heartbeat, or update one by heartbeat_id: {heartbeat}.' })
  @ApiBody({ type: ConfigureHeartbeatDto, examples: { 'spec 002': { value: CONFIGURE_EXAMPLE } } })
  async configure(@CurrentPrincipal() principal: Principal, @Body() body: ConfigureHeartbeatDto): Promise<{ heartbeat: HeartbeatView }> {
    const { project_id, bot_id, heartbeat_id, ...fields } = body;
    const tenantId = projectOf(principal, project_id);
    const plan = await this.mayRun(principal, tenantId, bot_id);
    const heartbeat = await this.commands.request(
      'heartbeat-scheduler',
      HeartbeatCommands.Configure,
      { ...fields, tenantId, botId: bot_id, ...(heartbeat_id ? { heartbeatId: heartbeat_id } : {}), plan },
      { tenantId },
    );
    return { heartbeat };
  }

  @Get('readall')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: "A bot's heartbeats: {heartbeats}." })
  async readall(@CurrentPrincipal() principal: Principal, @Query() query: ListHeartbeatsQuery): Promise<{ heartbeats: HeartbeatView[] }> {
    const tenantId = projectOf(principal, query.project_id);
    return this.commands.request('heartbeat-scheduler', HeartbeatCommands.List, { tenantId, botId: query.bot_id, memberId: query.member_id }, { tenantId });
  }

  @Get('read')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: 'One heartbeat: {heartbeat}.' })
  async read(@CurrentPrincipal() principal: Principal, @Query() query: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    const tenantId = projectOf(principal, query.project_id);
    return { heartbeat: await this.commands.request('heartbeat-scheduler', HeartbeatCommands.Get, this.ref(tenantId, query), { tenantId }) };
  }

  @Post('enable')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run it on its schedule from the next occurrence: {heartbeat}.' })
  async enable(@CurrentPrincipal() principal: Principal, @Body() body: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    const tenantId = projectOf(principal, body.project_id);
    const plan = await this.mayRun(principal, tenantId, body.bot_id);
    return { heartbeat: await this.commands.request('heartbeat-scheduler', HeartbeatCommands.Enable, { ...this.ref(tenantId, body), plan }, { tenantId }) };
  }

  @Post('disable')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Pause it, keeping its configuration: {heartbeat}.' })
  async disable(@CurrentPrincipal() principal: Principal, @Body() body: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    const tenantId = projectOf(principal, body.project_id);
    return { heartbeat: await this.commands.request('heartbeat-scheduler', HeartbeatCommands.Disable, this.ref(tenantId, body), { tenantId }) };
  }

  @Post('trigger')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run it once now, enabled or not, and wait for the result: {result}.' })
  async trigger(@CurrentPrincipal() principal: Principal, @Body() body: HeartbeatQuery): Promise<{ result: HeartbeatResultView }> {
    const tenantId = projectOf(principal, body.project_id);
    const { memoryQuota } = await this.mayRun(principal, tenantId, body.bot_id);
    const result = await this.commands.request(
      'heartbeat-scheduler',
      HeartbeatCommands.Trigger,
      { ...this.ref(tenantId, body), memoryQuota },
      { tenantId, timeoutMs: TRIGGER_TIMEOUT_MS },
    );
    return { result };
  }

  @Delete('delete')
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Delete it and its scheduled runs; its logs stay: {deleted, uuid}.' })
  async delete(@CurrentPrincipal() principal: Principal, @Query() query: HeartbeatQuery): Promise<{ deleted: true; uuid: string }> {
    const tenantId = projectOf(principal, query.project_id);
    const { uuid } = await this.commands.request('heartbeat-scheduler', HeartbeatCommands.Delete, this.ref(tenantId, query), { tenantId });
    return { deleted: true, uuid };
  }

  @Post('schedule-task')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run a prompt once at run_at, logged as type scheduled_task: {task}.' })
  async scheduleTask(@CurrentPrincipal() principal: Principal, @Body() body: ScheduleTaskDto): Promise<{ task: HeartbeatLogView }> {
    const tenantId = projectOf(principal, body.project_id);
    const { memoryQuota } = await this.mayRun(principal, tenantId, body.bot_id);
    const task = await this.commands.request(
      'heartbeat-scheduler',
      HeartbeatCommands.ScheduleTask,
      { tenantId, botId: body.bot_id, prompt: body.prompt, run_at: body.run_at, member_id: body.member_id, memoryQuota },
      { tenantId },
    );
    return { task };
  }

  @Get('logs')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: "A bot's execution history, newest first: {total, logs, pagination}." })
  async logs(@CurrentPrincipal() principal: Principal, @Query() query: LogsQuery): Promise<HeartbeatLogsPage> {
    const tenantId = projectOf(principal, query.project_id);
    return this.commands.request(
      'heartbeat-scheduler',
      HeartbeatCommands.Logs,
      {
        tenantId,
        botId: query.bot_id,
        heartbeatId: query.heartbeat_id,
        memberId: query.member_id,
        status: query.status,
        page: query.page ?? 1,
        perPage: query.per_page ?? 20,
      },
      { tenantId },
    );
  }

  @Get('stats')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: "A bot's execution statistics over the last days: {stats}." })
  async stats(@CurrentPrincipal() principal: Principal, @Query() query: StatsQuery): Promise<{ stats: HeartbeatStatsView }> {
    const tenantId = projectOf(principal, query.project_id);
    const stats = await this.commands.request('heartbeat-scheduler', HeartbeatCommands.Stats, { tenantId, botId: query.bot_id, days: query.days ?? 30 }, { tenantId });
    return { stats };
  }

  private ref(tenantId: string, query: HeartbeatQuery) {
    return { tenantId, botId: query.bot_id, heartbeatId: query.heartbeat_id };
  }

  /** 403 unless the plan allows heartbeats and the bot has heartbeat: true; the plan's terms otherwise. */
  private async mayRun(principal: Principal, tenantId: string, botId: string): Promise<PlanTerms> {
    const [limits, bot] = await Promise.all([
      this.quotas.limits(principal, tenantId),
      inBotTerms(this.commands.request('agent-runtime', AgentCommands.Get, { tenantId, agentId: botId }, { tenantId })),
    ]);
    if (!limits.heartbeatsAllowed) throw new DomainError(ErrorCodes.FeatureNotEnabled, "The project's plan does not include heartbeats", 'project_id');
    if (!bot.heartbeat) {
      throw new DomainError(ErrorCodes.FeatureNotEnabled, `Heartbeat is not enabled for bot ${botId}: set heartbeat: true with POST /v1/bot/update`, 'bot_id');
    }
    return { minIntervalMinutes: limits.minHeartbeatIntervalMinutes, memoryQuota: memoryQuotaOf(limits) };
  }
}
