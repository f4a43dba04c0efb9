// The floor for the gateway benchmark: a bare Node HTTP server that answers the same kind of request
// by asking Postgres directly, with no framework, no auth and no Kafka in between.
import { createServer } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);

createServer(async (req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200).end();
    return;
  }
  const started = performance.now();
  const { rows } = await pool.query('SELECT 1 AS one');
  const body = JSON.stringify({ service: 'floor', instance: 'floor', one: rows[0].one, latencyMs: performance.now() - started });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => {
  void pool.end().then(() => process.exit(0));
});
