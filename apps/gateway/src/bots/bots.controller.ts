import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentCommands } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { ActingProject } from '../auth/acting-tenant.decorator';
import { botView, inBotTerms, type BotView } from './bot-terms';
import { BotQuery, CreateBotDto, UpdateBotDto } from './dto/bot.dto';

/**
 * Bot management for the Heartbeat API (DESIGN "API faces"): a bot is an agent, project_id its
 * tenant; POST /v1/bot/update {project_id, bot_id, heartbeat: true} is how a bot gets heartbeats.
 */
@ApiTags('Heartbeat API: bots')
@ApiBearerAuth()
@Controller('v1/bot')
export class BotsController {
  constructor(private readonly commands: CommandClient) {}

  @Post('create')
  @HttpCode(200)
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Create a bot (an agent of the project): {bot}.' })
  async create(@ActingProject() tenantId: string, @Body() body: CreateBotDto): Promise<{ bot: BotView }> {
    const { project_id, ...fields } = body;
    return { bot: botView(await this.commands.request(AgentCommands.Create, { ...fields, tenantId }), tenantId) };
  }

  @Get('read')
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: 'A bot: {bot}.' })
  async read(@ActingProject() tenantId: string, @Query() query: BotQuery): Promise<{ bot: BotView }> {
    return { bot: botView(await inBotTerms(this.commands.request(AgentCommands.Get, { tenantId, agentId: query.bot_id })), tenantId) };
  }

  @Post('update')
  @HttpCode(200)
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Change a bot; heartbeat: true lets the Heartbeat API run it: {bot}.' })
  async update(@ActingProject() tenantId: string, @Body() body: UpdateBotDto): Promise<{ bot: BotView }> {
    const { project_id, bot_id, ...fields } = body;
    const agent = await inBotTerms(this.commands.request(AgentCommands.Update, { ...fields, tenantId, agentId: bot_id }));
    return { bot: botView(agent, tenantId) };
  }
}
