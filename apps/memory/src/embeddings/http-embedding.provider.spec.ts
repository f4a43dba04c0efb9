import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpEmbeddingProvider } from './http-embedding.provider';

describe(HttpEmbeddingProvider.name, () => {
  let server: Server;
  let url: string;
  const requests: Array<{ auth?: string; body: { model: string; input: string[] } }> = [];

  beforeAll(async () => {
    // An outside HTTP API, scripted: it answers in reverse order to prove results are re-ordered.
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw);
        requests.push({ auth: req.headers.authorization, body });
        if (body.model === 'broken') {
          res.writeHead(500).end();
          return;
        }
        const data = body.input.map((text: string, index: number) => ({ index, embedding: [text.length, index, 0] })).reverse();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the texts to {url}/embeddings with the model and key, and returns vectors in input order', async () => {
    const sut = new HttpEmbeddingProvider({ url, apiKey: 'secret', model: 'voyage-3-lite', dimensions: 3 });
    await expect(sut.embed(['ab', 'abcd'])).resolves.toEqual([
      [2, 0, 0],
      [4, 1, 0],
    ]);
    expect(requests.at(-1)).toEqual({ auth: 'Bearer secret', body: { model: 'voyage-3-lite', input: ['ab', 'abcd'] } });
  });

  it('fails clearly when the provider fails or answers the wrong size', async () => {
    await expect(new HttpEmbeddingProvider({ url, model: 'broken', dimensions: 3 }).embed(['x'])).rejects.toThrow('answered 500');
    await expect(new HttpEmbeddingProvider({ url, model: 'm', dimensions: 512 }).embed(['x'])).rejects.toThrow('not 512 dimensions');
  });
});
