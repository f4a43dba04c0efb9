import { homedir } from 'node:os';
import { join } from 'node:path';
import { MAX_TOKENS, TextEncoder, meanPoolNormalized } from './text-encoder';

// The real e5-small-v2 files, fetched by infra/local/models.sh (./hb test runs it first).
const dir = process.env.EMBEDDINGS_MODEL_DIR ?? join(homedir(), '.cache/heartbeat-platform/models/e5-small-v2-q');
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe(TextEncoder.name, () => {
  let sut: TextEncoder;

  beforeAll(async () => {
    sut = await TextEncoder.load({ dir, threads: 1 });
  });

  afterAll(() => sut.close());

  it("tokenizes with BERT's uncased vocabulary, [CLS] first and [SEP] last", () => {
    expect(sut.tokenize('query: Hello World')).toEqual([101, 23032, 1024, 7592, 2088, 102]);
  });

  it('cuts a long text at 512 tokens and keeps the final [SEP]', () => {
    const ids = sut.tokenize('word '.repeat(2000));
    expect(ids).toHaveLength(MAX_TOKENS);
    expect(ids[0]).toBe(101);
    expect(ids[MAX_TOKENS - 1]).toBe(102);
  });

  // The quantized model scales activations per tensor, pads included, so a padded run moves a
  // vector slightly (cosine ≈ 0.996), never more.
  it('gives 384-dimensional unit vectors, nearly the same for a text alone or in a padded batch', async () => {
    const [alone] = await sut.encode(['passage: a short one']);
    const batch = await sut.encode(['passage: a much longer text that makes the short one padded in its run', 'passage: a short one']);
    expect(alone).toHaveLength(384);
    expect(dot(alone, alone)).toBeCloseTo(1, 5);
    expect(dot(alone, batch[1])).toBeGreaterThan(0.99);
  });

  it('gives the same vectors from its many-threaded session, which takes the large runs', async () => {
    const wide = await TextEncoder.load({ dir, threads: 2 });
    const texts = Array.from({ length: 24 }, (_, i) => `passage: sentence number ${i} about a long walk by the river`);
    const [many, one] = await Promise.all([wide.encode(texts), sut.encode(texts)]);
    await wide.close();
    many.forEach((vector, i) => expect(dot(vector, one[i])).toBeGreaterThan(0.999));
  });

  // Pinned on the model card's own example. A wrong pooling ([CLS] instead of the mean), a missing
  // prefix or no normalisation each move these by far more than the tolerance.
  it("reproduces the model card's example: the answer close, an unrelated passage far", async () => {
    const [query, answer, unrelated] = await sut.encode([
      'query: how much protein should a female eat',
      "passage: As a general guideline, the CDC's average requirement of protein for women ages 19 to 70 is 46 grams per day.",
      'passage: The weather in Paris is rainy in November.',
    ]);
    expect(dot(query, answer)).toBeCloseTo(0.925, 2);
    expect(dot(query, unrelated)).toBeCloseTo(0.683, 2);
  });
});

describe(meanPoolNormalized.name, () => {
  it('averages only the first `count` token vectors of its row, then scales to unit length', () => {
    // Two rows of three tokens of two dimensions; row 1 has two real tokens and one pad.
    const hidden = Float32Array.from([9, 9, 9, 9, 9, 9, 3, 0, 1, 4, 100, 100]);
    const pooled = meanPoolNormalized(hidden, 6, 2, 2);
    expect(Array.from(pooled)).toEqual([expect.closeTo(2 / Math.hypot(2, 2)), expect.closeTo(2 / Math.hypot(2, 2))]);
  });
});
