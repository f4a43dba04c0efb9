import { createHash } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import type { EntityManager } from 'typeorm';
import { type VectorEntry, type VectorFilter, type VectorHit, type VectorIndex, type VectorSpace } from './vector-index';
import { writeVectorRows } from './memory-vectors.repository';

/**
 * Qdrant as Qdrant's multitenancy guide asks: one collection per embedding model, a keyword payload
 * index on the tenant with is_tenant created before any point, and a must-filter on it in every
 * query. Point ids are UUIDs derived from memory ids (Qdrant takes only unsigned integers or UUIDs).
 */
export class QdrantVectorIndex implements VectorIndex {
  private readonly client: QdrantClient;
  private ready?: Promise<void>;

  private readonly collection: string;

  constructor(
    url: string,
    readonly space: VectorSpace,
    collection = collectionFor(space),
  ) {
    this.client = new QdrantClient({ url, checkCompatibility: false });
    this.collection = collection;
  }

  write(manager: EntityManager, entries: VectorEntry[]): Promise<void> {
    return writeVectorRows(manager, this.space, entries);
  }

  async publish(entries: VectorEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ensureCollection();
    await this.client.upsert(this.collection, {
      wait: true,
      points: entries.map((entry) => ({
        id: pointId(entry.id),
        vector: entry.vector,
        payload: {
          tenant_id: entry.tenantId,
          memory_id: entry.id,
          agent_id: entry.agentId,
          type: entry.type,
          tags: entry.tags,
          created_at: entry.createdAt.toISOString(),
        },
      })),
    });
  }

  async remove(id: string): Promise<void> {
    await this.ensureCollection();
    await this.client.delete(this.collection, { wait: true, points: [pointId(id)] });
  }

  async search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]> {
    await this.ensureCollection();
    const { filter } = query;
    const must: object[] = [{ key: 'tenant_id', match: { value: query.tenantId } }];
    if (filter.agentId) must.push({ key: 'agent_id', match: { value: filter.agentId } });
    if (filter.type) must.push({ key: 'type', match: { value: filter.type } });
    for (const tag of filter.tags ?? []) must.push({ key: 'tags', match: { value: tag } });
    if (filter.createdFrom || filter.createdTo) {
      must.push({ key: 'created_at', range: { ...(filter.createdFrom ? { gte: filter.createdFrom } : {}), ...(filter.createdTo ? { lte: filter.createdTo } : {}) } });
    }
    const result = await this.client.query(this.collection, {
      query: query.vector,
      filter: { must } as never,
      limit: query.limit,
      with_payload: ['memory_id'],
    });
    return result.points.map((point) => ({ id: String(point.payload?.memory_id), similarity: point.score }));
  }

  private ensureCollection(): Promise<void> {
    this.ready ??= (async () => {
      const { exists } = await this.client.collectionExists(this.collection);
      if (exists) return;
      await this.client.createCollection(this.collection, { vectors: { size: this.space.dimensions, distance: 'Cosine' } });
      await this.client.createPayloadIndex(this.collection, {
        wait: true,
        field_name: 'tenant_id',
        field_schema: { type: 'keyword', is_tenant: true },
      });
      for (const field of ['agent_id', 'type', 'tags']) {
        await this.client.createPayloadIndex(this.collection, { wait: true, field_name: field, field_schema: 'keyword' });
      }
      await this.client.createPayloadIndex(this.collection, { wait: true, field_name: 'created_at', field_schema: 'datetime' });
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

/** One collection per model: a new model fills a collection of its own while the old one answers. */
export function collectionFor(space: VectorSpace): string {
  return `memories_${space.model.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${space.dimensions}`;
}

/** A stable UUID (version 5 layout) for a memory id. */
export function pointId(memoryId: string): string {
  const hex = createHash('sha1').update(`memory:${memoryId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
