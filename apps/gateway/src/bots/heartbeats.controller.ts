import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HeartbeatCommands,
  RunWaits,
  type HeartbeatLogsPage,
  type HeartbeatLogView,
  type HeartbeatResultView,
  type HeartbeatStatsView,
  type HeartbeatView,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { ActingProject } from '../auth/acting-tenant.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import {
  CONFIGURE_EXAMPLE,
  ConfigureHeartbeatDto,
  HeartbeatQuery,
  ListHeartbeatsQuery,
  LogsQuery,
  ScheduleTaskDto,
  StatsQuery,
} from './dto/heartbeat.dto';
import { HeartbeatAccess } from './heartbeat-access';

/**
 * The Heartbeat API (specs 001 and 002), served by the heartbeat scheduler. Configuring, enabling,
 * triggering and scheduling are refused (403) unless HeartbeatAccess allows the bot to run.
 */
@ApiTags('Heartbeat API')
@ApiBearerAuth()
@Controller('v1/bot/heartbeat')
export class HeartbeatsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly access: HeartbeatAccess,
  ) {}

  @Post('configure')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Create a heartbeat, or update one by heartbeat_id: {heartbeat}.' })
  @ApiBody({ type: ConfigureHeartbeatDto, examples: { 'spec 002': { value: CONFIGURE_EXAMPLE } } })
  async configure(@CurrentPrincipal() principal: Principal, @ActingProject() tenantId: string, @Body() body: ConfigureHeartbeatDto): Promise<{ heartbeat: HeartbeatView }> {
    const { project_id, bot_id, heartbeat_id, ...fields } = body;
    const plan = await this.access.mayRun(principal, tenantId, bot_id);
    const heartbeat = await this.commands.request(
      HeartbeatCommands.Configure,
      { ...fields, tenantId, botId: bot_id, ...(heartbeat_id ? { heartbeatId: heartbeat_id } : {}), plan },
      { tenantId },
    );
    return { heartbeat };
  }

  @Get('readall')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: "A bot's heartbeats: {heartbeats}." })
  async readall(@ActingProject() tenantId: string, @Query() query: ListHeartbeatsQuery): Promise<{ heartbeats: HeartbeatView[] }> {
    return this.commands.request(HeartbeatCommands.List, { tenantId, botId: query.bot_id, memberId: query.member_id }, { tenantId });
  }

  @Get('read')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: 'One heartbeat: {heartbeat}.' })
  async read(@ActingProject() tenantId: string, @Query() query: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    return { heartbeat: await this.commands.request(HeartbeatCommands.Get, this.ref(tenantId, query), { tenantId }) };
  }

  @Post('enable')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run it on its schedule from the next occurrence: {heartbeat}.' })
  async enable(@CurrentPrincipal() principal: Principal, @ActingProject() tenantId: string, @Body() body: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    const plan = await this.access.mayRun(principal, tenantId, body.bot_id);
    return { heartbeat: await this.commands.request(HeartbeatCommands.Enable, { ...this.ref(tenantId, body), plan }, { tenantId }) };
  }

  @Post('disable')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Pause it, keeping its configuration: {heartbeat}.' })
  async disable(@ActingProject() tenantId: string, @Body() body: HeartbeatQuery): Promise<{ heartbeat: HeartbeatView }> {
    return { heartbeat: await this.commands.request(HeartbeatCommands.Disable, this.ref(tenantId, body), { tenantId }) };
  }

  @Post('trigger')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run it once now, enabled or not, and wait for the result: {result}.' })
  async trigger(@CurrentPrincipal() principal: Principal, @ActingProject() tenantId: string, @Body() body: HeartbeatQuery): Promise<{ result: HeartbeatResultView }> {
    const { memoryQuota } = await this.access.mayRun(principal, tenantId, body.bot_id);
    const result = await this.commands.request(
      HeartbeatCommands.Trigger,
      { ...this.ref(tenantId, body), memoryQuota },
      { tenantId, timeoutMs: RunWaits.trigger },
    );
    return { result };
  }

  @Delete('delete')
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Delete it and its scheduled runs; its logs stay: {deleted, uuid}.' })
  async delete(@ActingProject() tenantId: string, @Query() query: HeartbeatQuery): Promise<{ deleted: true; uuid: string }> {
    const { uuid } = await this.commands.request(HeartbeatCommands.Delete, this.ref(tenantId, query), { tenantId });
    return { deleted: true, uuid };
  }

  @Post('schedule-task')
  @HttpCode(200)
  @Access({ scope: 'write:heartbeats' })
  @ApiOperation({ summary: 'Run a prompt once at run_at, logged as type scheduled_task: {task}.' })
  async scheduleTask(@CurrentPrincipal() principal: Principal, @ActingProject() tenantId: string, @Body() body: ScheduleTaskDto): Promise<{ task: HeartbeatLogView }> {
    const { memoryQuota } = await this.access.mayRun(principal, tenantId, body.bot_id);
    const task = await this.commands.request(
      HeartbeatCommands.ScheduleTask,
      { tenantId, botId: body.bot_id, prompt: body.prompt, run_at: body.run_at, member_id: body.member_id, memoryQuota },
      { tenantId },
    );
    return { task };
  }

  @Get('logs')
  @Access({ scope: 'read:heartbeats' })
  @ApiOperation({ summary: "A bot's execution history, newest first: {total, logs, pagination}." })
  async logs(@ActingProject() tenantId: string, @Query() query: LogsQuery): Promise<HeartbeatLogsPage> {
    return this.commands.request(
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
  async stats(@ActingProject() tenantId: string, @Query() query: StatsQuery): Promise<{ stats: HeartbeatStatsView }> {
    const stats = await this.commands.request(HeartbeatCommands.Stats, { tenantId, botId: query.bot_id, days: query.days ?? 30 }, { tenantId });
    return { stats };
  }

  private ref(tenantId: string, query: HeartbeatQuery) {
    return { tenantId, botId: query.bot_id, heartbeatId: query.heartbeat_id };
  }
}
