import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCodes, type ListMemoriesRequest, type MemoryQuota } from '@hb/contracts';
import { MemoryEntity } from './memory.entity';
import { TenantUsageEntity } from './tenant-usage.entity';

/** MemoryEntity's columns under its property names, for the plain statements below. */
const MEMORY_COLUMNS = [
  'id',
  'tenant_id AS "tenantId"',
  'agent_id AS "agentId"',
  'content',
  'type',
  'importance',
  'tags',
  'metadata',
  'size_bytes AS "sizeBytes"',
  'idempotency_key AS "idempotencyKey"',
  'created_at AS "createdAt"',
  'updated_at AS "updatedAt"',
].join(', ');

/** The casts of insertMany's values, in its column order: tags and metadata come as text. */
const INSERT_CASTS = ['', '', '', '', '', '', '::text[]', '::jsonb', '', ''];

const SORT_COLUMNS = { createdAt: 'created_at', importance: 'importance', updatedAt: 'updated_at' } as const;

@Injectable()
export class MemoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A tenant's memory, optionally an agent's; another tenant's memory is simply not found. One
   * plain statement rather than TypeORM's findOne, whose query building cost more CPU than the
   * query itself on the read path (GET /memories/{id}).
   */
  async find(manager: EntityManager | undefined, ref: { tenantId: string; id: string; agentId?: string }, lock = false): Promise<MemoryEntity> {
    const params = ref.agentId ? [ref.id, ref.tenantId, ref.agentId] : [ref.id, ref.tenantId];
    const rows: MemoryEntity[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${MEMORY_COLUMNS} FROM memories WHERE id = $1 AND tenant_id = $2${ref.agentId ? ' AND agent_id = $3' : ''}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    if (rows.length === 0) throw new DomainError(ErrorCodes.ResourceNotFound, `Memory ${ref.id} not found`);
    return Object.assign(new MemoryEntity(), rows[0]);
  }

  /** The memory a create with this Idempotency-Key stored, if any. */
  async findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<MemoryEntity | null> {
    return this.dataSource.manager.findOneBy(MemoryEntity, { tenantId, idempotencyKey });
  }

  /**
   * Inserts the memories in one statement and returns them as stored (timestamps set), in the
   * order given: one round trip where TypeORM's insert and a read-back took two, with its query
   * building on top.
   */
  async insertMany(manager: EntityManager, memories: Array<Omit<MemoryEntity, 'createdAt' | 'updatedAt'>>): Promise<MemoryEntity[]> {
    const params: unknown[] = [];
    const rows = memories.map((m) => {
      const first = params.length;
      params.push(m.id, m.tenantId, m.agentId, m.content, m.type, m.importance, m.tags, JSON.stringify(m.metadata), m.sizeBytes, m.idempotencyKey);
      return `(${INSERT_CASTS.map((cast, j) => `$${first + j + 1}${cast}`).join(', ')})`;
    });
    const inserted: MemoryEntity[] = await manager.query(
      `INSERT INTO memories (id, tenant_id, agent_id, content, type, importance, tags, metadata, size_bytes, idempotency_key)
       VALUES ${rows.join(', ')} RETURNING ${MEMORY_COLUMNS}`,
      params,
    );
    const stored = new Map(inserted.map((row) => [row.id, Object.assign(new MemoryEntity(), row)]));
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
