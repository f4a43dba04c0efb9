import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentCommands, mcpHeadersInTransit, type McpServerView, type Page } from '@hb/contracts';
import { CommandClient, SecretBox } from '@hb/platform';
import { TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CreateMcpServerDto, UpdateMcpServerDto } from './dto/mcp-server.dto';

/**
 * The remote MCP servers an agent may call tools of. At the start of each run the agent connects
 * to them, lists their tools and offers them to the model beside remember and recall; each call is
 * recorded in the conversation's messages.
 */
@ApiTags('Agent API: MCP servers')
@ApiBearerAuth()
@Controller('api/v1/agents/:agentId/mcp-servers')
export class McpServersController {
  constructor(
    private readonly commands: CommandClient,
    private readonly box: SecretBox,
  ) {}

  @Post()
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Give the agent an MCP server: name, url, optional headers (stored encrypted, never returned) and timeout_ms.' })
  create(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Body() body: CreateMcpServerDto): Promise<McpServerView> {
    const { headers, ...settings } = body;
    return this.commands.request(AgentCommands.CreateMcpServer, { ...settings, tenantId, agentId, ...this.sealed(headers, tenantId, agentId) });
  }

  @Get()
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "The agent's MCP servers by name: {data, total}." })
  list(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Query() _query: TenantScoped): Promise<Page<McpServerView>> {
    return this.commands.request(AgentCommands.ListMcpServers, { tenantId, agentId });
  }

  @Get(':serverId')
  @Access({ scope: 'read:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'One MCP server of the agent (header names only).' })
  get(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Param('serverId') serverId: string, @Query() _query: TenantScoped): Promise<McpServerView> {
    return this.commands.request(AgentCommands.GetMcpServer, { tenantId, agentId, serverId });
  }

  @Patch(':serverId')
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: "Change an MCP server's name, url, headers (replaced as a whole) or timeout_ms." })
  update(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Param('serverId') serverId: string, @Body() body: UpdateMcpServerDto): Promise<McpServerView> {
    const { headers, ...changes } = body;
    return this.commands.request(AgentCommands.UpdateMcpServer, { ...changes, tenantId, agentId, serverId, ...this.sealed(headers, tenantId, agentId) });
  }

  @Delete(':serverId')
  @HttpCode(204)
  @Access({ scope: 'write:agents', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Take an MCP server from the agent. 204 No Content.' })
  async remove(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Param('serverId') serverId: string, @Query() _query: TenantScoped): Promise<void> {
    await this.commands.request(AgentCommands.DeleteMcpServer, { tenantId, agentId, serverId });
  }

  /** Header values leave the gateway sealed: the command topic never holds a token in the clear. */
  private sealed(headers: Record<string, string> | undefined, tenantId: string, agentId: string): { sealedHeaders?: string } {
    return headers === undefined ? {} : { sealedHeaders: this.box.seal(JSON.stringify(headers), mcpHeadersInTransit(tenantId, agentId)) };
  }
}
