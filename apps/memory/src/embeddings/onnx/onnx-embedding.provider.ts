import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { E5_RANGE, type SimilarityRange } from '../../search/relevance';
import type { EmbeddingProvider, EmbeddingPurpose } from '../embedding-provider';
import { QueryCache } from './query-cache';
import type { WorkerReady, WorkerReply, WorkerRequest } from './embedding.worker';

/** How an asymmetric model wants its inputs marked; e5 was trained with these prefixes. */
export interface OnnxModelSpec {
  id: string;
  dimensions: number;
  prefixes: Record<EmbeddingPurpose, string>;
  similarityRange: SimilarityRange;
}

export const E5_SMALL_V2: OnnxModelSpec = {
  id: 'e5-small-v2',
  dimensions: 384,
  prefixes: { query: 'query: ', document: 'passage: ' },
  similarityRange: E5_RANGE,
};

export interface OnnxProviderOptions {
  /** Folder with model.onnx and tokenizer.json (infra/local/models.sh fetches them). */
  dir: string;
  threads: number;
  spec?: OnnxModelSpec;
}

/** Texts a worker request carries at most; what arrives meanwhile waits for the next one. */
const MAX_BATCH = 64;
/** Query embeddings kept: repeated searches (an agent's recall, a console's filters) skip the model. */
const QUERY_CACHE_SIZE = 2000;

interface Waiting {
  text: string;
  resolve(vector: number[]): void;
  reject(error: Error): void;
}

/**
 * An ONNX sentence encoder (e5-small-v2 by default) in a worker thread of this process: offline,
 * no service to run. Texts from concurrent callers are batched into one run while the previous
 * one works; query embeddings are cached. A worker that dies fails its batch and is replaced.
 */
export class OnnxEmbeddingProvider implements EmbeddingProvider {
  readonly model: string;
  readonly dimensions: number;
  readonly similarityRange: SimilarityRange;
  private readonly spec: OnnxModelSpec;
  private readonly cache = new QueryCache<number[]>(QUERY_CACHE_SIZE);
  private worker!: Worker;
  private started!: Promise<void>;
  private queue: Waiting[] = [];
  private inFlight?: { id: number; batch: Waiting[] };
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: OnnxProviderOptions) {
    this.spec = options.spec ?? E5_SMALL_V2;
    this.model = this.spec.id;
    this.dimensions = this.spec.dimensions;
    this.similarityRange = this.spec.similarityRange;
    this.spawn();
  }

  /** Resolves once the model is loaded and has answered a first run; rejects if it cannot load. */
  whenReady(): Promise<void> {
    return this.started;
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]> {
    const prefix = this.spec.prefixes[purpose];
    return Promise.all(
      texts.map((text) => {
        const input = prefix + text;
        const cached = purpose === 'query' ? this.cache.get(input) : undefined;
        if (cached) return cached;
        return new Promise<number[]>((resolve, reject) => {
          this.queue.push({ text: input, resolve, reject });
          this.pump();
        }).then((vector) => {
          if (purpose === 'query') this.cache.set(input, vector);
          return vector;
        });
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const failure = new Error('embedding provider closed');
    for (const waiting of [...(this.inFlight?.batch ?? []), ...this.queue.splice(0)]) waiting.reject(failure);
    this.inFlight = undefined;
    await this.worker.terminate();
  }

  private spawn(): void {
    const worker = new Worker(workerScript(), { workerData: { dir: this.options.dir, threads: this.options.threads } });
    this.worker = worker;
    let loaded = false;
    this.started = new Promise<void>((resolve, reject) => {
      worker.once('message', (ready: WorkerReady) => {
        if (!ready.ready) return reject(new Error(`embedding model did not load from ${this.options.dir}: ${ready.error}`));
        if (ready.dimensions !== this.dimensions) {
          return reject(new Error(`${this.model} gave ${ready.dimensions} dimensions, expected ${this.dimensions}`));
        }
        worker.on('message', (reply: WorkerReply) => this.settle(reply));
        loaded = true;
        resolve();
        this.pump();
      });
      worker.once('error', reject);
    });
    // A failed load is reported to whoever awaits whenReady() or embeds; never unhandled.
    this.started.catch(() => undefined);
    worker.on('error', (error) => this.failInFlight(error));
    // A worker that had loaded and then died is replaced; one that never loaded is not retried
    // (the model files are missing or broken, and start-up reports it).
    worker.on('exit', (code) => {
      if (this.closed || this.worker !== worker || !loaded) return;
      this.failInFlight(new Error(`embedding worker exited with code ${code}`));
      this.spawn();
    });
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0 || this.closed) return;
    void this.started.then(
      () => {
        if (this.inFlight || this.queue.length === 0 || this.closed) return;
        const batch = this.queue.splice(0, MAX_BATCH);
        const id = this.nextId++;
        this.inFlight = { id, batch };
        this.worker.postMessage({ id, texts: batch.map((w) => w.text) } satisfies WorkerRequest);
      },
      (error: Error) => this.queue.splice(0).forEach((waiting) => waiting.reject(error)),
    );
  }

  private settle(reply: WorkerReply): void {
    const flight = this.inFlight;
    if (!flight || flight.id !== reply.id) return;
    this.inFlight = undefined;
    if ('error' in reply) flight.batch.forEach((waiting) => waiting.reject(new Error(`embedding failed: ${reply.error}`)));
    else flight.batch.forEach((waiting, i) => waiting.resolve(Array.from(reply.vectors[i])));
    this.pump();
  }

  private failInFlight(error: Error): void {
    const flight = this.inFlight;
    this.inFlight = undefined;
    flight?.batch.forEach((waiting) => waiting.reject(error));
  }
}

/**
 * The worker's compiled entry. Under ts-jest this file runs from src/ as TypeScript, which a worker
 * thread cannot load, so it uses the build's copy (tests run after the build).
 */
function workerScript(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, '../../../dist/embeddings/onnx/embedding.worker.js')
    : join(__dirname, 'embedding.worker.js');
}
