import { PagePromise } from '../core/pagination.js';
import { Resource, path } from '../core/resource.js';
import { newIdempotencyKey, type RequestOptions } from '../core/transport.js';
import type { AnswerOf, BodyOf, Memory, MemoryBatchResponse, MemoryPage, MemorySearchResponse, Params, QueryOf } from '../types.js';

export type MemoryCreateParams = Params<BodyOf<'MemoriesController_create'>>;
export type MemoryUpdateParams = Params<BodyOf<'MemoriesController_update'>>;
export type MemoryListParams = Params<QueryOf<'MemoriesController_list'>>;
export type MemorySearchParams = Params<BodyOf<'MemoriesController_search'>>;

/** Spec 003's memories: create, read, list, change, delete, and semantic search. */
export class Memories extends Resource {
  /** Stores a memory. Safe to retry: the call carries an idempotency key (one of yours, or a new one). */
  create(params: MemoryCreateParams, options: RequestOptions = {}): Promise<Memory> {
    return this.data('POST', '/api/v1/memories', { body: params, idempotent: true }, { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() });
  }

  /** Up to 100 memories under one quota check; one result line per memory, in order. */
  createBatch(memories: MemoryCreateParams[], options?: RequestOptions): Promise<MemoryBatchResponse> {
    return this.data('POST', '/api/v1/memories/batch', { body: { memories } }, options);
  }

  get(id: string, options?: RequestOptions): Promise<Memory> {
    return this.data('GET', path`/api/v1/memories/${id}`, {}, options);
  }

  /** `await` it for one page; `for await` over it for every memory, page after page. */
  list(params: MemoryListParams = {}, options?: RequestOptions): PagePromise<MemoryPage, Memory> {
    return new PagePromise(
      (page) => this.data<MemoryPage>('GET', '/api/v1/memories', { query: { ...params, page } }, options),
      params.page ?? 1,
      (page) => page.memories,
      (page) => page.pagination.hasNext,
    );
  }

  /** Changes the fields given; the rest stay as they are. */
  update(id: string, changes: MemoryUpdateParams, options?: RequestOptions): Promise<Memory> {
    return this.data('PATCH', path`/api/v1/memories/${id}`, { body: changes, tenant: 'query' }, options);
  }

  delete(id: string, options?: RequestOptions): Promise<AnswerOf<'MemoriesController_remove'>> {
    return this.data('DELETE', path`/api/v1/memories/${id}`, {}, options);
  }

  /** Hybrid semantic search: `relevance` is comparable across queries, so `minRelevance` means the same for all. */
  search(params: MemorySearchParams, options?: RequestOptions): Promise<MemorySearchResponse> {
    return this.data('POST', '/api/v1/memories/search', { body: params }, options);
  }
}
