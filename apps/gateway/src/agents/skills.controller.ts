import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentCommands, type AgentView, type Page, type SkillView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { PageQuery, TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CreateSkillDto, UpdateSkillDto } from './dto/agent.dto';

/**
 * Skills: named instruction packs a tenant defines and attaches to agents. An agent's model sees
 * the names and descriptions of its skills and loads one's instructions with a tool when needed.
 */
@ApiTags('Agent API: skills')
@ApiBearerAuth()
@Controller('api/v1')
export class SkillsController {
  constructor(private readonly commands: CommandClient) {}

  @Post('skills')
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Define a skill: name, description, instructions.' })
  create(@ActingTenant() tenantId: string, @Body() body: CreateSkillDto): Promise<SkillView> {
    return this.commands.request(AgentCommands.CreateSkill, { ...body, tenantId });
  }

  @Get('skills')
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: "The tenant's skills by name: {data, total}." })
  list(@ActingTenant() tenantId: string, @Query() query: PageQuery): Promise<Page<SkillView>> {
    return this.commands.request(AgentCommands.ListSkills, { tenantId, page: query.page ?? 1, limit: query.limit ?? 20 });
  }

  @Get('skills/:skillId')
  @Access({ scope: 'read:agents' })
  @ApiOperation({ summary: 'One skill.' })
  get(@ActingTenant() tenantId: string, @Param('skillId') skillId: string, @Query() _query: TenantScoped): Promise<SkillView> {
    return this.commands.request(AgentCommands.GetSkill, { tenantId, skillId });
  }

  @Patch('skills/:skillId')
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: "Change a skill's description or instructions." })
  update(@ActingTenant() tenantId: string, @Param('skillId') skillId: string, @Body() body: UpdateSkillDto): Promise<SkillView> {
    return this.commands.request(AgentCommands.UpdateSkill, { ...body, tenantId, skillId });
  }

  @Delete('skills/:skillId')
  @HttpCode(204)
  @Access({ scope: 'write:agents' })
  @ApiOperation({ summary: 'Delete a skill; agents it was attached to lose it. 204 No Content.' })
  async remove(@ActingTenant() tenantId: string, @Param('skillId') skillId: string, @Query() _query: TenantScoped): Promise<void> {
    await this.commands.request(AgentCommands.DeleteSkill, { tenantId, skillId });
  }

  @Post('agents/:agentId/skills/:skillId')
  @HttpCode(200)
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Attach a skill to an agent; answers the agent.' })
  attach(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Param('skillId') skillId: string, @Query() _query: TenantScoped): Promise<AgentView> {
    return this.commands.request(AgentCommands.AttachSkill, { tenantId, agentId, skillId });
  }

  @Delete('agents/:agentId/skills/:skillId')
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Detach a skill from an agent; answers the agent.' })
  detach(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Param('skillId') skillId: string, @Query() _query: TenantScoped): Promise<AgentView> {
    return this.commands.request(AgentCommands.DetachSkill, { tenantId, agentId, skillId });
  }
}
