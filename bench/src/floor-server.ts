// The floor for the gateway benchmark: a bare Node HTTP server that answers the same kinds of
// request by asking Postgres directly, with no framework, no auth and no Kafka in between:
//   GET /items/{id}  one SELECT by primary key
//   POST /items      one INSERT of the JSON body's content (a durable commit)
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);
const TABLE = 'bench_floor_items';

async function bodyOf(req: IncomingMessage): Promise<{ content?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content?: string };
}

async function answer(req: IncomingMessage): Promise<[number, unknown]> {
  if (req.method === 'POST' && req.url === '/items') {
    const { content } = await bodyOf(req);
    const { rows } = await pool.query(`INSERT INTO ${TABLE} (id, content) VALUES ($1, $2) RETURNING id, content, created_at`, [
      randomUUID(),
      String(content ?? ''),
    ]);
    return [201, { data: rows[0] }];
  }
  const id = /^\/items\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
  if (req.method === 'GET' && id) {
    const { rows } = await pool.query(`SELECT id, content, created_at FROM ${TABLE} WHERE id = $1`, [id]);
    return rows[0] ? [200, { data: rows[0] }] : [404, { error: 'not found' }];
  }
  return [404, { error: 'not found' }];
}

async function main(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id uuid PRIMARY KEY, content text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(200).end();
      return;
    }
    answer(req).then(
      ([status, body]) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
    );
  }).listen(port, '127.0.0.1');
}

process.on('SIGTERM', () => {
  void pool.end().then(() => process.exit(0));
});

void main();
