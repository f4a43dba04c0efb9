import { randomBytes } from 'node:crypto';
import { dropKafkaNamespace, gatewayClient, recordEvents, ScriptedAnthropic, type EventRecorder, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { openApiDocumentOf } from './support/openapi-conformance';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

/** The scripted model: "fail…" is refused (a failed run), "slow N" answers after N ms, anything else is echoed for 1,250 tokens. */
function script(request: ScriptedRequest): ScriptedTurn {
  const last = request.body.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : '';
  if (text.startsWith('fail')) return { error: { status: 400, type: 'invalid_request_error', message: 'scripted refusal' } };
  const [, slow] = /^slow (\d+)/.exec(text) ?? [];
  return { text: `Done: ${text}`, usage: { input_tokens: 1000, output_tokens: 250 }, ...(slow ? { delayMs: Number(slow) } : {}) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A cron that will not fire while the tests run: heartbeats made to be triggered, not scheduled. */
const NEVER_SOON = '0 9 1 1 *';

describe('Heartbeat API through the gateway (specs 001 and 002)', () => {
  const { namespace, adminKey, env } = e2eSuite('hbt');
  const model = new ScriptedAnthropic(script);
  const gateway = new ServiceProcess('gateway', 13400, env);
  const runtime = new ServiceProcess('agent-runtime', 13401, env);
  const schedulers = [new ServiceProcess('heartbeat-scheduler', 13402, env), new ServiceProcess('heartbeat-scheduler', 13412, env)];
  const events: Array<{ type: string; payload: Record<string, any> }> = [];
  let reader: EventRecorder;

  const call = gatewayClient(gateway.url);

  /** A project (tenant) with a key, on the enterprise plan (1-minute heartbeats) unless told otherwise, and a bot with heartbeat: true. */
  async function aProjectWithBot(tenant: Record<string, unknown> = { plan: 'enterprise' }, heartbeat = true) {
    const projectId = `proj_${randomBytes(4).toString('hex')}`;
    await call('POST', '/api/v1/admin/tenants', adminKey, { id: projectId, name: 'e2e', ...tenant });
    const key = (await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId: projectId })).body.data.plainKey as string;
    const bot = await call('POST', '/v1/bot/create', key, { project_id: projectId, name: 'Support bot', heartbeat });
    return { projectId, key, botId: bot.body.bot.id as string };
  }

  /** Every heartbeat the tests make, disabled at the end: the test database outlives this run. */
  const made: Array<{ key: string; ref: { project_id: string; bot_id: string; heartbeat_id: string } }> = [];

  async function configure(project: { projectId: string; key: string; botId: string }, fields: Record<string, unknown>) {
    const res = await call('POST', '/v1/bot/heartbeat/configure', project.key, { project_id: project.projectId, bot_id: project.botId, ...fields });
    if (res.status === 200) made.push({ key: project.key, ref: { project_id: project.projectId, bot_id: project.botId, heartbeat_id: res.body.heartbeat.uuid } });
    return res;
  }

  /** The bot's logs; none while no scheduler answers (the probes of a restart wait through that). */
  async function logsOf(project: { projectId: string; key: string; botId: string }, query = '') {
    const res = await call('GET', `/v1/bot/heartbeat/logs?project_id=${project.projectId}&bot_id=${project.botId}&per_page=100${query}`, project.key);
    return res.status === 200 ? res.body : { total: -1, logs: [] };
  }

  async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 2000)}`);
      await sleep(200);
    }
  }

  const startScheduler = (scheduler: ServiceProcess) => scheduler.start({ HEARTBEAT_REQUEUE_AFTER_MS: '5000' });

  beforeAll(async () => {
    await Promise.all([migrate('gateway', env), migrate('agent-runtime', env), migrate('heartbeat-scheduler', env)]);
    await model.start();
    runtime.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' });
    schedulers.forEach(startScheduler);
    await Promise.all([runtime, ...schedulers].map((service) => service.waitForReadiness(200)));
    gateway.start();
    await gateway.waitForReadiness(200);
    reader = await recordEvents(`${namespace}.heartbeat.events.v1`, `${namespace}.test-reader`, events);
  });

  afterAll(async () => {
    for (const { key, ref } of made) await call('POST', '/v1/bot/heartbeat/disable', key, ref);
    await reader.stop();
    await Promise.all([gateway.stop(), runtime.stop(), ...schedulers.map((s) => s.stop()), model.stop()]);
    await dropKafkaNamespace(namespace);
  });

  describe('spec 002, verbatim', () => {
    it('configures, lists, reads, disables, enables, triggers, logs, counts and deletes a heartbeat', async () => {
      const project = await aProjectWithBot();
      const { projectId, botId, key } = project;
      const configured = await call('POST', '/v1/bot/heartbeat/configure', key, {
        project_id: projectId,
        bot_id: botId,
        prompt: 'Check for new support tickets and summarize any urgent ones',
        cron_pattern: '0 9 * * 1,2,3,4,5',
        enabled: true,
        timezone: 'America/New_York',
        credit_budget: 100,
      });
      expect(configured.status).toBe(200);
      const { heartbeat } = configured.body;
      expect(heartbeat).toMatchObject({
        uuid: expect.stringMatching(/^hb_/),
        bot_id: botId,
        prompt: 'Check for new support tickets and summarize any urgent ones',
        cron_pattern: '0 9 * * 1,2,3,4,5',
        enabled: 1,
        timezone: 'America/New_York',
        credit_budget: 100,
        credits_used: 0,
        execution_count: 0,
        error_count: 0,
        max_consecutive_errors: 5,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
      // 09:00 in New York is 13:00 or 14:00 UTC, on a weekday there.
      const next = new Date(heartbeat.next_run_at);
      expect([13, 14]).toContain(next.getUTCHours());
      expect(next.getUTCMinutes()).toBe(0);
      expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay());

      const listed = await call('GET', `/v1/bot/heartbeat/readall?project_id=${projectId}&bot_id=${botId}`, key);
      expect(listed.status).toBe(200);
      expect(listed.body.heartbeats).toEqual([
        expect.objectContaining({ uuid: heartbeat.uuid, prompt: heartbeat.prompt, cron_pattern: '0 9 * * 1,2,3,4,5', enabled: 1, last_status: null, execution_count: 0, error_count: 0 }),
      ]);
      const ref = { project_id: projectId, bot_id: botId, heartbeat_id: heartbeat.uuid };
      const read = await call('GET', `/v1/bot/heartbeat/read?project_id=${projectId}&bot_id=${botId}&heartbeat_id=${heartbeat.uuid}`, key);
      expect(read).toMatchObject({ status: 200, body: { heartbeat: { uuid: heartbeat.uuid, enabled: 1 } } });

      const disabled = await call('POST', '/v1/bot/heartbeat/disable', key, ref);
      expect(disabled).toMatchObject({ status: 200, body: { heartbeat: { enabled: 0, next_run_at: null } } });
      const enabled = await call('POST', '/v1/bot/heartbeat/enable', key, ref);
      expect(enabled).toMatchObject({ status: 200, body: { heartbeat: { enabled: 1, next_run_at: heartbeat.next_run_at } } });
      await call('POST', '/v1/bot/heartbeat/disable', key, ref);

      // A trigger runs once now, although the heartbeat is disabled.
      const triggered = await call('POST', '/v1/bot/heartbeat/trigger', key, ref);
      expect(triggered.status).toBe(200);
      expect(triggered.body.result).toMatchObject({
        status: 'success',
        response: 'Done: Check for new support tickets and summarize any urgent ones',
        duration_ms: expect.any(Number),
        tokens_used: 1250,
        credits_charged: 2,
      });

      const logs = await call('GET', `/v1/bot/heartbeat/logs?project_id=${projectId}&bot_id=${botId}`, key);
      expect(logs.status).toBe(200);
      expect(logs.body).toMatchObject({
        total: 1,
        logs: [
          {
            uuid: expect.stringMatching(/^log_/),
            type: 'manual',
            status: 'success',
            prompt: 'Check for new support tickets and summarize any urgent ones',
            response: 'Done: Check for new support tickets and summarize any urgent ones',
            duration_ms: triggered.body.result.duration_ms,
            tokens_used: 1250,
            credits_charged: 2,
            created_at: expect.stringMatching(/Z$/),
          },
        ],
        pagination: { page: 1, per_page: 20, total: 1, total_pages: 1 },
      });

      const stats = await call('GET', `/v1/bot/heartbeat/stats?project_id=${projectId}&bot_id=${botId}&days=30`, key);
      expect(stats.status).toBe(200);
      expect(stats.body.stats).toMatchObject({
        total_executions: 1,
        success_count: 1,
        error_count: 0,
        skipped_count: 0,
        success_rate: 100,
        total_tokens: 1250,
        total_credits: 2,
        avg_duration_ms: triggered.body.result.duration_ms,
        active_heartbeats: 0,
        by_type: { manual: { count: 1, success_rate: 100 } },
      });
      expect(stats.body.stats.time_series).toHaveLength(30);
      expect(stats.body.stats.time_series[0]).toEqual({ date: new Date().toISOString().slice(0, 10), total: 1, success: 1, error: 0, skipped: 0 });

      const after = await call('GET', `/v1/bot/heartbeat/read?project_id=${projectId}&bot_id=${botId}&heartbeat_id=${heartbeat.uuid}`, key);
      expect(after.body.heartbeat).toMatchObject({ credits_used: 2, execution_count: 1, last_status: 'success' });

      const deleted = await call('DELETE', `/v1/bot/heartbeat/delete?project_id=${projectId}&bot_id=${botId}&heartbeat_id=${heartbeat.uuid}`, key);
      expect(deleted.status).toBe(200);
      const gone = await call('GET', `/v1/bot/heartbeat/read?project_id=${projectId}&bot_id=${botId}&heartbeat_id=${heartbeat.uuid}`, key);
      expect(gone.status).toBe(404);
      // Its history stays with the bot.
      expect((await logsOf(project)).total).toBe(1);
    });
  });

  it("documents every configure field and spec 002's example in the OpenAPI document", async () => {
    const doc = await openApiDocumentOf(gateway.url);
    const body = doc.paths['/v1/bot/heartbeat/configure'].post.requestBody.content['application/json'];
    expect(body.examples['spec 002'].value).toMatchObject({ cron_pattern: '0 9 * * 1,2,3,4,5', timezone: 'America/New_York' });
    const properties = Object.keys(doc.components.schemas.ConfigureHeartbeatDto.properties);
    for (const field of ['project_id', 'bot_id', 'heartbeat_id', 'prompt', 'interval_minutes', 'cron_pattern', 'enabled', 'timezone', 'active_hours_start', 'active_hours_end', 'active_days', 'credit_budget', 'max_consecutive_errors', 'member_id']) {
      expect(properties).toContain(field);
    }
  });

  describe('spec 001: intervals, active hours and days, members', () => {
    it('configures an interval heartbeat inside a window and updates it by heartbeat_id', async () => {
      const project = await aProjectWithBot();
      const fields = {
        interval_minutes: 60,
        active_hours_start: '09:00',
        active_hours_end: '17:00',
        active_days: '1,2,3,4,5',
        timezone: 'Europe/Berlin',
        credit_budget: null,
        max_consecutive_errors: 3,
        member_id: 'member_42',
      };
      const created = await configure(project, { prompt: 'Summarize the day', enabled: true, ...fields });
      expect(created.status).toBe(200);
      expect(created.body.heartbeat).toMatchObject({ ...fields, cron_pattern: null, enabled: 1 });
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(
        new Date(created.body.heartbeat.next_run_at),
      );
      const hour = Number(local.find((p) => p.type === 'hour')!.value);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(local.find((p) => p.type === 'weekday')!.value);

      const other = await configure(project, { prompt: 'Default schedule' });
      expect(other.body.heartbeat).toMatchObject({ interval_minutes: 30, enabled: 0, timezone: 'UTC', max_consecutive_errors: 5, member_id: null, next_run_at: null });

      const updated = await configure(project, { heartbeat_id: created.body.heartbeat.uuid, prompt: 'Summarize the week' });
      expect(updated.body.heartbeat).toMatchObject({ uuid: created.body.heartbeat.uuid, prompt: 'Summarize the week', interval_minutes: 60, member_id: 'member_42', enabled: 1 });

      const forMember = await call('GET', `/v1/bot/heartbeat/readall?project_id=${project.projectId}&bot_id=${project.botId}&member_id=member_42`, project.key);
      expect(forMember.body.heartbeats.map((h: { uuid: string }) => h.uuid)).toEqual([created.body.heartbeat.uuid]);
      const all = await call('GET', `/v1/bot/heartbeat/readall?project_id=${project.projectId}&bot_id=${project.botId}`, project.key);
      expect(all.body.heartbeats).toHaveLength(2);
    });
  });

  describe('errors', () => {
    it.each([
      ['cron_pattern', { cron_pattern: '61 * * * *' }],
      ['cron_pattern', { cron_pattern: '0 0 9 * * 1' }],
      ['cron_pattern', { cron_pattern: '0 9 * * 1', interval_minutes: 60 }],
      ['timezone', { timezone: 'Mars/Olympus' }],
      ['active_hours_start', { active_hours_start: '25:00', active_hours_end: '08:00' }],
      ['active_hours_end', { active_hours_start: '08:00' }],
      ['active_days', { active_days: '0,8' }],
      ['interval_minutes', { interval_minutes: 0 }],
      ['interval_minutes', { interval_minutes: 'often' }],
      ['enabled', { enabled: 'yes' }],
      ['credit_budget', { credit_budget: -1 }],
    ])('answers 400 naming %s', async (field, fields) => {
      const project = await aProjectWithBot();
      const res = await configure(project, { prompt: 'p', ...fields });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });

    it('answers 400 for a new heartbeat without a prompt, and for a missing project_id', async () => {
      const project = await aProjectWithBot();
      expect((await configure(project, {})).body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'prompt' });
      const res = await call('POST', '/v1/bot/heartbeat/configure', project.key, { bot_id: project.botId, prompt: 'p' });
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', field: 'project_id' } } });
    });

    it("answers 400 for an interval or a cron below the plan's minimum (pro: 5 minutes)", async () => {
      const project = await aProjectWithBot({ plan: 'pro' });
      expect((await configure(project, { prompt: 'p', interval_minutes: 1 })).body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'interval_minutes' });
      expect((await configure(project, { prompt: 'p', cron_pattern: '*/2 * * * *' })).body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'cron_pattern' });
      expect((await configure(project, { prompt: 'p', interval_minutes: 5 })).status).toBe(200);
    });

    it('answers 403 when the bot does not have heartbeat: true, and works once bot/update sets it', async () => {
      const project = await aProjectWithBot({ plan: 'enterprise' }, false);
      const refused = await configure(project, { prompt: 'p' });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FEATURE_NOT_ENABLED', field: 'bot_id' } } });
      await call('POST', '/v1/bot/update', project.key, { project_id: project.projectId, bot_id: project.botId, heartbeat: true });
      expect((await configure(project, { prompt: 'p' })).status).toBe(200);
    });

    it("answers 403 when the project's plan does not allow heartbeats", async () => {
      const project = await aProjectWithBot({ plan: 'pro', limits: { heartbeatsAllowed: false } });
      expect(await configure(project, { prompt: 'p' })).toMatchObject({ status: 403, body: { error: { code: 'FEATURE_NOT_ENABLED', field: 'project_id' } } });
    });

    it("answers 403 for another project's bot and 404 for an unknown heartbeat or bot", async () => {
      const project = await aProjectWithBot();
      const stranger = await aProjectWithBot();
      const res = await call('POST', '/v1/bot/heartbeat/configure', stranger.key, { project_id: project.projectId, bot_id: project.botId, prompt: 'p' });
      expect(res).toMatchObject({ status: 403, body: { error: { code: 'TENANT_MISMATCH', field: 'project_id' } } });
      const ref = { project_id: project.projectId, bot_id: project.botId, heartbeat_id: 'hb_unknown' };
      for (const [method, path] of [
        ['GET', `/v1/bot/heartbeat/read?project_id=${project.projectId}&bot_id=${project.botId}&heartbeat_id=hb_unknown`],
        ['POST', '/v1/bot/heartbeat/enable'],
        ['POST', '/v1/bot/heartbeat/disable'],
        ['POST', '/v1/bot/heartbeat/trigger'],
        ['DELETE', `/v1/bot/heartbeat/delete?project_id=${project.projectId}&bot_id=${project.botId}&heartbeat_id=hb_unknown`],
      ]) {
        const answer = await call(method, path, project.key, method === 'POST' ? ref : undefined);
        expect({ path, ...answer }).toMatchObject({ status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND', field: 'heartbeat_id' } } });
      }
      expect((await configure(project, { heartbeat_id: 'hb_unknown', prompt: 'p' })).status).toBe(404);
      const noBot = await configure({ ...project, botId: 'agt_unknown' }, { prompt: 'p' });
      expect(noBot).toMatchObject({ status: 404, body: { error: { field: 'bot_id' } } });
      // A heartbeat of one bot is not found through another bot of the same project.
      const mine = await configure(project, { prompt: 'p', cron_pattern: NEVER_SOON });
      const otherBot = (await call('POST', '/v1/bot/create', project.key, { project_id: project.projectId, name: 'Other', heartbeat: true })).body.bot.id;
      const crossed = await call('GET', `/v1/bot/heartbeat/read?project_id=${project.projectId}&bot_id=${otherBot}&heartbeat_id=${mine.body.heartbeat.uuid}`, project.key);
      expect(crossed.status).toBe(404);
    });
  });

  describe('runs', () => {
    it('pauses a heartbeat after max_consecutive_errors failed runs, says why, and re-enabling starts the count again', async () => {
      const project = await aProjectWithBot();
      const { heartbeat } = (await configure(project, { prompt: 'fail on purpose', cron_pattern: NEVER_SOON, enabled: true, max_consecutive_errors: 2 })).body;
      const ref = { project_id: project.projectId, bot_id: project.botId, heartbeat_id: heartbeat.uuid };
      const first = await call('POST', '/v1/bot/heartbeat/trigger', project.key, ref);
      expect(first.body.result).toMatchObject({ status: 'error', error: { code: 'model_error' } });
      const afterOne = await call('GET', `/v1/bot/heartbeat/read?project_id=${project.projectId}&bot_id=${project.botId}&heartbeat_id=${heartbeat.uuid}`, project.key);
      expect(afterOne.body.heartbeat).toMatchObject({ enabled: 1, consecutive_errors: 1, error_count: 1 });
      await call('POST', '/v1/bot/heartbeat/trigger', project.key, ref);
      const paused = await call('GET', `/v1/bot/heartbeat/read?project_id=${project.projectId}&bot_id=${project.botId}&heartbeat_id=${heartbeat.uuid}`, project.key);
      expect(paused.body.heartbeat).toMatchObject({ enabled: 0, next_run_at: null, consecutive_errors: 2, paused_reason: expect.stringContaining('2 consecutive failed runs') });
      await until('the paused event', async () => events.filter((e) => e.type === 'heartbeat.paused' && e.payload.heartbeat_id === heartbeat.uuid), (found) => found.length === 1);
      const failedEvents = events.filter((e) => e.type === 'heartbeat.run.failed' && e.payload.log.heartbeat_id === heartbeat.uuid);
      expect(failedEvents).toHaveLength(2);
      const enabled = await call('POST', '/v1/bot/heartbeat/enable', project.key, ref);
      expect(enabled.body.heartbeat).toMatchObject({ enabled: 1, consecutive_errors: 0, paused_reason: null });
      await call('POST', '/v1/bot/heartbeat/disable', project.key, ref);
    });

    it('skips a run once the credit budget of the month is spent, and logs why', async () => {
      const project = await aProjectWithBot();
      const { heartbeat } = (await configure(project, { prompt: 'small job', cron_pattern: NEVER_SOON, credit_budget: 1 })).body;
      const ref = { project_id: project.projectId, bot_id: project.botId, heartbeat_id: heartbeat.uuid };
      expect((await call('POST', '/v1/bot/heartbeat/trigger', project.key, ref)).body.result).toMatchObject({ status: 'success', credits_charged: 2 });
      const second = await call('POST', '/v1/bot/heartbeat/trigger', project.key, ref);
      expect(second.body.result).toMatchObject({ status: 'skipped', error: { code: 'credit_budget_spent' }, credits_charged: null });
      const skipped = await logsOf(project, '&status=skipped');
      expect(skipped).toMatchObject({ total: 1, logs: [{ status: 'skipped', error: { code: 'credit_budget_spent' } }] });
      expect(model.requests.filter((r) => JSON.stringify(r.body.messages).includes('small job'))).toHaveLength(1);
      await until('the skipped event', async () => events.filter((e) => e.type === 'heartbeat.run.skipped' && e.payload.log.heartbeat_id === heartbeat.uuid), (found) => found.length === 1);
    });

    it('skips a run while the previous run of the same heartbeat is still running', async () => {
      const project = await aProjectWithBot();
      const { heartbeat } = (await configure(project, { prompt: 'slow 2500', cron_pattern: NEVER_SOON })).body;
      const ref = { project_id: project.projectId, bot_id: project.botId, heartbeat_id: heartbeat.uuid };
      const first = call('POST', '/v1/bot/heartbeat/trigger', project.key, ref);
      await sleep(800);
      const second = await call('POST', '/v1/bot/heartbeat/trigger', project.key, ref);
      expect(second.body.result).toMatchObject({ status: 'skipped', error: { code: 'previous_run_running' } });
      expect((await first).body.result).toMatchObject({ status: 'success' });
    });

    it('runs a one-off scheduled task at its time, logged as scheduled_task, and counts it by type', async () => {
      const project = await aProjectWithBot();
      const runAt = new Date(Date.now() + 1500).toISOString();
      const scheduled = await call('POST', '/v1/bot/heartbeat/schedule-task', project.key, { project_id: project.projectId, bot_id: project.botId, prompt: 'one-off report', run_at: runAt });
      expect(scheduled).toMatchObject({ status: 200, body: { task: { type: 'scheduled_task', status: 'queued', scheduled_for: runAt.replace(/\.\d{3}Z$/, 'Z') } } });
      const logs = await until('the task to run', () => logsOf(project), (page) => page.logs[0]?.status === 'success');
      expect(logs.logs[0]).toMatchObject({ type: 'scheduled_task', response: 'Done: one-off report', heartbeat_id: null });
      expect(Date.parse(logs.logs[0].created_at)).toBeGreaterThanOrEqual(Date.parse(runAt) - 1000);
      const stats = await call('GET', `/v1/bot/heartbeat/stats?project_id=${project.projectId}&bot_id=${project.botId}`, project.key);
      expect(stats.body.stats.by_type).toEqual({ scheduled_task: { count: 1, success_rate: 100 } });
      const bad = await call('POST', '/v1/bot/heartbeat/schedule-task', project.key, { project_id: project.projectId, bot_id: project.botId, prompt: 'p', run_at: 'tomorrow' });
      expect(bad).toMatchObject({ status: 400, body: { error: { field: 'run_at' } } });
    });

    it('reports stats that match the logs the test made', async () => {
      const project = await aProjectWithBot();
      const { heartbeat } = (await configure(project, { prompt: 'tally', cron_pattern: NEVER_SOON, max_consecutive_errors: 10 })).body;
      const failing = (await configure(project, { prompt: 'fail tally', cron_pattern: NEVER_SOON, max_consecutive_errors: 10 })).body.heartbeat;
      const trigger = (uuid: string) => call('POST', '/v1/bot/heartbeat/trigger', project.key, { project_id: project.projectId, bot_id: project.botId, heartbeat_id: uuid });
      for (const uuid of [heartbeat.uuid, heartbeat.uuid, heartbeat.uuid, failing.uuid]) await trigger(uuid);
      const logs = await logsOf(project);
      const stats = (await call('GET', `/v1/bot/heartbeat/stats?project_id=${project.projectId}&bot_id=${project.botId}&days=7`, project.key)).body.stats;
      const durations = logs.logs.map((l: { duration_ms: number }) => l.duration_ms);
      expect(stats).toMatchObject({
        total_executions: 4,
        success_count: 3,
        error_count: 1,
        skipped_count: 0,
        success_rate: 75,
        total_tokens: 3 * 1250,
        total_credits: 6,
        avg_duration_ms: Math.round(durations.reduce((a: number, b: number) => a + b, 0) / durations.length),
        by_type: { manual: { count: 4, success_rate: 75 } },
      });
      expect(stats.time_series).toHaveLength(7);
      expect(stats.time_series[0]).toMatchObject({ total: 4, success: 3, error: 1 });
      const paged = (await call('GET', `/v1/bot/heartbeat/logs?project_id=${project.projectId}&bot_id=${project.botId}&per_page=3&page=2`, project.key)).body;
      expect(paged).toMatchObject({ total: 4, pagination: { page: 2, per_page: 3, total: 4, total_pages: 2 } });
      expect(paged.logs).toHaveLength(1);
      const tooFar = await call('GET', `/v1/bot/heartbeat/logs?project_id=${project.projectId}&bot_id=${project.botId}&page=1e21`, project.key);
      expect(tooFar).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', field: 'page' } } });
      const ofOne = await logsOf(project, `&heartbeat_id=${failing.uuid}&status=error`);
      expect(ofOne).toMatchObject({ total: 1, logs: [{ heartbeat_id: failing.uuid, status: 'error' }] });
    });
  });

  describe('scheduling', () => {
    it('fires every occurrence once with two scheduler replicas, and skips a bot whose heartbeat flag went off', async () => {
      // Far enough from a minute boundary that every heartbeat is set up before it.
      const untilBoundary = 60_000 - (Date.now() % 60_000);
      if (untilBoundary < 15_000) await sleep(untilBoundary + 500);
      const boundary = Math.ceil(Date.now() / 60_000) * 60_000;
      const project = await aProjectWithBot();
      const heartbeats: string[] = [];
      for (let i = 0; i < 12; i++) heartbeats.push((await configure(project, { prompt: `tick ${i}`, cron_pattern: '* * * * *', enabled: true })).body.heartbeat.uuid);
      const offBot = await aProjectWithBot();
      const offHeartbeat = (await configure(offBot, { prompt: 'tick off', cron_pattern: '* * * * *', enabled: true })).body.heartbeat.uuid;
      await call('POST', '/v1/bot/update', offBot.key, { project_id: offBot.projectId, bot_id: offBot.botId, heartbeat: false });
      const logs = await until('a run of every heartbeat', () => logsOf(project), (page) => page.logs.filter((l: { status: string }) => l.status === 'success').length >= 12, 90_000);
      await until('the skipped run', () => logsOf(offBot), (page) => page.total >= 1, 30_000);
      for (const { key, ref } of made) await call('POST', '/v1/bot/heartbeat/disable', key, ref);
      const all = (await logsOf(project)).logs.filter((l: { scheduled_for: string }) => Date.parse(l.scheduled_for) === boundary);
      expect(all.map((l: { heartbeat_id: string }) => l.heartbeat_id).sort()).toEqual([...heartbeats].sort());
      expect(all.every((l: { type: string; status: string }) => l.type === 'heartbeat' && l.status === 'success')).toBe(true);
      expect(logs.logs.length).toBeGreaterThanOrEqual(12);
      expect((await logsOf(offBot)).logs[0]).toMatchObject({ status: 'skipped', error: { code: 'bot_heartbeat_disabled' }, heartbeat_id: offHeartbeat });
      const ranPrompts = model.requests.map((r) => JSON.stringify(r.body.messages)).filter((m) => /tick \d+/.test(m));
      expect(new Set(ranPrompts).size).toBe(ranPrompts.length);
    });

    it('loses no occurrence when every scheduler is killed: what fell due while they were down runs once on restart, and a run under way is recorded', async () => {
      const project = await aProjectWithBot();
      const task = (prompt: string, inMs: number) =>
        call('POST', '/v1/bot/heartbeat/schedule-task', project.key, { project_id: project.projectId, bot_id: project.botId, prompt, run_at: new Date(Date.now() + inMs).toISOString() });
      await task('slow 4000 under way', 500);
      await task('due while down', 4000);
      await until('the first task to start', () => logsOf(project), (page) => page.logs.some((l: { status: string }) => l.status === 'running'));
      await Promise.all(schedulers.map((s) => s.stop('SIGKILL')));
      await sleep(6000);
      schedulers.forEach(startScheduler);
      const logs = await until('both tasks to finish', () => logsOf(project), (page) => page.logs.filter((l: { status: string }) => l.status === 'success').length === 2, 90_000);
      expect(logs.total).toBe(2);
      expect(logs.logs.map((l: { prompt: string }) => l.prompt).sort()).toEqual(['due while down', 'slow 4000 under way']);
      expect(model.requests.filter((r) => JSON.stringify(r.body.messages).includes('due while down'))).toHaveLength(1);
      await Promise.all(schedulers.map((s) => s.waitForReadiness(200, 90_000)));
    });
  });
});
