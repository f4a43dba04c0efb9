import type { DataSource, EntityManager } from 'typeorm';
import type { SampleMemory } from './sample-memories';

/** The seed's writes: sample memories inserted as they are, with fixed ids, and their tenant's totals. */
export class SampleMemoriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these ids are stored already. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM memories WHERE id = ANY($1)`, [ids]);
    return new Set(rows.map((row) => row.id));
  }

  async insert(manager: EntityManager, tenantId: string, sample: SampleMemory, sizeBytes: number): Promise<void> {
    await manager.query(
      `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [sample.id, tenantId, sample.content, sample.type, sample.importance, sample.tags, sample.metadata, sizeBytes, sample.createdAt],
    );
  }

  /** Adds to the tenant's totals. */
  async addUsage(manager: EntityManager, tenantId: string, memories: number, storageBytes: number): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_usage (tenant_id, memories, storage_bytes) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET memories = tenant_usage.memories + $2, storage_bytes = tenant_usage.storage_bytes + $3`,
      [tenantId, memories, storageBytes],
    );
  }
}
