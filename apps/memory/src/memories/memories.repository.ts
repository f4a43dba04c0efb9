import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DomainError, ErrorCodes, type ListMemoriesRequest, type MemoryQuota } from '@hb/contracts';
import { MemoryEntity } from './memory.entity';
import { TenantUsageEntity } from './tenant-usage.entity';

const SORT_COLUMNS = { createdAt: 'created_at', importance: 'importance', updatedAt: 'updated_at' } as const;

@Injectable()
export class MemoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A tenant's memory, optionally an agent's; another tenant's memory is simply not found. */
  async find(manager: EntityManager | undefined, ref: { tenantId: string; id: string; agentId?: string }, lock = false): Promise<MemoryEntity> {
    const memory = await (manager ?? this.dataSource.manager).findOne(MemoryEntity, {
      where: { id: ref.id, tenantId: ref.tenantId, ...(ref.agentId ? { agentId: ref.agentId } : {}) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!memory) throw new DomainError(ErrorCodes.ResourceNotFound, `Memory ${ref.id} not found`);
    return memory;
  }

  /** The memory a create with this Idempotency-Key stored, if any. */
  async findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<MemoryEntity | null> {
    return this.dataSource.manager.findOneBy(MemoryEntity, { tenantId, idempotencyKey });
  }

  /** Inserts the memories in one statement and reads them back as stored, in the order given. */
  async insertMany(manager: EntityManager, memories: Array<Omit<MemoryEntity, 'createdAt' | 'updatedAt'>>): Promise<MemoryEntity[]> {
    // TypeORM's deep-partial type cannot follow a jsonb Record; the entity shape is checked above.
    await manager.insert(MemoryEntity, memories as QueryDeepPartialEntity<MemoryEntity>[]);
    const stored = new Map((await manager.findBy(MemoryEntity, { id: In(memories.map((m) => m.id)) })).map((m) => [m.id, m]));
    return memories.map((memory) => stored.get(memory.id)!);
  }

  async save(manager: EntityManager, memory: MemoryEntity): Promise<MemoryEntity> {
    return manager.save(MemoryEntity, memory);
  }

  async remove(manager: EntityManager, memory: MemoryEntity): Promise<void> {
    await manager.delete(MemoryEntity, { id: memory.id });
  }

  async page(query: ListMemoriesRequest): Promise<{ rows: MemoryEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(MemoryEntity)
      .createQueryBuilder('m')
      .where('m.tenant_id = :tenantId', { tenantId: query.tenantId });
    if (query.agentId) qb.andWhere('m.agent_id = :agentId', { agentId: query.agentId });
    if (query.type) qb.andWhere('m.type = :type', { type: query.type });
    if (query.tags?.length) qb.andWhere('m.tags @> :tags', { tags: query.tags });
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, total] = await qb
      .orderBy(`m.${SORT_COLUMNS[query.sort]}`, direction)
      .addOrderBy('m.id', direction)
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { rows, total };
  }

  /**
   * The tenant's memories among `ids`, each with how many of the text's distinct stemmed words it
   * holds, and how many the text has: what relevance's lexical half needs, in one round trip.
   */
  async withWordCoverage(tenantId: string, ids: string[], text: string): Promise<{ rows: Map<string, MemoryEntity>; matched: Map<string, number>; terms: number }> {
    const { entities, raw } = await this.dataSource
      .getRepository(MemoryEntity)
      .createQueryBuilder('m')
      .addSelect(`cardinality(tsvector_to_array(to_tsvector('english', :text)))`, 'terms')
      .addSelect(
        `(SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('english', :text))) t
           WHERE m.search_tsv @@ quote_literal(t)::tsquery)::int`,
        'matched',
      )
      .where('m.id IN (:...ids) AND m.tenant_id = :tenantId', { ids, tenantId, text })
      .getRawAndEntities<{ m_id: string; terms: number; matched: number }>();
    return {
      rows: new Map(entities.map((row) => [row.id, row])),
      matched: new Map(raw.map((row) => [row.m_id, Number(row.matched)])),
      terms: Number(raw[0]?.terms ?? 0),
    };
  }

  async usage(tenantId: string): Promise<{ memories: number; storageBytes: number }> {
    const row = await this.dataSource.getRepository(TenantUsageEntity).findOneBy({ tenantId });
    return { memories: row?.memories ?? 0, storageBytes: row?.storageBytes ?? 0 };
  }

  /**
   * Applies a change to the tenant's totals in one statement, refusing it with 402 when it passes
   * the quota: the throw rolls the caller's transaction back, the change with it. The upsert holds
   * the row's lock until that transaction ends, so concurrent creates of one tenant queue on it and
   * none slips past.
   */
  async changeUsage(manager: EntityManager, tenantId: string, delta: { memories: number; storageBytes: number }, quota?: MemoryQuota): Promise<void> {
    const [row] = await manager.query(
      `INSERT INTO tenant_usage AS u (tenant_id, memories, storage_bytes) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE
           SET memories = u.memories + EXCLUDED.memories, storage_bytes = u.storage_bytes + EXCLUDED.storage_bytes
       RETURNING memories, storage_bytes`,
      [tenantId, delta.memories, delta.storageBytes],
    );
    const memories = Number(row.memories);
    const storageBytes = Number(row.storage_bytes);
    if (quota && delta.memories > 0 && quota.memories !== null && memories > quota.memories) {
      throw new DomainError(ErrorCodes.InsufficientQuota, `Memory quota of ${quota.memories} reached`);
    }
    if (quota && delta.storageBytes > 0 && quota.storageBytes !== null && storageBytes > quota.storageBytes) {
      throw new DomainError(ErrorCodes.InsufficientQuota, `Storage quota of ${quota.storageBytes} bytes reached`);
    }
  }
}
