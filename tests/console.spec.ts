import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { nextFire, parseSchedule } from '@hb/schedule';
import { HeroBrain } from '@hb/sdk';
import { dropKafkaNamespace, ScriptedAnthropic, startHttpEndpoint, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { AUDIENCE, ISSUER, aSigningKey, aToken } from './support/identity-provider';
import { ROOT, e2eSuite, fiveServices, migrate, startFive } from './support/processes';
import { until } from './support/until';

/** Debian's Chromium, started so that it reaches for nothing on the network. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
/** Where each page's picture goes, for a reviewer to look at (git-ignored). */
const SCREENSHOTS = join(ROOT, 'tests/screenshots/console');

/** The model answers slowly enough for the answer to be seen arriving; memory extraction finds nothing. */
function script(request: ScriptedRequest): ScriptedTurn {
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  const last = request.body.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
  return { text: `Noted: ${text.slice(0, 60)}. Anything else?`, delayMs: 300 };
}

describe('the web console, in a real browser, on the whole platform', () => {
  const { namespace, adminKey, env } = e2eSuite('console');
  const model = new ScriptedAnthropic(script);
  const services = fiveServices(env, 14300);
  const { gateway, runtime, scheduler, memory, dispatcher } = services;
  const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
  let receiver: HttpEndpoint;
  /** The deployment's identity provider: its signed-in users sign in to the console with their token. */
  const signing = aSigningKey('ES256');
  let jwks: HttpEndpoint;
  let key: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Whatever the page logged as an error, or threw: none is expected. */
  const pageErrors: string[] = [];

  const console_ = () => `${gateway.url}/console`;
  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const section = (title: string) => page.getByRole('region', { name: title });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await Promise.all((['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'] as const).map((app) => migrate(app, env)));
    await model.start(14305);
    receiver = await startHttpEndpoint((_req, _body, res) => res.writeHead(200).end('thanks'), 14306);
    jwks = await startHttpEndpoint((_req, _body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [signing.jwk] })), 14307);
    // A console user clicks through many pages a minute: more than the default key's 60 requests.
    await startFive(services, model.url, { KEY_RATE_LIMIT_PER_MINUTE: '1000', JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });

    const admin = new HeroBrain({ apiKey: adminKey, baseUrl: gateway.url });
    await admin.tenants.create({ id: tenantId, name: 'console', plan: 'enterprise' });
    key = (await admin.apiKeys.create({ name: 'operator', tenantId })).plainKey;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gateway.url });
    page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => pageErrors.push(`thrown: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([gateway.stop(), memory.stop(), runtime.stop(), scheduler.stop(), dispatcher.stop(), model.stop(), receiver?.close(), jwks?.close()]);
    await dropKafkaNamespace(namespace);
  });

  it('is served by the gateway at /console, locked to its own origin', async () => {
    const res = await fetch(`${console_()}/agents`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await res.text())![1];
    const script = await fetch(`${gateway.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${gateway.url}/console/assets/missing.js`)).status).toBe(404);
  });

  it('refuses a wrong key in the API’s words, then signs in with the keyboard alone', async () => {
    await page.goto(console_());
    await page.getByLabel('API key or token').fill('hb_prod_not_a_real_key_000000');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Invalid authentication token');
    await shoot('01-sign-in');
    await page.getByLabel('API key or token').fill(adminKey);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/This is the admin key: sign in with a tenant key/).waitFor();

    await page.getByLabel('API key or token').fill('');
    await page.getByLabel('API key or token').focus();
    await page.keyboard.type(key);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    expect(await page.getByText(`tenant ${tenantId}`).isVisible()).toBe(true);
    // The key is kept for the tab, in session storage, and never in the address.
    expect(await page.evaluate('sessionStorage.length')).toBe(1);
    expect(page.url()).not.toContain(key);
    // A reload keeps the sign-in.
    await page.reload();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
  });

  it('names the field the API refused, then creates an agent and edits it', async () => {
    await section('Create an agent').getByRole('button', { name: 'Create agent' }).click();
    const nameField = section('Create an agent').locator('.field.invalid');
    await nameField.waitFor();
    expect(await nameField.textContent()).toMatch(/name/i);
    await shoot('02-agents-error');

    await page.getByLabel('Name').fill('Support bot');
    await page.getByLabel('Instructions').fill('You answer support questions briefly.');
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { name: 'Support bot', level: 1 }).waitFor();
    const settings = section('Settings');
    await settings.getByLabel('Instructions').fill('You answer support questions in one sentence.');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('status').waitFor();
    const hb = new HeroBrain({ apiKey: key, baseUrl: gateway.url, tenantId });
    const [agent] = (await hb.agents.list()).data;
    expect(agent).toMatchObject({ name: 'Support bot', instructions: 'You answer support questions in one sentence.' });
  });

  it("creates an agent key shown once with a copy button, lists it and revokes it", async () => {
    const keys = section('Agent API keys');
    await keys.getByLabel('Key name').fill('website widget');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const plain = (await keys.getByTestId('new-key').textContent())!;
    expect(plain).toMatch(/^hb_agent_/);
    await keys.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(plain);
    await keys.getByRole('button', { name: 'Done' }).click();
    const row = keys.getByRole('row', { name: /website widget/ });
    expect(await row.textContent()).toContain('active');
    // The key works on the wire (a conversation it has not had is a 404, not a 401) until it is revoked.
    const agentId = /\/console\/agents\/([^/?#]+)/.exec(page.url())![1];
    const status = () => fetch(`${gateway.url}/api/v1/agents/${agentId}/invoke/conv_none/status`, { headers: { Authorization: `Bearer ${plain}` } });
    expect((await status()).status).toBe(404);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke website widget' }).click();
    await keys.getByRole('row', { name: /website widget.*revoked/ }).waitFor();
    await shoot('03-agent');
    await until('the revoked key refused', async () => ((await status()).status === 401 ? true : undefined));
  });

  it('invokes the agent in the playground and shows the answer streaming in, then the history', async () => {
    const playground = section('Playground');
    await playground.getByLabel('Message', { exact: true }).fill('My order 1234 is late');
    await playground.getByRole('button', { name: 'Send' }).click();
    // While the model answers, the turn shows as a streaming bubble; then it is the history.
    await playground.getByTestId('streaming-answer').waitFor();
    await playground.getByText('Noted: My order 1234 is late. Anything else?').waitFor();
    await playground.getByTestId('streaming-answer').waitFor({ state: 'detached' });
    await playground.getByLabel('Message', { exact: true }).fill('And 5678');
    await playground.getByRole('button', { name: 'Send' }).click();
    await playground.getByText('Noted: And 5678. Anything else?').waitFor();
    const transcript = await playground.getByLabel('Conversation', { exact: true }).textContent();
    expect(transcript!.indexOf('My order 1234 is late')).toBeLessThan(transcript!.indexOf('And 5678'));
    // The second turn went to the model with the first one as its history.
    const lastCall = model.requests.filter((r) => !r.body.system?.toString().includes('extract')).at(-1)!;
    expect(lastCall.body.messages.length).toBeGreaterThanOrEqual(3);
    // A new conversation starts empty; the earlier one is picked again from the list, with its history.
    const picker = playground.getByRole('combobox', { name: 'Conversation to continue' });
    await picker.selectOption('');
    await playground.getByText(`Say something to Support bot.`).waitFor();
    await until('the conversation listed with its four messages', async () => ((await picker.locator('option', { hasText: '4 messages' }).count()) > 0 ? true : undefined));
    await picker.selectOption({ label: (await picker.locator('option', { hasText: '4 messages' }).textContent())! });
    await playground.getByText('Noted: And 5678. Anything else?').waitFor();
    await shoot('04-playground');
  });

  it('creates memories, searches them with relevance shown and type filters, edits and deletes one', async () => {
    await page.getByRole('link', { name: 'Memory' }).click();
    const create = section('Remember something');
    await create.getByRole('button', { name: 'Create memory' }).click();
    expect(await create.locator('.field.invalid').first().textContent()).toMatch(/content/i);

    for (const [content, type, tags] of [
      ['Priya prefers written summaries after every meeting.', 'semantic', 'priya, meetings'],
      ['The Q4 launch moved to November 14.', 'event', 'launch'],
    ]) {
      await create.getByLabel('Content').fill(content);
      await create.getByLabel('Type').selectOption(type);
      await create.getByLabel('Tags').fill(tags);
      await create.getByRole('button', { name: 'Create memory' }).click();
      await section('All memories').getByText(content).waitFor();
    }
    const search = section('Search');
    await search.getByLabel('Query').fill('how does Priya like meeting notes?');
    await search.getByRole('button', { name: 'Search' }).click();
    const results = search.getByRole('list', { name: 'Search results' });
    await results.getByText('Priya prefers written summaries').waitFor();
    expect(await results.locator('li').first().textContent()).toMatch(/relevance 0\.\d\d|relevance 1\.00/);
    await search.getByLabel('Type').selectOption('event');
    await search.getByRole('button', { name: 'Search' }).click();
    await until('the type filter applied', async () => ((await results.getByText('Priya prefers').count()) === 0 ? true : undefined));
    await results.getByText('The Q4 launch moved').waitFor();
    await shoot('05-memory');

    const browse = section('All memories');
    const launch = browse.locator('li', { hasText: 'The Q4 launch moved' });
    await launch.getByRole('button', { name: 'Edit' }).click();
    await browse.getByLabel('Content').fill('The Q4 launch moved to November 21.');
    await browse.getByRole('button', { name: 'Save' }).click();
    await browse.getByText('The Q4 launch moved to November 21.').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await browse.locator('li', { hasText: 'November 21' }).getByRole('button', { name: 'Delete' }).click();
    await browse.getByText('November 21').waitFor({ state: 'detached' });
    await browse.getByText('1 memories').waitFor();
  });

  it('configures a heartbeat with a live preview of its next five runs, and runs it', async () => {
    await page.getByRole('link', { name: 'Heartbeats' }).click();
    await page.getByRole('button', { name: 'Allow heartbeats' }).click();
    await page.getByRole('button', { name: 'New heartbeat' }).click();
    const form = page.getByRole('form', { name: 'Configure a heartbeat' });
    await form.getByLabel('Prompt').fill('Summarise open tickets');
    await form.getByLabel('On a cron pattern').check();
    const cron = form.getByLabel('Cron pattern', { exact: true });
    await cron.fill('0 9 * * *');
    await form.getByLabel('Timezone').fill('America/New_York');
    await form.getByLabel('Only between active hours').check();
    await form.getByLabel('From').fill('08:00');
    await form.getByLabel('Until').fill('18:00');
    for (const day of ['Mon', 'Wed', 'Fri']) await form.getByLabel(day, { exact: true }).check();

    const fires = form.getByTestId('next-fires').locator('li');
    await until('five runs previewed', async () => ((await fires.count()) === 5 ? true : undefined));
    // The preview is the scheduler's own rule: the same five instants, shown in the heartbeat's zone.
    const schedule = parseSchedule(
      { interval_minutes: null, cron_pattern: '0 9 * * *', timezone: 'America/New_York', active_hours_start: '08:00', active_hours_end: '18:00', active_days: '1,3,5' },
      new Date(),
    );
    const shown = { timeZone: 'America/New_York', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
    const expected: string[] = [];
    for (let after = new Date(); expected.length < 5; ) {
      after = nextFire(schedule, after)!;
      expected.push(after.toLocaleString('en-US', shown));
    }
    const spaces = (text: string) => text.replace(/\s/g, ' ');
    expect((await fires.allTextContents()).map(spaces)).toEqual(expected.map(spaces));
    expect(expected.every((text) => /^(Mon|Wed|Fri), .* 09:00\sAM$/.test(text))).toBe(true);
    // A pattern the scheduler would refuse is named before anything is sent.
    await cron.fill('61 * * * *');
    await form.locator('.preview .field-error').waitFor();
    await cron.fill('0 9 * * *');
    await shoot('06-heartbeat-form');

    await form.getByRole('button', { name: 'Save heartbeat' }).click();
    const schedules = section('Schedules');
    const item = schedules.getByRole('listitem').filter({ hasText: 'Summarise open tickets' });
    await item.waitFor();
    expect(await item.textContent()).toContain('cron 0 9 * * *, 08:00–18:00, Mon Wed Fri (America/New_York)');
    await schedules.getByRole('button', { name: /^Run .* now$/ }).click();
    await schedules.getByRole('status').getByText(/Run success/).waitFor({ timeout: 60_000 });
    const log = section('Execution log');
    await log.getByRole('cell', { name: 'manual' }).waitFor();
    await log.getByLabel('Status').selectOption('error');
    await log.getByText('No runs yet.').waitFor();
    await log.getByLabel('Status').selectOption('success');
    await log.getByRole('cell', { name: 'manual' }).waitFor();
    const stats = section('Stats');
    await stats.getByRole('img', { name: /Runs per day/ }).waitFor();
    await until('one run in the stats', async () => ((await stats.locator('dd').first().textContent()) === '1' ? true : undefined));
    await schedules.getByRole('button', { name: /^Disable/ }).click();
    await schedules.getByRole('button', { name: /^Enable/ }).waitFor();
    await shoot('07-heartbeats');

    // Editing the prompt alone keeps the schedule: the preview's first run is the one the heartbeat names.
    await schedules.getByRole('button', { name: /^Enable/ }).click();
    await schedules.getByRole('button', { name: /^Disable/ }).waitFor();
    const hb = new HeroBrain({ apiKey: key, baseUrl: gateway.url, tenantId });
    const [agent] = (await hb.agents.list()).data;
    const [saved] = await hb.heartbeats.readall(agent.id);
    await item.getByRole('button', { name: /^Edit/ }).click();
    const edit = page.getByRole('form', { name: 'Edit the heartbeat' });
    await edit.getByLabel('Prompt').fill('Summarise open tickets, briefly');
    const first = spaces((await edit.getByTestId('next-fires').locator('li').first().textContent())!);
    expect(first).toBe(spaces(new Date(saved.next_run_at!).toLocaleString('en-US', shown)));
    // A window and days taken away are taken away on the heartbeat too, not kept.
    await edit.getByLabel('Only between active hours').uncheck();
    for (const day of ['Mon', 'Wed', 'Fri']) await edit.getByLabel(day, { exact: true }).uncheck();
    await edit.getByRole('button', { name: 'Save heartbeat' }).click();
    await schedules.getByRole('listitem').filter({ hasText: 'Summarise open tickets, briefly' }).getByText('cron 0 9 * * * (America/New_York)').waitFor();
    expect(await hb.heartbeats.read({ bot_id: agent.id, heartbeat_id: saved.uuid })).toMatchObject({ active_hours_start: null, active_hours_end: null, active_days: null });
  });

  it('adds a webhook endpoint, sends a test and reads the delivery with its attempts', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    const add = section('Add an endpoint');
    await add.getByLabel('Name').fill('Ops');
    await add.getByLabel('URL').fill('http://10.0.0.1/hook');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await add.locator('.field.invalid').textContent()).toMatch(/url/i);
    await add.getByLabel('URL').fill(`http://localhost:${receiver.port}/hook`);
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    const endpoints = section('Endpoints');
    await endpoints.getByText('Ops').waitFor();
    await endpoints.getByRole('button', { name: 'Send a test' }).click();
    await endpoints.getByRole('status').getByText(/Test delivered: HTTP 200/).waitFor();
    // A memory event the endpoint subscribes to is delivered, and shown with its attempt.
    await new HeroBrain({ apiKey: key, baseUrl: gateway.url, tenantId }).memories.create({ tenantId, content: 'Webhook me', type: 'semantic' });
    await endpoints.getByRole('button', { name: 'Deliveries' }).click();
    const delivery = endpoints.getByTestId('delivery').filter({ hasText: 'memory.created' });
    /** Reopens the deliveries until `done` holds: they are read when opened. */
    const reopenUntil = (what: string, done: () => Promise<boolean>) =>
      until(what, async () => {
        if (await done()) return true;
        await endpoints.getByRole('button', { name: /^Hide deliveries/ }).click();
        await endpoints.getByRole('button', { name: /^Deliveries/ }).click();
        return undefined;
      });
    await reopenUntil('the delivery shown delivered', async () => (await delivery.filter({ hasText: 'delivered' }).count()) > 0);
    const attempts = delivery.first().getByRole('row');
    expect(await attempts.nth(1).textContent()).toMatch(/^1.*200.*ms.*thanks$/);
    // Resent: delivered again, a second attempt under it.
    await delivery.first().getByRole('button', { name: /^Resend/ }).click();
    await reopenUntil('a second attempt', async () => (await delivery.first().getByRole('row').count()) === 3);
    expect(await delivery.first().getByRole('row').nth(2).textContent()).toMatch(/^2.*200.*ms.*thanks$/);
    // Nothing failed, so a recovery has nothing to send again, and says so.
    await endpoints.getByRole('button', { name: 'Recover' }).click();
    await endpoints.getByText('0 failed deliveries queued again.').waitFor();
    await shoot('08-webhooks');
  });

  it('shows the tenant’s usage, rate limits and keys', async () => {
    await page.getByRole('link', { name: 'Keys & usage' }).click();
    const usage = section('Usage this month');
    await usage.getByText('Memories').waitFor();
    expect(await usage.textContent()).toMatch(/Memories2/);
    expect(await section('Rate limits').textContent()).toMatch(/\d+ of \d+ requests left/);
    const keys = section('Tenant API keys');
    await keys.getByRole('row', { name: /operator/ }).waitFor();
    await keys.getByLabel('Key name').fill('ci');
    await keys.getByRole('button', { name: 'Create key' }).click();
    expect(await keys.getByTestId('new-key').textContent()).toMatch(/^hb_prod_/);
    await shoot('09-tenant');
  });

  it('fits a phone’s width on every page, and signs out', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [link, name] of [['Agents', 'agents'], ['Memory', 'memory'], ['Heartbeats', 'heartbeats'], ['Webhooks', 'webhooks'], ['Keys & usage', 'tenant']]) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const wider = await page.evaluate(WIDER_THAN_THE_SCREEN);
      expect({ page: name, wider }).toEqual({ page: name, wider: [] });
      await shoot(`10-phone-${name}`);
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key or token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it("refuses an agent key, then signs a user in with the deployment's token, acting in the organisation's tenant", async () => {
    const hb = new HeroBrain({ apiKey: key, baseUrl: gateway.url, tenantId });
    const [agent] = (await hb.agents.list()).data;
    const agentKey = (await hb.agents.keys.create(agent.id, { name: 'not for the console' })).plainKey;
    await page.getByLabel('API key or token').fill(agentKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText(/This is an agent key/).waitFor();

    const token = aToken(signing, { sub: 'user_priya', org_id: tenantId });
    await page.getByLabel('API key or token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`user_priya · tenant ${tenantId}`).waitFor();
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('link', { name: 'Support bot' }).waitFor();
    await shoot('11-signed-in-user');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('ends the session when its key is revoked while the tab is open, saying why', async () => {
    const admin = new HeroBrain({ apiKey: adminKey, baseUrl: gateway.url, tenantId });
    const short = await admin.apiKeys.create({ name: 'revoked mid-session', tenantId });
    await page.getByLabel('API key or token').fill(short.plainKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await admin.apiKeys.revoke(short.id);
    await until('the revocation to reach the gateway', async () => ((await fetch(`${gateway.url}/api/v1/system/whoami`, { headers: { Authorization: `Bearer ${short.plainKey}` } })).status === 401 ? true : undefined));
    await page.getByRole('link', { name: 'Memory' }).click();
    await page.getByRole('status').getByText('Your key or token is no longer accepted: sign in again.').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('logged no error and threw nothing on any page, but the refusals the tests asked for', () => {
    // The browser logs every 4xx answer it fetched: the wrong key at sign-in, the three forms sent
    // with a field the API refused (the agent's name, the memory's content, the webhook's URL), and
    // the revoked key's first request.
    const refused = (status: string) => `console: Failed to load resource: the server responded with a status of ${status}`;
    expect(pageErrors.slice(0, 4)).toEqual([refused('401 (Unauthorized)'), ...Array(3).fill(refused('400 (Bad Request)'))]);
    expect(new Set(pageErrors.slice(4))).toEqual(new Set([refused('401 (Unauthorized)')]));
  });
});

/** The elements that reach past the screen's right edge (a page that scrolls sideways), as tag.class. */
const WIDER_THAN_THE_SCREEN = `[...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap'))
  .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))`;
