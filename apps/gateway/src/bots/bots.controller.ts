import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { AgentCommands, MAX_AGENT_INSTRUCTIONS, type AgentView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { inBotTerms, projectOf } from './bot-terms';

/** The Heartbeat API's bot: the platform's agent, in the bot face's words. */
export interface BotView {
  id: string;
  project_id: string;
  name: string;
  instructions: string;
  model: string | null;
  heartbeat: boolean;
  created_at: string;
  updated_at: string;
}

function botView(agent: AgentView, projectId: string): BotView {
  return {
    id: agent.id,
    project_id: projectId,
    name: agent.name,
    instructions: agent.instructions,
    model: agent.model,
    heartbeat: agent.heartbeat,
    created_at: agent.created_at,
    updated_at: agent.updated_at,
  };
}

class BotFields {
  @ApiPropertyOptional({ description: 'The system prompt.' })
  @IsOptional() @IsString() @MaxLength(MAX_AGENT_INSTRUCTIONS)
  instructions?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 200)
  model?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 64000 })
  @IsOptional() @IsInt() @Min(1) @Max(64_000)
  max_tokens?: number;

  @ApiPropertyOptional({ description: 'Heartbeats may run this bot (the Heartbeat API needs it true).' })
  @IsOptional() @IsBoolean()
  heartbeat?: boolean;
}

class CreateBotDto extends BotFields {
  @ApiProperty({ description: 'Project UUID (the tenant).' })
  @IsString() @Length(1, 128)
  project_id!: string;

  @ApiProperty({ example: 'Daily digest bot' })
  @IsString() @Length(1, 200)
  name!: string;
}

class UpdateBotDto extends BotFields {
  @ApiProperty({ description: 'Project UUID (the tenant).' })
  @IsString() @Length(1, 128)
  project_id!: string;

  @ApiProperty({ description: 'Bot UUID (the agent id).' })
  @IsString() @Length(1, 64)
  bot_id!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;
}

class BotQuery {
  @ApiProperty() @IsString() @Length(1, 128) project_id!: string;
  @ApiProperty() @IsString() @Length(1, 64) bot_id!: string;
}

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
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateBotDto): Promise<{ bot: BotView }> {
    const { project_id, ...fields } = body;
    const tenantId = projectOf(principal, project_id);
    return { bot: botView(await this.commands.request(AgentCommands.Create, { ...fields, tenantId }), tenantId) };
  }

  @Get('read')
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: 'A bot: {bot}.' })
  async read(@CurrentPrincipal() principal: Principal, @Query() query: BotQuery): Promise<{ bot: BotView }> {
    const tenantId = projectOf(principal, query.project_id);
    return { bot: botView(await inBotTerms(this.commands.request(AgentCommands.Get, { tenantId, agentId: query.bot_id })), tenantId) };
  }

  @Post('update')
  @HttpCode(200)
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Change a bot; heartbeat: true lets the Heartbeat API run it: {bot}.' })
  async update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateBotDto): Promise<{ bot: BotView }> {
    const { project_id, bot_id, ...fields } = body;
    const tenantId = projectOf(principal, project_id);
    const agent = await inBotTerms(this.commands.request(AgentCommands.Update, { ...fields, tenantId, agentId: bot_id }));
    return { bot: botView(agent, tenantId) };
  }
}
