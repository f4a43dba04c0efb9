import { homedir } from 'node:os';
import { join } from 'node:path';
import { OnnxEmbeddingProvider } from './onnx-embedding.provider';

const dir = process.env.EMBEDDINGS_MODEL_DIR ?? join(homedir(), '.cache/heartbeat-platform/models/e5-small-v2-q');
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe(OnnxEmbeddingProvider.name, () => {
  let sut: OnnxEmbeddingProvider;

  beforeAll(async () => {
    sut = new OnnxEmbeddingProvider({ dir, threads: 1 });
    await sut.whenReady();
  });

  afterAll(() => sut.close());

  it('marks queries and documents with their e5 prefixes', async () => {
    const [asQuery] = await sut.embed(['sailing lessons on the lake'], 'query');
    const [asDocument] = await sut.embed(['sailing lessons on the lake'], 'document');
    expect(dot(asQuery, asDocument)).toBeLessThan(0.999);
    expect(dot(asQuery, asDocument)).toBeGreaterThan(0.8);
  });

  it('answers concurrent callers in order while the event loop keeps turning', async () => {
    const texts = Array.from({ length: 96 }, (_, i) => `passage number ${i} about a trip to the mountains`);
    let turns = 0;
    const timer = setInterval(() => turns++, 5);
    const started = Date.now();
    const vectors = await Promise.all(texts.map((text) => sut.embed([text], 'document').then(([v]) => v)));
    const elapsed = Date.now() - started;
    clearInterval(timer);
    const [again] = await sut.embed([texts[37]], 'document');
    // Alone or batched: the same text's vector (up to the quantized model's padding effect).
    expect(dot(vectors[37], again)).toBeGreaterThan(0.99);
    expect(dot(vectors[37], vectors[38])).toBeLessThan(dot(vectors[37], again));
    // Blocked, the loop would turn about once per batch; free, about every 5 ms.
    expect(turns).toBeGreaterThan(elapsed / 5 / 3);
  });

  it('serves a repeated query from its cache', async () => {
    const [first] = await sut.embed(['when did Maya start her degree?'], 'query');
    const [second] = await sut.embed(['when did Maya start her degree?'], 'query');
    expect(second).toBe(first);
  });

  it('fails clearly when the model files are missing', async () => {
    const broken = new OnnxEmbeddingProvider({ dir: '/nonexistent', threads: 1 });
    await expect(broken.whenReady()).rejects.toThrow('did not load from /nonexistent');
    await expect(broken.embed(['x'], 'document')).rejects.toThrow('did not load');
    await broken.close();
  });
});
