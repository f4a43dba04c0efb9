import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantQuery } from '../api-keys/dto/list-api-keys.query';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import type { AgentMemoryView } from './agent-memory.view';
import { AgentMemoryQuery } from './dto/agent-memory.query';
import { DeleteAgentMemoryUseCase } from './use-cases/delete-agent-memory.use-case';
import { ListAgentMemoryUseCase } from './use-cases/list-agent-memory.use-case';

/** Spec 000's agent memory, in the Agent API's plain bodies; agent keys reach only their agent. */
@ApiTags('Agent API: memory')
@ApiBearerAuth()
@Controller('api/v1/agents/:agentId/memory')
export class AgentMemoryController {
  constructor(
    private readonly listMemory: ListAgentMemoryUseCase,
    private readonly deleteMemory: DeleteAgentMemoryUseCase,
  ) {}

  @Get()
  @Access({ scope: 'read:memories', agentParam: 'agentId' })
  @ApiOperation({ summary: "Search an agent's memory (query), or list it newest first; filter by type." })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Query() query: AgentMemoryQuery,
  ): Promise<{ data: AgentMemoryView[]; total: number }> {
    return this.listMemory.execute({ tenantId: tenantOf(principal, query.tenantId), agentId, query });
  }

  @Delete(':memoryId')
  @HttpCode(204)
  @Access({ scope: 'write:memories', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Delete one memory of the agent. 204 No Content.' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('agentId') agentId: string,
    @Param('memoryId') memoryId: string,
    @Query() query: TenantQuery,
  ): Promise<void> {
    await this.deleteMemory.execute({ tenantId: tenantOf(principal, query.tenantId), agentId, memoryId });
  }
}
