import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DomainError, ErrorCodes, type ListMemoriesRequest, type MemoryQuota } from '@hb/contracts';
import { MemoryEntity } from './memory.entity';
import { TenantUsageEntity } from './tenant-usage.entity';

/**
 * MemoryEntity's mapping, read once from TypeORM's metadata, for the plain statements below: the
 * select list (each column under its property's name, so a row is the entity's shape) and the
 * columns an insert sets (all but what the database fills in: generated values and timestamps).
 */
interface Mapping {
  select: string;
  insert: ColumnMetadata[];
}

const SORT_COLUMNS = { createdAt: 'created_at', importance: 'importance', updatedAt: 'updated_at' } as const;

@Injectable()
export class MemoriesRepository {
  private mapped?: Mapping;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get mapping(): Mapping {
    return (this.mapped ??= mappingOf(this.dataSource.getMetadata(MemoryEntity).columns));
  }

  /**
   * A tenant's memory, optionally an agent's; another tenant's memory is simply not found. One
   * plain statement rather than TypeORM's findOne, whose query building cost more CPU than the
   * query itself on the read path (GET /memories/{id}).
   */
  async find(manager: EntityManager | undefined, ref: { tenantId: string; id: string; agentId?: string }, lock = false): Promise<MemoryEntity> {
    const params = ref.agentId ? [ref.id, ref.tenantId, ref.agentId] : [ref.id, ref.tenantId];
    const rows: MemoryEntity[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${this.mapping.select} FROM memories WHERE id = $1 AND tenant_id = $2${ref.agentId ? ' AND agent_id = $3' : ''}${lock ? ' FOR UPDATE' : ''}`,
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
    const { insert, select } = this.mapping;
    const params: unknown[] = [];
    const rows = memories.map((memory) => `(${insert.map((column) => `$${params.push(valueOf(column, memory))}`).join(', ')})`);
    const inserted: MemoryEntity[] = await manager.query(
      `INSERT INTO memories (${insert.map((column) => column.databaseName).join(', ')}) VALUES ${rows.join(', ')} RETURNING ${select}`,
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
    const found: Array<MemoryEntity & { terms: number; matched: number }> = await this.dataSource.query(
      `SELECT ${this.mapping.select},
              cardinality(tsvector_to_array(to_tsvector('english', $3))) AS terms,
              (SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('english', $3))) t
                WHERE m.search_tsv @@ quote_literal(t)::tsquery)::int AS matched
         FROM memories m WHERE m.id = ANY($1) AND m.tenant_id = $2`,
      [ids, tenantId, text],
    );
    const rows = new Map<string, MemoryEntity>();
    const matched = new Map<string, number>();
    for (const { terms: _terms, matched: count, ...memory } of found) {
      rows.set(memory.id, Object.assign(new MemoryEntity(), memory));
      matched.set(memory.id, Number(count));
    }
    return { rows, matched, terms: Number(found[0]?.terms ?? 0) };
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

function mappingOf(columns: ColumnMetadata[]): Mapping {
  return {
    select: columns
      .filter((c) => c.isSelect)
      .map((c) => (c.databaseName === c.propertyName ? c.databaseName : `${c.databaseName} AS "${c.propertyName}"`))
      .join(', '),
    insert: columns.filter((c) => c.isInsert && !c.isGenerated && !c.isCreateDate && !c.isUpdateDate && !c.isVirtual),
  };
}

/** A column's value as a statement parameter: node-postgres would send an array in jsonb as a Postgres array. */
function valueOf(column: ColumnMetadata, entity: object): unknown {
  const value = column.getEntityValue(entity);
  return column.type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : value;
}
