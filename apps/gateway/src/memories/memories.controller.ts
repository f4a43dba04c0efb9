import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MemoryCommands, type MemoryPage, type MemoryView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { MemoryQuotaResolver } from './memory-quota.resolver';
import { CreateMemoryDto } from './dto/create-memory.dto';
import { ListMemoriesQuery } from './dto/list-memories.query';
import { UpdateMemoryDto } from './dto/update-memory.dto';
import { TenantQuery } from '../api-keys/dto/list-api-keys.query';

/** Spec 003's memories: validated here, answered by the memory service over Kafka. */
@ApiTags('Memories')
@ApiBearerAuth()
@Controller('api/v1/memories')
export class MemoriesController {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
  ) {}

  @Post()
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Create a memory in your tenant.' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMemoryDto): Promise<MemoryView> {
    const tenantId = tenantOf(principal, body.tenantId);
    return this.commands.request(
      'memory',
      MemoryCommands.Create,
      { ...body, tenantId, quota: await this.quotas.resolve(principal, tenantId) },
      { tenantId },
    );
  }

  @Get()
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'A page of memories, filtered by type and tags, sorted by createdAt, importance or updatedAt.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMemoriesQuery): Promise<MemoryPage> {
    const tenantId = tenantOf(principal, query.tenantId);
    return this.commands.request(
      'memory',
      MemoryCommands.List,
      {
        tenantId,
        page: query.page ?? 1,
        limit: query.limit ?? 50,
        type: query.type,
        tags: query.tags ? query.tags.split(',').map((tag) => tag.trim()).filter(Boolean) : undefined,
        sort: query.sort ?? 'createdAt',
        order: query.order ?? 'desc',
      },
      { tenantId },
    );
  }

  @Get(':id')
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'Retrieve a memory by id.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TenantQuery): Promise<MemoryView> {
    const tenantId = tenantOf(principal, query.tenantId);
    return this.commands.request('memory', MemoryCommands.Get, { tenantId, id }, { tenantId });
  }

  @Patch(':id')
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Update content, importance, tags or metadata of a memory.' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateMemoryDto,
    @Query() query: TenantQuery,
  ): Promise<MemoryView> {
    const tenantId = tenantOf(principal, body.tenantId ?? query.tenantId);
    return this.commands.request(
      'memory',
      MemoryCommands.Update,
      { ...body, tenantId, id, quota: await this.quotas.resolve(principal, tenantId) },
      { tenantId },
    );
  }

  @Delete(':id')
  @Access({ scope: 'write:memories' })
  @ApiOperation({ summary: 'Delete a memory permanently.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TenantQuery): Promise<{ id: string; deleted: true }> {
    const tenantId = tenantOf(principal, query.tenantId);
    await this.commands.request('memory', MemoryCommands.Delete, { tenantId, id }, { tenantId });
    return { id, deleted: true };
  }
}
