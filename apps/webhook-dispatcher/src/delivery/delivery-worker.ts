import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, WebhookEventTypes } from '@hb/contracts';
import { KickedLoop, Outbox, PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
import type { WebhookDispatcherEnv } from '../config/env';
import { isAllowlisted } from '../webhooks/destination';
import { signingSecrets, type DeliveryRow, type WebhookRow } from '../webhooks/webhook-rows';
import { safePost, type SendResult } from './safe-http';
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
/**
 * Failed attempts' records commit without waiting for the WAL flush: if the database itself
 * crashed in the next fraction of a second and lost one, the delivery would only be attempted
 * again (deliveries are at least once; receivers deduplicate by webhook-id).
 */
const NOT_WAITING_FOR_FLUSH = `SET LOCAL synchronous_commit = off`;
/** Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** How an attempt ended, for the delivery and its webhook. */
type Outcome = { kind: 'delivered' } | { kind: 'gone' } | { kind: 'retry'; afterMs?: number };

export function outcomeOf(result: SendResult, now = Date.now()): Outcome {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { kind: 'delivered' };
  if (code === 410) return { kind: 'gone' };
  if (code === 429 || code === 503) return { kind: 'retry', afterMs: retryAfterMs(result.headers['retry-after'], now) };
  return { kind: 'retry' };
}

export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * Attempts due deliveries. Postgres holds them: a delivery is recorded before its first attempt,
 * claimed with a lease (so one a dead replica was attempting is attempted again), attempted with
 * the webhook's signature, and its attempt recorded with the next one scheduled on the retry
 * schedule (with jitter, or the endpoint's Retry-After), all before the claim is let go. Each
 * endpoint has its own concurrency limit, so a slow one does not hold the others up.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly env: WebhookDispatcherEnv;
  private readonly perEndpoint = new Map<string, number>();
  private inFlight = 0;
  private readonly loop = new KickedLoop(
    () => this.pump(),
    (error) => this.logger.warn(`claiming deliveries failed: ${error.message}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    this.env = options.env as WebhookDispatcherEnv;
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
      // Oldest due first, straight off the due index (the CTE is a fence: joined to webhooks, a
      // planner with stale statistics sorts every due delivery instead). A disabled or inactive
      // webhook's pending deliveries have no next attempt (see disable and
      // WebhooksService.update), so none of them is scanned here.
      const rows: Array<DeliveryRow & { webhook: WebhookRow }> = (
        await this.dataSource.query(
          `WITH due AS MATERIALIZED (
             SELECT id FROM deliveries
              WHERE status = 'pending' AND next_attempt_at <= now() AND NOT (webhook_id = ANY($3))
              ORDER BY next_attempt_at
              LIMIT $2
              FOR UPDATE SKIP LOCKED)
           UPDATE deliveries d SET next_attempt_at = now() + $1 * interval '1 millisecond'
             FROM due, webhooks w
            WHERE d.id = due.id AND w.id = d.webhook_id
            RETURNING d.*, row_to_json(w.*) AS webhook`,
          [this.env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS, Math.min(32, this.env.WEBHOOK_CONCURRENCY - this.inFlight), busy],
        )
      )[0];
      if (rows.length === 0) return;
      for (const row of rows) {
        const { webhook: raw, ...delivery } = row;
        const webhook = reviveWebhook(raw);
        if (webhook.status !== 'active') {
          // Disabled or paused since it was scheduled: it waits, unscheduled, like the others.
          await this.dataSource.query(`UPDATE deliveries SET next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`, [delivery.id]);
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
    const result = await this.send(webhook, delivery.id, delivery.body);
    const outcome = outcomeOf(result);
    const attempts = delivery.attempts + 1;
    if (outcome.kind === 'delivered' && !webhook.failing_since) {
      // The usual case in one statement: the attempt and the delivered delivery together.
      await this.dataSource.query(
        `WITH attempt AS (
           INSERT INTO attempts (delivery_id, status_code, latency_ms, error, response_excerpt) VALUES ($1, $3, $4, NULL, $5))
         UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), next_attempt_at = NULL WHERE id = $1`,
        [delivery.id, attempts, result.statusCode, result.latencyMs, result.responseExcerpt],
      );
      return;
    }
    await this.outbox.transaction(async (manager, emit) => {
      await manager.query(NOT_WAITING_FOR_FLUSH);
      await manager.query(
        `INSERT INTO attempts (delivery_id, status_code, latency_ms, error, response_excerpt) VALUES ($1, $2, $3, $4, $5)`,
        [delivery.id, result.statusCode, result.latencyMs, result.error, result.responseExcerpt],
      );
      if (outcome.kind === 'delivered') {
        await manager.query(`UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), next_attempt_at = NULL WHERE id = $1`, [
          delivery.id,
          attempts,
        ]);
        await manager.query(`UPDATE webhooks SET failing_since = NULL WHERE id = $1`, [webhook.id]);
        return;
      }
      const schedule = this.env.WEBHOOK_RETRY_SCHEDULE;
      const exhausted = outcome.kind === 'gone' || attempts >= schedule.length;
      const delayMs = outcome.kind === 'retry' ? (outcome.afterMs ?? jitter(schedule[Math.min(attempts, schedule.length - 1)] * 1000)) : 0;
      await manager.query(
        `UPDATE deliveries SET status = $2, attempts = $3, next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + $4 * interval '1 millisecond' END
          WHERE id = $1`,
        [delivery.id, exhausted ? 'failed' : 'pending', attempts, delayMs],
      );
      if (!exhausted) this.loop.wakeIn(delayMs);
      const [[failing]] = await manager.query(
        `UPDATE webhooks SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`,
        [webhook.id],
      );
      const failingMs = Date.now() - new Date(failing.failing_since).getTime();
      const reason =
        outcome.kind === 'gone'
          ? 'the endpoint answered 410 Gone'
          : failingMs > this.env.WEBHOOK_DISABLE_AFTER_MS
            ? `no successful delivery since ${new Date(failing.failing_since).toISOString()}`
            : null;
      if (reason) await this.disable(manager, emit, webhook, reason);
    });
  }

  private async disable(manager: EntityManager, emit: Parameters<Parameters<Outbox['transaction']>[0]>[1], webhook: WebhookRow, reason: string) {
    const [rows] = await manager.query(
      `UPDATE webhooks SET status = 'disabled', disabled_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active' RETURNING id`,
      [webhook.id, reason],
    );
    if (!rows.length) return;
    // Its pending deliveries wait, unscheduled, until it is enabled again.
    await manager.query(`UPDATE deliveries SET next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'pending'`, [webhook.id]);
    this.logger.warn(`webhook ${webhook.id} disabled: ${reason}`);
    emit({
      topic: Topics.WebhookEvents,
      aggregateId: webhook.id,
      tenantId: webhook.tenant_id,
      type: WebhookEventTypes.Disabled,
      payload: { id: webhook.id, url: webhook.url, reason, disabledAt: new Date().toISOString() },
    });
  }
}

/** ±10% so that retries of many deliveries do not arrive together. */
function jitter(ms: number): number {
  return Math.round(ms * (0.9 + Math.random() * 0.2));
}

/** row_to_json gives dates as strings. */
function reviveWebhook(raw: WebhookRow): WebhookRow {
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    ...raw,
    previous_secret_until: date(raw.previous_secret_until),
    failing_since: date(raw.failing_since),
    created_at: date(raw.created_at)!,
    updated_at: date(raw.updated_at)!,
  };
}
