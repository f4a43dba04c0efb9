import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentCommands, DomainError, ErrorCodes } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { apiKeyView, type ApiKeyView } from '../api-keys/api-key.view';
import { TenantScoped } from '../http/dto/tenant-scoped';
import { CreateApiKeyUseCase, type CreatedApiKey } from '../api-keys/use-cases/create-api-key.use-case';
import { RevokeApiKeyUseCase } from '../api-keys/use-cases/revoke-api-key.use-case';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { CreateAgentKeyDto } from './dto/agent.dto';

/** Agent keys (hb_agent_…): several may be active at once, for rotation; each reaches its agent only. */
@ApiTags('Agent API: keys')
@ApiBearerAuth()
@Controller('api/v1/agents/:agentId/api-keys')
export class AgentKeysController {
  constructor(
    private readonly commands: CommandClient,
    private readonly keys: ApiKeysRepository,
    private readonly createKey: CreateApiKeyUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @Access({ scope: 'write:keys' })
  @ApiOperation({ summary: 'Create a key for this agent; plainKey is shown once.' })
  async create(@CurrentPrincipal() principal: Principal, @ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Body() body: CreateAgentKeyDto): Promise<CreatedApiKey> {
    await this.commands.request(AgentCommands.Get, { tenantId, agentId });
    return this.createKey.execute({ principal, tenantId, name: body.name, kind: 'agent', agentId, expiresAt: body.expiresAt });
  }

  @Get()
  @Access({ scope: 'read:keys' })
  @ApiOperation({ summary: "This agent's keys (never their secrets): {data, total}." })
  async list(@ActingTenant() tenantId: string, @Param('agentId') agentId: string, @Query() _query: TenantScoped): Promise<{ data: ApiKeyView[]; total: number }> {
    const now = new Date();
    // Another tenant's agent, or none, is a 404 like every agent route, not an empty list.
    const [, all] = await Promise.all([
      this.commands.request(AgentCommands.Get, { tenantId, agentId }),
      this.keys.listByTenant(tenantId),
    ]);
    const keys = all.filter((key) => key.agentId === agentId);
    return { data: keys.map((key) => apiKeyView(key, now)), total: keys.length };
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @Access({ scope: 'write:keys' })
  @ApiOperation({ summary: 'Revoke one of the agent’s keys; every gateway replica refuses it within a second.' })
  async revoke(
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Param('keyId') keyId: string,
    @Query() _query: TenantScoped,
  ): Promise<ApiKeyView> {
    const key = (await this.keys.listByTenant(tenantId)).find((candidate) => candidate.id === keyId && candidate.agentId === agentId);
    if (!key) throw new DomainError(ErrorCodes.ResourceNotFound, `API key ${keyId} not found`, 'keyId');
    return this.revokeKey.execute({ tenantId, keyId });
  }
}
