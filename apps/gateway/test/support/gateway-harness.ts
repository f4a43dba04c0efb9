import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, createServiceApp, loadConfig, runMigrations } from '@hb/platform';
import { dropKafkaNamespace, testInfra, type Reply } from '@hb/testing';
import { GatewayEnv } from '../../src/config/env';
import { DATABASE } from '../../src/database';
import { GATEWAY_SERVICE } from '../../src/gateway.service';

export const ADMIN_KEY = `hb_admin_test_${randomBytes(16).toString('hex')}`;

export { testInfra };

export interface RunningGateway {
  app: NestExpressApplication;
  url: string;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A gateway in this process, listening on a free port, wired to real Postgres, Redis and Kafka. */
export async function startGateway(env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadConfig(GatewayEnv, {
    ...testInfra,
    HB_ADMIN_KEY: ADMIN_KEY,
    KAFKA_NAMESPACE: namespace,
    REQUEST_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'info',
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = new JsonLogger('gateway', config.INSTANCE_ID, config.LOG_LEVEL, { write: (line: string) => logs.push(JSON.parse(line)) });
  const app = await createServiceApp(GATEWAY_SERVICE, config, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, logs, close: () => app.close() };
}

/** One Kafka namespace for this test file's gateways, so they share revocation events. */
export const namespace = `gw${randomBytes(3).toString('hex')}`;

export async function migrateGateway(): Promise<void> {
  await runMigrations({ ...DATABASE, url: testInfra.DATABASE_URL });
}

export function dropTestTopics(): Promise<void> {
  return dropKafkaNamespace(namespace);
}

/** A small HTTP client that speaks to the gateway as a client of the specs would. */
export function client(base: string) {
  return async function call(method: string, path: string, options: { key?: string; body?: unknown; raw?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (options.key) headers.Authorization = `Bearer ${options.key}`;
    if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

export function uniqueTenantId(): string {
  return `tenant_${randomBytes(5).toString('hex')}`;
}
