import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
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
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Query() query: AgentMemoryQuery,
  ): Promise<{ data: AgentMemoryView[]; total: number }> {
    return this.listMemory.execute({ tenantId, agentId, query });
  }

  @Delete(':memoryId')
  @HttpCode(204)
  @Access({ scope: 'write:memories', agentParam: 'agentId' })
  @ApiOperation({ summary: 'Delete one memory of the agent. 204 No Content.' })
  async remove(
    @ActingTenant() tenantId: string,
    @Param('agentId') agentId: string,
    @Param('memoryId') memoryId: string,
    @Query() _query: TenantScoped,
  ): Promise<void> {
    await this.deleteMemory.execute({ tenantId, agentId, memoryId });
  }
}
