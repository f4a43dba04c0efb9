import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { KickedLoop, LOGGER, Metrics } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../embeddings/embedding-provider';
import { VECTOR_INDEX, type VectorIndex } from '../search/vector-index';
import { ReembeddingRepository } from './reembedding.repository';

/** Vectors replaced per transaction: one model run, and row locks held for about that long. */
const BATCH = 64;
/** How often a replica looks for vectors of another model (a replica of the old version may still write them during a rolling upgrade). */
const CHECK_MS = 60_000;
/** How often progress is logged while it runs. */
const PROGRESS_MS = 10_000;

/**
 * Brings every stored vector to the configured model, in the background, after a change of
 * model (USE-lite's 512-d vectors before this version, e5-small-v2's now). Resumable by
 * construction: what is left is whatever memory_vectors still holds of other models. Search keeps
 * answering meanwhile: with the new model's vectors for the memories already done, and the
 * full-text side for the rest.
 */
@Injectable()
export class ReembeddingWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop = new KickedLoop(
    async () => void (await this.run()),
    (error) => this.logger.error({ msg: 're-embedding failed; retried at the next check', err: error.message }, ReembeddingWorker.name),
  );

  constructor(
    private readonly repository: ReembeddingRepository,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly index: VectorIndex,
    @Inject(LOGGER) private readonly logger: LoggerService,
    metrics: Metrics,
  ) {
    // How many vectors each model made, so progress is the current model's share: a count of the
    // whole table, so read at most once a minute, however often it is scraped.
    let counted: { at: number; byModel: Promise<Record<string, number>> } | undefined;
    metrics.gauge('memory_vectors', 'Stored vectors by the embedding model that made them; after a change of model, re-embedding moves them to the current one.', ['model', 'current'], async (gauge) => {
      if (!counted || Date.now() - counted.at > 60_000) counted = { at: Date.now(), byModel: this.repository.countByModel() };
      const byModel = await counted.byModel.catch((error: unknown) => {
        counted = undefined;
        throw error;
      });
      gauge.reset();
      for (const [model, count] of Object.entries(byModel)) gauge.set({ model, current: String(model === this.embeddings.model) }, count);
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start(CHECK_MS);
    this.loop.kick();
  }

  onModuleDestroy(): void {
    this.loop.stop();
  }

  /** Replaces outdated vectors until none is left; returns how many it replaced. */
  async run(): Promise<number> {
    const model = this.embeddings.model;
    let replaced = 0;
    let loggedAt = Date.now();
    for (;;) {
      if (this.loop.isStopped) break;
      const count = await this.repository.replaceBatch(model, BATCH, async (rows) => {
        const vectors = await this.embeddings.embed(rows.map((row) => row.content), 'document');
        // Before the commit: if the process dies in between, the batch is redone, and an upsert
        // of the same points is harmless.
        await this.index.publish(rows.map((row, i) => ({ ...row, vector: vectors[i] })));
        return vectors;
      });
      if (count === 0) break;
      if (replaced === 0) this.logger.log({ msg: 're-embedding started', model }, ReembeddingWorker.name);
      replaced += count;
      if (Date.now() - loggedAt >= PROGRESS_MS) {
        loggedAt = Date.now();
        this.logger.log({ msg: 're-embedding', model, replaced, byModel: await this.repository.countByModel() }, ReembeddingWorker.name);
      }
    }
    if (replaced > 0) this.logger.log({ msg: 're-embedding finished', model, replaced }, ReembeddingWorker.name);
    return replaced;
  }
}
