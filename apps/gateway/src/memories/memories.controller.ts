import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MemoryCommands, type CreateMemoriesResponse, type MemoryPage, type MemorySearchResponse, type MemoryView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { idempotencyKeyOf } from '../http/idempotency-key';
import { CreateMemoryDto } from './dto/create-memory.dto';
import { CreateMemoriesDto } from './dto/create-memories.dto';
import { ListMemoriesQuery } from './dto/list-memories.query';
import { SearchMemoriesDto } from './dto/search-memories.dto';
import { UpdateMemoryDto } from './dto/update-memory.dto';
import { CreateMemoriesUseCase } from './use-cases/create-memories.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { WriteMemoryUseCase } from './use-cases/write-memory.use-case';

/** Spec 003's memories: validated here, answered by the memory service over Kafka. */
@ApiTags('Memories')
@ApiBearerAuth()
@Controller('api/v1/memories')
export class MemoriesController {
  constructor(
    private readonly writeMemory: WriteMemoryUseCase,
    private readonly createMemories: CreateMemoriesUseCase,
    private readonly listMemories: ListMemoriesUseCase,
    private readonly commands: CommandClient,
  ) {}

  @Post()
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Create a memory in your tenant; it is searchable when this answers. An Idempotency-Key header makes a retry answer the memory the first attempt stored.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any printable ASCII up to 200 characters.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @ActingTenant() tenantId: string,
    @Body() body: CreateMemoryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<MemoryView> {
    return this.writeMemory.execute({ principal, tenantId, body, idempotencyKey: idempotencyKeyOf(idempotencyKey) });
  }

  @Post('batch')
  @HttpCode(200)
  @Access({ scope: 'write:memories' })
  @ApiOperation({
    summary: 'Create up to 100 memories at once, for imports: one line per item (created, or failed with the field), one quota check.',
  })
  createBatch(@CurrentPrincipal() principal: Principal, @ActingTenant() tenantId: string, @Body() body: CreateMemoriesDto): Promise<CreateMemoriesResponse> {
    return this.createMemories.execute({ principal, tenantId, body });
  }

  @Post('search')
  @HttpCode(200)
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'Hybrid semantic search: embeddings and full text, fused by reciprocal rank.' })
  search(@ActingTenant() tenantId: string, @Body() body: SearchMemoriesDto): Promise<MemorySearchResponse> {
    const { query, limit, type, minRelevance, tags } = body;
    return this.commands.request(MemoryCommands.Search, { tenantId, query, limit: limit ?? 20, type, minRelevance, tags }, { tenantId });
  }

  @Get()
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'A page of memories, filtered by type and tags, sorted by createdAt, importance or updatedAt.' })
  list(@ActingTenant() tenantId: string, @Query() query: ListMemoriesQuery): Promise<MemoryPage> {
    return this.listMemories.execute(tenantId, query);
  }

  @Get(':id')
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'Retrieve a memory by id.' })
  get(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() _query: TenantScoped): Promise<MemoryView> {
    return this.commands.request(MemoryCommands.Get, { tenantId, id }, { tenantId });
  }

  @Patch(':id')
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Update content, importance, tags or metadata of a memory.' })
  update(
    @CurrentPrincipal() principal: Principal,
    @ActingTenant() tenantId: string,
    @Param('id') id: string,
    @Body() body: UpdateMemoryDto,
    @Query() _query: TenantScoped,
  ): Promise<MemoryView> {
    return this.writeMemory.execute({ principal, tenantId, id, body });
  }

  @Delete(':id')
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Delete a memory permanently.' })
  async remove(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() _query: TenantScoped): Promise<{ id: string; deleted: true }> {
    await this.commands.request(MemoryCommands.Delete, { tenantId, id }, { tenantId });
    return { id, deleted: true };
  }
}
