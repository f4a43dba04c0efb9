import type { EntityManager } from 'typeorm';
import { WebhookEventTypes } from '@hb/contracts';
import { Metrics, type Outbox, type PendingEvent } from '@hb/platform';
import type { WebhookDispatcherEnv } from '../config/env';
import type { DeliveryRow, WebhookRow } from '../webhooks/webhook-rows';
import type { WebhooksRepository } from '../webhooks/webhooks.repository';
import type { ClaimedDelivery, DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery-worker';
import type { SendResult } from '@hb/platform';

const DAY = 24 * 3600 * 1000;

function aWebhook(overrides: Partial<WebhookRow> = {}): WebhookRow {
  return {
    id: 'wh_1',
    tenant_id: 'tenant_1',
    name: 'hook',
    url: 'https://receiver.example/hook',
    events: ['memory.created'],
    secret: 'whsec_test',
    previous_secret: null,
    previous_secret_until: null,
    status: 'active',
    disabled_reason: null,
    failing_since: null,
    created_at: new Date(),
    updated_at: new Date(),
    ...overrides,
  };
}

function aDelivery(overrides: Partial<DeliveryRow> = {}): DeliveryRow {
  return {
    id: 'msg_1',
    webhook_id: 'wh_1',
    tenant_id: 'tenant_1',
    event_id: 'evt_1',
    event_type: 'memory.created',
    body: '{}',
    status: 'pending',
    attempts: 0,
    next_attempt_at: new Date(),
    created_at: new Date(),
    delivered_at: null,
    trace_context: null,
    ...overrides,
  };
}

const answered = (statusCode: number | null): SendResult => ({ statusCode, headers: {}, latencyMs: 3, error: null, responseExcerpt: null });

/** The worker with its repositories and outbox faked at their ports; `claims` are handed out once each. */
function setup(claims: ClaimedDelivery[], result: SendResult, failingSince = new Date(), metrics = new Metrics('webhook-dispatcher')) {
  const queue = [...claims];
  const deliveries = {
    claimDue: jest.fn(async () => queue.splice(0)),
    backlog: jest.fn(async () => ({ retrying: 3, new: 1 })),
    unschedule: jest.fn(async () => undefined),
    recordDelivered: jest.fn(async () => undefined),
    skipFlushWait: jest.fn(async () => undefined),
    recordAttempt: jest.fn(async () => undefined),
    markDelivered: jest.fn(async () => undefined),
    markFailedAttempt: jest.fn(async () => undefined),
    scheduleAllOf: jest.fn(async () => undefined),
  };
  const webhooks = {
    clearFailing: jest.fn(async () => undefined),
    markFailing: jest.fn(async () => failingSince),
    disable: jest.fn(async () => true),
  };
  const emitted: PendingEvent[] = [];
  const manager = {} as EntityManager;
  const outbox = {
    // As the real one: what is deferred to the commit runs after the work.
    transaction: jest.fn(async (work: (m: EntityManager, emit: (e: PendingEvent) => void, afterCommit: (effect: () => void) => void) => Promise<unknown>) => {
      const effects: Array<() => void> = [];
      const value = await work(manager, (event) => emitted.push(event), (effect) => effects.push(effect));
      effects.forEach((effect) => effect());
      return value;
    }),
  };
  const env = {
    WEBHOOK_CONCURRENCY: 8,
    WEBHOOK_ENDPOINT_CONCURRENCY: 2,
    WEBHOOK_TIMEOUT_MS: 1000,
    WEBHOOK_RETRY_SCHEDULE: [0, 5, 300],
    WEBHOOK_DISABLE_AFTER_MS: DAY,
    WEBHOOK_ALLOWED_HOSTS: [],
    WEBHOOK_USER_AGENT: 'test',
  } as unknown as WebhookDispatcherEnv;
  const sut = new DeliveryWorker(
    deliveries as unknown as DeliveriesRepository,
    webhooks as unknown as WebhooksRepository,
    outbox as unknown as Outbox,
    env,
    metrics,
  );
  const send = jest.spyOn(sut, 'send').mockResolvedValue(result);
  /** Runs one claim pass and waits for the attempts it started. */
  const pass = async () => {
    sut.kick();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { sut, deliveries, webhooks, outbox, emitted, manager, send, pass };
}

describe(DeliveryWorker.name, () => {
  it('records a delivered attempt of a healthy webhook in one statement, outside a transaction', async () => {
    const { deliveries, outbox, send, pass } = setup([{ ...aDelivery(), webhook: aWebhook() }], answered(204));
    await pass();
    expect(send).toHaveBeenCalledTimes(1);
    expect(deliveries.recordDelivered).toHaveBeenCalledWith(expect.objectContaining({ id: 'msg_1' }), 1, answered(204));
    expect(outbox.transaction).not.toHaveBeenCalled();
  });

  it('clears a failing webhook once an attempt delivers', async () => {
    const { deliveries, webhooks, manager, pass } = setup([{ ...aDelivery(), webhook: aWebhook({ failing_since: new Date() }) }], answered(200));
    await pass();
    expect(deliveries.markDelivered).toHaveBeenCalledWith(manager, 'msg_1', 1);
    expect(webhooks.clearFailing).toHaveBeenCalledWith(manager, 'wh_1');
  });

  it('schedules the next attempt of a failed one and marks its webhook failing, without disabling it yet', async () => {
    const { deliveries, webhooks, emitted, manager, pass } = setup([{ ...aDelivery({ attempts: 1 }), webhook: aWebhook() }], answered(500));
    await pass();
    expect(deliveries.recordAttempt).toHaveBeenCalledWith(manager, 'msg_1', answered(500));
    const [, , attempts, retryInMs] = deliveries.markFailedAttempt.mock.calls[0] as unknown as [unknown, string, number, number];
    expect(attempts).toBe(2);
    expect(retryInMs).toBeGreaterThanOrEqual(270_000);
    expect(retryInMs).toBeLessThanOrEqual(330_000);
    expect(webhooks.markFailing).toHaveBeenCalledWith(manager, 'wh_1');
    expect(webhooks.disable).not.toHaveBeenCalled();
    expect(emitted).toEqual([]);
  });

  it('disables a webhook failing for longer than allowed, unschedules its deliveries and says so in an event', async () => {
    const since = new Date(Date.now() - DAY - 1000);
    const { deliveries, webhooks, emitted, manager, pass } = setup([{ ...aDelivery(), webhook: aWebhook() }], answered(503), since);
    await pass();
    expect(webhooks.disable).toHaveBeenCalledWith(manager, 'wh_1', `no successful delivery since ${since.toISOString()}`);
    expect(deliveries.scheduleAllOf).toHaveBeenCalledWith('wh_1', false, manager);
    expect(emitted).toEqual([expect.objectContaining({ type: WebhookEventTypes.Disabled, aggregateId: 'wh_1', tenantId: 'tenant_1' })]);
  });

  it('ends a delivery answered 410 at once and disables its webhook', async () => {
    const { deliveries, webhooks, pass } = setup([{ ...aDelivery(), webhook: aWebhook() }], answered(410));
    await pass();
    expect(deliveries.markFailedAttempt).toHaveBeenCalledWith(expect.anything(), 'msg_1', 1, null);
    expect(webhooks.disable).toHaveBeenCalledWith(expect.anything(), 'wh_1', 'the endpoint answered 410 Gone');
  });

  it('counts each attempt by outcome and status class, and each endpoint it disables', async () => {
    const metrics = new Metrics('webhook-dispatcher');
    const since = new Date(Date.now() - DAY - 1000);
    await setup([{ ...aDelivery(), webhook: aWebhook() }], answered(503), since, metrics).pass();
    await setup([{ ...aDelivery(), webhook: aWebhook() }], answered(204), undefined, metrics).pass();
    const text = await metrics.scrape();
    expect(text).toMatch(/^webhook_attempts_total\{outcome="retry",status_class="5xx",service="webhook-dispatcher"\} 1$/m);
    expect(text).toMatch(/^webhook_attempts_total\{outcome="delivered",status_class="2xx",service="webhook-dispatcher"\} 1$/m);
    expect(text).toMatch(/^webhook_endpoints_disabled_total\{service="webhook-dispatcher"\} 1$/m);
    expect(text).toMatch(/^webhook_delivery_latency_seconds_count\{service="webhook-dispatcher"\} 1$/m);
    expect(text).toMatch(/^webhook_retry_backlog\{state="retrying",service="webhook-dispatcher"\} 3$/m);
  });

  it('does not attempt a delivery whose webhook stopped being active: it waits, unscheduled', async () => {
    const { deliveries, send, pass } = setup([{ ...aDelivery(), webhook: aWebhook({ status: 'inactive' }) }], answered(204));
    await pass();
    expect(deliveries.unschedule).toHaveBeenCalledWith('msg_1');
    expect(send).not.toHaveBeenCalled();
  });
});
