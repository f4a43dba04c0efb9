import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, WebhookEventTypes } from '@hb/contracts';
import { InjectEnv, KickedLoop, Metrics, Outbox, SpanKind, SpanStatusCode, inSpanContinuing, isAllowlisted, safePost, statusClass, type AfterCommit, type Counter, type Emit, type Histogram, type SendResult } from '@hb/platform';
import type { WebhookDispatcherEnv } from '../config/env';
import { signingSecrets, type DeliveryRow, type WebhookRow } from '../webhooks/webhook-rows';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { disableReason, outcomeOf, retryIn } from './attempt-rules';
import { DeliveriesRepository } from './deliveries.repository';
import { signedHeaders } from './signing';

/**
 * How often a replica looks for due deliveries it was not told about: another replica's retries,
 * or those of a replica that died. A retry this replica schedules wakes it on time (wakeIn); new
 * deliveries kick it as they are recorded.
 */
const POLL_MS = 1000;
/**
 * A claimed delivery is due again this long after its attempt's deadline if the attempt was
 * never recorded (its replica died): then it is attempted again, under the same webhook-id.
 */
const LEASE_MARGIN_MS = 5_000;
/** Deliveries claimed in one statement. */
const CLAIM_BATCH = 32;

/**
 * Attempts due deliveries. Postgres holds them: a delivery is recorded before its first attempt,
 * claimed with a lease (so one a dead replica was attempting is attempted again), attempted with
 * the webhook's signature, and its attempt recorded with the next one scheduled (see
 * attempt-rules), all before the claim is let go. Each endpoint has its own concurrency limit, so
 * a slow one does not hold the others up.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly perEndpoint = new Map<string, number>();
  private inFlight = 0;
  private readonly loop = new KickedLoop(
    () => this.pump(),
    (error) => this.logger.warn(`claiming deliveries failed: ${error.message}`),
  );

  private readonly attempts: Counter<'outcome' | 'status_class'>;
  private readonly attemptSeconds: Histogram<'outcome'>;
  private readonly deliveredAfter: Histogram;
  private readonly disabled: Counter;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: Outbox,
    @InjectEnv() private readonly env: WebhookDispatcherEnv,
    metrics: Metrics,
  ) {
    this.attempts = metrics.counter(
      'webhook_attempts_total',
      'Delivery attempts, by outcome (delivered, retry, gone: the endpoint answered 410) and the HTTP status class (none: no answer).',
      ['outcome', 'status_class'],
    );
    this.attemptSeconds = metrics.histogram('webhook_attempt_duration_seconds', 'One attempt: connecting, sending and reading the answer, by outcome.', ['outcome']);
    this.deliveredAfter = metrics.histogram(
      'webhook_delivery_latency_seconds',
      'From the event being taken for delivery to the endpoint accepting it, retries included.',
      [],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
    );
    this.disabled = metrics.counter('webhook_endpoints_disabled_total', 'Webhooks the dispatcher disabled after failing for WEBHOOK_DISABLE_AFTER_MS.');
    metrics.gauge('webhook_retry_backlog', 'Deliveries pending (failed at least once, or not yet tried), waiting for their next attempt.', ['state'], async (gauge) => {
      const row = await this.deliveries.backlog();
      gauge.set({ state: 'retrying' }, row.retrying);
      gauge.set({ state: 'new' }, row.new);
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start(POLL_MS);
  }

  onApplicationShutdown(): void {
    this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  /** Sends one body to a webhook now, without a delivery record (the test endpoint). */
  async send(webhook: WebhookRow, id: string, body: string): Promise<SendResult> {
    const url = new URL(webhook.url);
    return safePost(
      url,
      { 'content-type': 'application/json', 'user-agent': this.env.WEBHOOK_USER_AGENT, ...signedHeaders(signingSecrets(webhook), id, body) },
      body,
      { allowed: isAllowlisted(url, this.env.WEBHOOK_ALLOWED_HOSTS), timeoutMs: this.env.WEBHOOK_TIMEOUT_MS },
    );
  }

  private async pump(): Promise<void> {
    while (!this.loop.isStopped && this.inFlight < this.env.WEBHOOK_CONCURRENCY) {
      const busy = [...this.perEndpoint].filter(([, n]) => n >= this.env.WEBHOOK_ENDPOINT_CONCURRENCY).map(([id]) => id);
      const claimed = await this.deliveries.claimDue(
        this.env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS,
        Math.min(CLAIM_BATCH, this.env.WEBHOOK_CONCURRENCY - this.inFlight),
        busy,
      );
      if (claimed.length === 0) return;
      for (const { webhook, ...delivery } of claimed) {
        if (webhook.status !== 'active') {
          // Disabled or paused since it was scheduled: it waits, unscheduled, like the others.
          await this.deliveries.unschedule(delivery.id);
          continue;
        }
        this.inFlight++;
        this.perEndpoint.set(webhook.id, (this.perEndpoint.get(webhook.id) ?? 0) + 1);
        void this.attempt(delivery, webhook)
          .catch((error: Error) => this.logger.error(`delivery ${delivery.id}: ${error.message}`))
          .finally(() => {
            this.inFlight--;
            const left = (this.perEndpoint.get(webhook.id) ?? 1) - 1;
            if (left > 0) this.perEndpoint.set(webhook.id, left);
            else this.perEndpoint.delete(webhook.id);
            this.kick();
          });
      }
    }
  }

  private async attempt(delivery: DeliveryRow, webhook: WebhookRow): Promise<void> {
    const attributes = { 'webhook.id': webhook.id, 'webhook.delivery.id': delivery.id, 'webhook.event': delivery.event_type, 'webhook.attempt': delivery.attempts + 1 };
    const result = await inSpanContinuing(delivery.trace_context, `deliver ${delivery.event_type}`, { kind: SpanKind.PRODUCER, attributes }, async (span) => {
      const sent = await this.send(webhook, delivery.id, delivery.body);
      if (sent.statusCode !== null) span.setAttribute('http.response.status_code', sent.statusCode);
      if (sent.error) span.setStatus({ code: SpanStatusCode.ERROR, message: sent.error });
      return sent;
    });
    const outcome = outcomeOf(result);
    const attempts = delivery.attempts + 1;
    this.attempts.inc({ outcome: outcome.kind, status_class: statusClass(result.statusCode) });
    this.attemptSeconds.observe({ outcome: outcome.kind }, result.latencyMs / 1000);
    if (outcome.kind === 'delivered') this.deliveredAfter.observe(Math.max(0, (Date.now() - delivery.created_at.getTime()) / 1000));
    if (outcome.kind === 'delivered' && !webhook.failing_since) {
      await this.deliveries.recordDelivered(delivery, attempts, result);
      return;
    }
    await this.outbox.transaction(async (manager, emit, afterCommit) => {
      await this.deliveries.skipFlushWait(manager);
      await this.deliveries.recordAttempt(manager, delivery.id, result);
      if (outcome.kind === 'delivered') {
        await this.deliveries.markDelivered(manager, delivery.id, attempts);
        await this.webhooks.clearFailing(manager, webhook.id);
        return;
      }
      const retryInMs = retryIn(outcome, attempts, this.env.WEBHOOK_RETRY_SCHEDULE);
      await this.deliveries.markFailedAttempt(manager, delivery.id, attempts, retryInMs);
      if (retryInMs !== null) this.loop.wakeIn(retryInMs);
      const failingSince = await this.webhooks.markFailing(manager, webhook.id);
      const reason = disableReason(outcome, failingSince, this.env.WEBHOOK_DISABLE_AFTER_MS);
      if (reason) await this.disable(manager, emit, afterCommit, webhook, reason);
    });
  }

  private async disable(manager: EntityManager, emit: Emit, afterCommit: AfterCommit, webhook: WebhookRow, reason: string): Promise<void> {
    if (!(await this.webhooks.disable(manager, webhook.id, reason))) return;
    afterCommit(() => {
      this.disabled.inc();
      this.logger.warn(`webhook ${webhook.id} disabled: ${reason}`);
    });
    // Its pending deliveries wait, unscheduled, until it is enabled again.
    await this.deliveries.scheduleAllOf(webhook.id, false, manager);
    emit({
      topic: Topics.WebhookEvents,
      aggregateId: webhook.id,
      tenantId: webhook.tenant_id,
      type: WebhookEventTypes.Disabled,
      payload: { id: webhook.id, url: webhook.url, reason, disabledAt: new Date().toISOString() },
    });
  }
}
