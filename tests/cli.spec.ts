import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HeroBrain } from '@hb/sdk';
import { dropKafkaNamespace, ScriptedAnthropic, startHttpEndpoint, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { ROOT, e2eSuite, fiveServices, migrate, startFive } from './support/processes';

/** The model: "fail…" is refused (a failed run), memory extraction finds nothing, anything else is echoed. */
function script(request: ScriptedRequest): ScriptedTurn {
  const last = request.body.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : '';
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  if (text.startsWith('fail')) return { error: { status: 400, type: 'invalid_request_error', message: 'scripted refusal' } };
  return { text: `You said: ${text}` };
}

const CLI = join(ROOT, 'packages/cli/dist/main.js');
/** Nothing listens here: the platform unreachable. */
const UNREACHABLE = 'http://127.0.0.1:13809';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the heartbeat command line, on the whole platform', () => {
  const { namespace, adminKey, env } = e2eSuite('cli');
  const model = new ScriptedAnthropic(script);
  const services = fiveServices(env, 13800);
  const { gateway, runtime, scheduler, memory, dispatcher } = services;
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  let receiver: HttpEndpoint;

  /** The user's home: the config file goes under it, and nothing else of this machine's is seen. */
  const home = mkdtempSync(join(tmpdir(), 'hb-cli-home-'));
  const configFile = join(home, 'config', 'heartbeat', 'config.json');
  const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
  let key: string;
  let hb: HeroBrain;

  /** Runs the built command line as a user would, HEROBRAIN_* unset unless given. */
  function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Ran> {
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HEROBRAIN_')));
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [CLI, ...args],
        { env: { ...base, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), ...options.env }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
      child.stdin!.end(options.input ?? '');
    });
  }

  /** Runs it and expects `code`, showing what it printed when the code is another. */
  async function expectExit(code: number, args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<Ran> {
    const ran = await cli(args, options);
    expect({ args, code: ran.code, stderr: ran.stderr }).toEqual({ args, code, stderr: expect.any(String) });
    return ran;
  }

  async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 1000)}`);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    await Promise.all((['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'] as const).map((app) => migrate(app, env)));
    await model.start(13805);
    receiver = await startHttpEndpoint((req, body, res) => {
      received.push({ path: req.url ?? '/', headers: req.headers, body });
      res.writeHead(200).end('ok');
    }, 13806);
    await startFive(services, model.url);

    const admin = new HeroBrain({ apiKey: adminKey, baseUrl: gateway.url });
    await admin.tenants.create({ id: tenantId, name: 'cli', plan: 'enterprise' });
    key = (await admin.apiKeys.create({ name: 'operator', tenantId })).plainKey;
    hb = new HeroBrain({ apiKey: key, baseUrl: gateway.url, tenantId });
  });

  afterAll(async () => {
    await Promise.all([gateway.stop(), memory.stop(), runtime.stop(), scheduler.stop(), dispatcher.stop(), model.stop(), receiver?.close()]);
    await dropKafkaNamespace(namespace);
    rmSync(home, { recursive: true, force: true });
  });

  describe('usage, help and exit codes', () => {
    it('documents the exit codes in the top-level help, and has help on every command', async () => {
      const top = await expectExit(0, ['--help']);
      expect(top.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .*\n {2}2 {2}usage error.*\n {2}3 .*401, 403\n {2}4 {2}not found.*\n {2}5 .*5xx\n {2}6 {2}partial failure/);
      expect((await expectExit(0, ['memories', 'import', '--help'])).stdout).toMatch(/--batch-size <n>/);
      expect((await expectExit(0, ['agents', 'invoke', '--help'])).stdout).toMatch(/--no-stream/);
      expect((await expectExit(0, ['keys', 'create', '--help'])).stdout).toMatch(/--scope <scope>[\s\S]*--environment/);
      expect((await expectExit(0, ['heartbeats', '--help'])).stdout).toMatch(/trigger/);
    });

    it('exits 2 on an unknown flag or a missing argument, and 3 without any key', async () => {
      expect((await expectExit(2, ['memories', 'list', '--bogus'])).stderr).toMatch(/^error: USAGE: unknown option '--bogus'/);
      expect((await expectExit(2, ['memories', 'add', 'no type given'])).stderr).toMatch(/--type/);
      expect((await expectExit(3, ['memories', 'list'])).stderr).toMatch(/^error: NOT_AUTHENTICATED: No API key/);
    });
  });

  describe('first steps, as the README shows them', () => {
    it('makes a tenant and its key with the admin key, then works as that tenant', async () => {
      const fresh = `user_${randomBytes(4).toString('hex')}`;
      const admin = { env: { HEROBRAIN_API_KEY: adminKey, HEROBRAIN_BASE_URL: gateway.url } };
      expect((await expectExit(0, ['tenants', 'create', fresh, '--name', 'Acme', '--plan', 'pro'], admin)).stdout).toBe(`Created tenant ${fresh} (Acme, plan pro).\n`);
      expect(JSON.parse((await expectExit(0, ['tenants', 'list', '--json'], admin)).stdout).map((t: { id: string }) => t.id)).toContain(fresh);
      const plainKey = (await expectExit(0, ['--tenant', fresh, 'keys', 'create', 'Production API Key'], admin)).stdout.trim();
      expect(plainKey).toMatch(/^hb_prod_/);
      const asTenant = { env: { HEROBRAIN_API_KEY: plainKey, HEROBRAIN_BASE_URL: gateway.url } };
      await expectExit(0, ['memories', 'add', 'Met with Sarah about Q4 goals', '--type', 'episodic'], asTenant);
      expect((await expectExit(0, ['memories', 'search', 'Q4 planning'], asTenant)).stdout).toContain('Met with Sarah about Q4 goals');
      // A tenant key is no admin key.
      expect((await expectExit(3, ['tenants', 'list'], asTenant)).stderr).toMatch(/^error: INSUFFICIENT_SCOPE/);
    });
  });

  describe('login', () => {
    it('refuses a key the gateway does not know, saving nothing', async () => {
      expect((await expectExit(3, ['login', '--api-key', 'hb_prod_not_a_real_key', '--base-url', gateway.url])).stderr).toMatch(/^error: AUTH_\w+: .*\[.+\]$/m);
      expect(existsSync(configFile)).toBe(false);
    });

    it('checks the key, then saves it with the gateway and tenant, readable by the user alone', async () => {
      const ran = await expectExit(0, ['login', '--api-key', key, '--base-url', gateway.url]);
      expect(ran.stdout).toContain(`Logged in to ${gateway.url}`);
      expect(ran.stdout).toContain(`tenant ${tenantId}`);
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ baseUrl: gateway.url, apiKey: key, tenantId });
      expect(statSync(configFile).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(configFile)).mode & 0o777).toBe(0o700);
    });

    it('reads the key from stdin with --api-key -, and makes an existing file private again', async () => {
      chmodSync(configFile, 0o644);
      await expectExit(0, ['login', '--api-key', '-', '--base-url', gateway.url], { input: `${key}\n` });
      expect(statSync(configFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(configFile, 'utf8')).apiKey).toBe(key);
    });

    it('is what later commands use, unless the environment says otherwise', async () => {
      await expectExit(0, ['memories', 'list']);
      await expectExit(3, ['memories', 'list'], { env: { HEROBRAIN_API_KEY: 'hb_prod_not_a_real_key', HEROBRAIN_BASE_URL: gateway.url } });
      expect((await expectExit(5, ['--base-url', UNREACHABLE, 'memories', 'list'])).stderr).toMatch(/^error: CONNECTION_FAILED: Could not reach/);
    });
  });

  describe('memories', () => {
    let id: string;

    it('adds a memory, then lists, gets and finds it, as tables and as JSON', async () => {
      const added = await expectExit(0, ['memories', 'add', 'Priya prefers written summaries after every meeting.', '--type', 'semantic', '--tag', 'priya', '--tag', 'meetings', '--importance', '0.8', '--metadata', '{"source":"cli"}']);
      [, id] = /^Created memory (mem_\S+) \(semantic\)\.$/m.exec(added.stdout) ?? [];
      expect(id).toBeDefined();

      const table = (await expectExit(0, ['memories', 'list'])).stdout.split('\n');
      expect(table[0]).toMatch(/^ID\s+TYPE\s+IMPORTANCE\s+TAGS\s+CREATED\s+CONTENT$/);
      expect(table[1]).toMatch(new RegExp(`^${id}\\s+semantic\\s+0.8\\s+priya,meetings\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+Priya prefers written summaries`));
      expect(table[2]).toBe('Page 1 of 1 (1 memory).');
      const page = JSON.parse((await expectExit(0, ['memories', 'list', '--json'])).stdout);
      expect(page).toMatchObject({ memories: [{ id, tags: ['priya', 'meetings'], metadata: { source: 'cli' } }], pagination: { total: 1 } });

      const details = (await expectExit(0, ['memories', 'get', id])).stdout;
      expect(details).toMatch(new RegExp(`^id: +${id}$`, 'm'));
      expect(details).toMatch(/^content: +Priya prefers written summaries after every meeting\.$/m);
      expect(JSON.parse((await expectExit(0, ['memories', 'get', id, '--json'])).stdout)).toMatchObject({ id, importance: 0.8 });

      const found = (await expectExit(0, ['memories', 'search', 'how does Priya like meeting notes?', '--limit', '5'])).stdout;
      expect(found.split('\n')[0]).toMatch(/^ID\s+RELEVANCE\s+TYPE\s+CONTENT$/);
      expect(found).toContain(id);
      const searched = JSON.parse((await expectExit(0, ['memories', 'search', 'Priya summaries', '--json', '--type', 'semantic'])).stdout);
      expect(searched.results[0]).toMatchObject({ id, relevance: expect.any(Number) });
      expect((await expectExit(0, ['memories', 'search', 'Priya', '--type', 'task'])).stdout).toBe('No memories matched.\n');
    });

    it('exits 4 on a memory that is not there, and deletes one that is', async () => {
      expect((await expectExit(4, ['memories', 'get', 'mem_doesnotexist'])).stderr).toMatch(/^error: RESOURCE_NOT_FOUND: .+ \[\S+\]\n$/);
      const removed = await expectExit(4, ['memories', 'rm', id, 'mem_doesnotexist']);
      expect(removed.stdout).toBe(`Deleted ${id}.\n`);
      expect(removed.stderr).toMatch(/^error: RESOURCE_NOT_FOUND/);
      await expectExit(4, ['memories', 'get', id]);
      expect((await expectExit(0, ['memories', 'list'])).stdout).toBe('No memories.\n');
    });

    it('imports a JSONL file in batches, counting its bad lines by number and exiting 6', async () => {
      const file = join(home, 'memories.jsonl');
      const lines = Array.from({ length: 250 }, (_, i) => JSON.stringify({ content: `Imported fact number ${i + 1}`, type: 'semantic', tags: ['imported'] }));
      lines[16] = '{"content": "a line cut short", "type": ';
      lines[119] = JSON.stringify({ content: 'of no known type', type: 'bogus', tags: ['imported'] });
      writeFileSync(file, `${lines.join('\n')}\n`);

      const ran = await expectExit(6, ['memories', 'import', file]);
      expect(ran.stdout).toContain(`Imported ${file}: 248 created, 2 failed.`);
      expect(ran.stdout).toMatch(/^ {2}line 17: INVALID_JSON: .+$/m);
      expect(ran.stdout).toMatch(/^ {2}line 120: VALIDATION_ERROR: .+ \(field: type\)$/m);
      // stderr is no terminal here: a line per batch instead of a bar.
      expect(ran.stderr.trim().split('\n')).toEqual([
        'batch 1: lines 1-101: 100 created, 1 failed',
        'batch 2: lines 102-201: 99 created, 1 failed',
        'batch 3: lines 202-250: 49 created, 0 failed',
      ]);
      expect((await hb.memories.list({ tags: 'imported', limit: 1 })).pagination.total).toBe(248);
      const all = JSON.parse((await expectExit(0, ['memories', 'list', '--all', '--limit', '100', '--json'])).stdout);
      expect(all).toHaveLength(248);
    });
  });

  describe('agents and heartbeats', () => {
    let agentId: string;
    let heartbeatId: string;

    beforeAll(async () => {
      agentId = (await hb.agents.create({ name: 'Helper', instructions: 'Be brief.', heartbeat: true })).id;
      heartbeatId = (await hb.heartbeats.configure({ bot_id: agentId, prompt: 'Check the inbox', cron_pattern: '0 9 1 1 *', enabled: false })).uuid;
    });

    it('lists the agents', async () => {
      const table = (await expectExit(0, ['agents', 'list'])).stdout;
      expect(table).toMatch(new RegExp(`^${agentId}\\s+Helper\\s+\\S+\\s+yes\\s+\\d{4}-`, 'm'));
      expect(JSON.parse((await expectExit(0, ['agents', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ id: agentId, heartbeat: true })]);
    });

    it('streams the answer, waits for it with --no-stream, and prints the run with --json', async () => {
      expect((await expectExit(0, ['agents', 'invoke', agentId, 'hello there'])).stdout).toBe('You said: hello there\n');
      expect((await expectExit(0, ['agents', 'invoke', agentId, 'no stream', '--no-stream'])).stdout).toBe('You said: no stream\n');
      const run = JSON.parse((await expectExit(0, ['agents', 'invoke', agentId, 'as json', '--json'])).stdout);
      expect(run).toMatchObject({ status: 'completed', response: 'You said: as json', conversation_id: expect.any(String) });
      const more = JSON.parse((await expectExit(0, ['agents', 'invoke', agentId, 'again', '--conversation', run.conversation_id, '--json'])).stdout);
      expect(more.conversation_id).toBe(run.conversation_id);
    });

    it('exits 1 on a run that failed, its error on stderr', async () => {
      const ran = await expectExit(1, ['agents', 'invoke', agentId, 'fail now']);
      expect(ran.stderr).toMatch(/^error: model_error: .*scripted refusal.*\n$/);
      await expectExit(4, ['agents', 'invoke', 'agent_doesnotexist', 'hi']);
    });

    it("lists a bot's heartbeats, triggers one and reads its logs", async () => {
      const listed = (await expectExit(0, ['heartbeats', 'list', agentId])).stdout;
      expect(listed).toMatch(new RegExp(`^${heartbeatId}\\s+no\\s+cron 0 9 1 1 \\*`, 'm'));

      const triggered = (await expectExit(0, ['heartbeats', 'trigger', agentId, heartbeatId])).stdout;
      expect(triggered).toMatch(/^success in \d+ ms \(log \S+\)\nYou said: Check the inbox\n$/);

      const logs = (await expectExit(0, ['heartbeats', 'logs', agentId, '--heartbeat', heartbeatId])).stdout.split('\n');
      expect(logs[0]).toMatch(/^ID\s+CREATED\s+TYPE\s+STATUS\s+MS\s+RESULT$/);
      expect(logs[1]).toMatch(/\s+success\s+\d+\s+You said: Check the inbox$/);
      const page = JSON.parse((await expectExit(0, ['heartbeats', 'logs', agentId, '--status', 'success', '--limit', '5', '--json'])).stdout);
      expect(page.logs).toEqual([expect.objectContaining({ heartbeat_id: heartbeatId, status: 'success' })]);
      expect((await expectExit(0, ['heartbeats', 'logs', agentId, '--status', 'error'])).stdout).toBe('No runs.\n');
    });
  });

  describe('webhooks', () => {
    it('lists the deliveries of a memory.created event and resends one', async () => {
      const path = `/hook/${randomBytes(3).toString('hex')}`;
      const webhook = await hb.webhooks.create({ name: 'cli hook', url: `http://localhost:${receiver.port}${path}`, events: ['memory.created'], secret: 'cli-secret' });
      expect((await expectExit(0, ['webhooks', 'list'])).stdout).toMatch(new RegExp(`^${webhook.id}\\s+cli hook\\s+active\\s+memory.created`, 'm'));

      await expectExit(0, ['memories', 'add', 'A memory for the webhook', '--type', 'event']);
      const at = () => received.filter((r) => r.path === path);
      await until('the delivery', async () => at().length, (n) => n >= 1);
      const deliveries = await until(
        'the delivery marked delivered',
        async () => JSON.parse((await expectExit(0, ['webhooks', 'deliveries', webhook.id, '--json'])).stdout),
        (page) => page.data[0]?.status === 'delivered',
      );
      const deliveryId = deliveries.data[0].id as string;
      expect(deliveryId).toBe(at()[0]!.headers['webhook-id']);
      const table = (await expectExit(0, ['webhooks', 'deliveries', webhook.id])).stdout;
      expect(table).toMatch(new RegExp(`^${deliveryId}\\s+memory.created\\s+delivered\\s+1\\s+200`, 'm'));

      expect((await expectExit(0, ['webhooks', 'resend', webhook.id, deliveryId])).stdout).toBe(`Sending ${deliveryId} again (pending).\n`);
      await until('the resent delivery', async () => at().length, (n) => n >= 2);
      expect(at()[1]!.headers['webhook-id']).toBe(deliveryId);
      await until(
        'the second attempt recorded',
        async () => JSON.parse((await expectExit(0, ['webhooks', 'deliveries', webhook.id, '--json'])).stdout),
        (page) => page.data[0]?.attempts.length === 2 && page.data[0].status === 'delivered',
      );
      await expectExit(4, ['webhooks', 'deliveries', 'wh_doesnotexist']);
    });
  });

  describe('keys', () => {
    it('creates a key shown once, which does what its scopes allow until it is revoked', async () => {
      const created = await expectExit(0, ['keys', 'create', 'ci reader', '--scope', 'read:memories', '--environment', 'development']);
      const plainKey = created.stdout.trim();
      expect(plainKey).toMatch(/^hb_dev_\S+$/);
      expect(created.stderr).toMatch(/will not be shown again/);

      const keys = JSON.parse((await expectExit(0, ['keys', 'list', '--json'])).stdout) as Array<{ id: string; name: string; scopes: string[] }>;
      const made = keys.find((k) => k.name === 'ci reader')!;
      expect(made.scopes).toEqual(['read:memories']);
      expect((await expectExit(0, ['keys', 'list'])).stdout).toMatch(new RegExp(`^${made.id}\\s+ci reader\\s+hb_dev_\\S*\\s+development\\s+active`, 'm'));
      expect(JSON.stringify(keys)).not.toContain(plainKey);

      // A key given with the command goes to the gateway named with it, not to the one saved with another key.
      const asReader = ['--api-key', plainKey, '--base-url', gateway.url];
      await expectExit(0, ['memories', 'list', ...asReader]);
      expect((await expectExit(3, ['memories', 'add', 'x', '--type', 'task', ...asReader])).stderr).toMatch(/^error: INSUFFICIENT_SCOPE/);

      expect((await expectExit(0, ['keys', 'revoke', made.id])).stdout).toBe(`Revoked ${made.id} (ci reader).\n`);
      // Every gateway replica refuses a revoked key within a second.
      const refused = await until('the revoked key refused', () => cli(['memories', 'list', ...asReader]), (ran) => ran.code !== 0, 5000);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/^error: AUTH_\w+/);
    });
  });

  describe('logout', () => {
    it('deletes the saved key, after which commands exit 3', async () => {
      expect((await expectExit(0, ['logout'])).stdout).toBe(`Logged out: deleted ${configFile}.\n`);
      expect(existsSync(configFile)).toBe(false);
      await expectExit(3, ['memories', 'list']);
      expect((await expectExit(0, ['logout'])).stdout).toMatch(/^Not logged in/);
    });
  });
});
