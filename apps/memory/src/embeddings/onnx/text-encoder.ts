import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { InferenceSession, Tensor } from 'onnxruntime-node';

/** The longest input the model was trained on, [CLS] and [SEP] included. */
export const MAX_TOKENS = 512;
/** Padded tokens a sub-batch may hold: bounds the tensor, so one long text does not pad 63 short ones. */
const TOKENS_PER_RUN = 8192;
/** Runs at least this many padded tokens wide go to the many-threaded session (about 8 short texts). */
const WIDE_RUN_TOKENS = 256;

export interface EncoderOptions {
  /** A folder holding model.onnx and tokenizer.json. */
  dir: string;
  /** Threads for large runs; small ones (a query, a few) run on one, which costs the least CPU. */
  threads: number;
}

/**
 * A BERT-family sentence encoder (e5-small-v2 here) run with onnxruntime: tokenized by the
 * model's own tokenizer.json, cut at MAX_TOKENS keeping the final [SEP], mean-pooled over the
 * attention mask and L2-normalised, as the model was trained. The texts of a call are sorted by
 * length and run in sub-batches padded to their longest member (twice as fast as unsorted); a
 * small run takes a one-thread session, a large one a session with every configured thread.
 * Runs synchronously inside onnxruntime: callers keep it off the event loop (embedding.worker.ts).
 */
export class TextEncoder {
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly narrow: InferenceSession,
    private readonly wide: InferenceSession | undefined,
    private readonly sep: number,
  ) {}

  /** Width of the vectors, read from a first run (which also warms the session up). */
  dimensions = 0;

  static async load(options: EncoderOptions): Promise<TextEncoder> {
    const tokenizer = new Tokenizer(JSON.parse(await readFile(join(options.dir, 'tokenizer.json'), 'utf8')), {});
    const model = join(options.dir, 'model.onnx');
    const narrow = await InferenceSession.create(model, sessionOptions(1));
    const wide = options.threads > 1 ? await InferenceSession.create(model, sessionOptions(options.threads)) : undefined;
    const probe = tokenizer.encode('').ids;
    const encoder = new TextEncoder(tokenizer, narrow, wide, probe[probe.length - 1]);
    encoder.dimensions = (await encoder.encode(['warm up']))[0].length;
    return encoder;
  }

  /** Token ids as the model sees them: special tokens added, cut at MAX_TOKENS with [SEP] kept last. */
  tokenize(text: string): number[] {
    const ids = this.tokenizer.encode(text).ids;
    return ids.length <= MAX_TOKENS ? ids : [...ids.slice(0, MAX_TOKENS - 1), this.sep];
  }

  async encode(texts: string[]): Promise<Float32Array[]> {
    const tokenized = texts.map((text, index) => ({ index, ids: this.tokenize(text) }));
    tokenized.sort((a, b) => a.ids.length - b.ids.length);
    const vectors = new Array<Float32Array>(texts.length);
    let start = 0;
    while (start < tokenized.length) {
      let end = start + 1;
      // Sorted ascending, so the last member decides the padded width.
      while (end < tokenized.length && (end - start + 1) * tokenized[end].ids.length <= TOKENS_PER_RUN) end++;
      const run = tokenized.slice(start, end);
      const pooled = await this.run(run.map((t) => t.ids));
      run.forEach((t, i) => (vectors[t.index] = pooled[i]));
      start = end;
    }
    return vectors;
  }

  private async run(batch: number[][]): Promise<Float32Array[]> {
    const rows = batch.length;
    const width = batch[batch.length - 1].length;
    const ids = new BigInt64Array(rows * width);
    const mask = new BigInt64Array(rows * width);
    batch.forEach((tokens, r) =>
      tokens.forEach((id, c) => {
        ids[r * width + c] = BigInt(id);
        mask[r * width + c] = 1n;
      }),
    );
    const shape = [rows, width];
    const session = this.wide && rows * width >= WIDE_RUN_TOKENS ? this.wide : this.narrow;
    const output = await session.run({
      input_ids: new Tensor('int64', ids, shape),
      attention_mask: new Tensor('int64', mask, shape),
      token_type_ids: new Tensor('int64', new BigInt64Array(rows * width), shape),
    });
    const hidden = output.last_hidden_state;
    const data = hidden.data as Float32Array;
    const dims = hidden.dims[2];
    return batch.map((tokens, r) => meanPoolNormalized(data, r * width * dims, tokens.length, dims));
  }

  async close(): Promise<void> {
    await this.narrow.release();
    await this.wide?.release();
  }
}

/**
 * Spinning is off: onnxruntime's idle threads otherwise spin after every run, measured here at
 * 17 ms of CPU per query on two threads against 9.5 without spinning and 6.6 on one thread.
 */
function sessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/** Mean of the first `count` token vectors starting at `offset`, scaled to unit length. */
export function meanPoolNormalized(data: Float32Array, offset: number, count: number, dims: number): Float32Array {
  const vector = new Float32Array(dims);
  for (let t = 0; t < count; t++) {
    const base = offset + t * dims;
    for (let d = 0; d < dims; d++) vector[d] += data[base + d];
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += vector[d] * vector[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) vector[d] /= norm;
  return vector;
}
