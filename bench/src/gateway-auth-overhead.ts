// What authentication and rate limiting add to a request: the same trivial handler behind the
// guard (GET /api/v1/system/whoami with a tenant key: key check, one Redis round trip for every
// limit, headers) and without it (GET /api/v1/system/status, public), in one run.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, UNTHROTTLED, aTenantKey, benchEnv, constantRate, fmt, migrate, percentile, startProcess } from './support';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const GOAL_MS = 1;

async function main(): Promise<void> {
  const env = { ...benchEnv, ...UNTHROTTLED, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' };
  await migrate('gateway', env);
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, PORT: '14010' }, 'http://127.0.0.1:14010/health/ready');
  try {
    const auth = { Authorization: `Bearer ${await aTenantKey('http://127.0.0.1:14010')}` };
    const authenticated = 'http://127.0.0.1:14010/api/v1/system/whoami';
    const open = 'http://127.0.0.1:14010/api/v1/system/status';
    await constantRate(authenticated, RATE, 3, auth);
    await constantRate(open, RATE, 3);
    const withAuth = await constantRate(authenticated, RATE, SECONDS, auth);
    const without = await constantRate(open, RATE, SECONDS);
    const row = (name: string, r: typeof withAuth) =>
      `  ${name.padEnd(28)} p50 ${fmt(percentile(r.latenciesMs, 50)).padStart(9)}  p99 ${fmt(percentile(r.latenciesMs, 99)).padStart(9)}  errors ${r.errors}`;
    console.log(`\nAuthentication + rate limiting overhead (${RATE} req/s for ${SECONDS} s each, open loop)`);
    console.log(row('authenticated (whoami)', withAuth));
    console.log(row('unauthenticated (status)', without));
    const added50 = percentile(withAuth.latenciesMs, 50) - percentile(without.latenciesMs, 50);
    const added99 = percentile(withAuth.latenciesMs, 99) - percentile(without.latenciesMs, 99);
    console.log(`  added by auth + limits: p50 ${fmt(added50)} (goal ≤ ${GOAL_MS} ms), p99 ${fmt(added99)}`);
  } finally {
    await gateway.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
