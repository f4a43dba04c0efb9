import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AttemptRow, DeliveryRow, WebhookRow } from '../webhooks/webhook-rows';
import type { SendResult } from '@hb/platform';

export interface EventToDeliver {
  /** The webhook-id every attempt of these deliveries carries, made unique per webhook. */
  messageId: string;
  eventId: string;
  eventType: string;
  tenantId: string;
  body: string;
  traceContext: Record<string, string> | null;
}

export type ClaimedDelivery = DeliveryRow & { webhook: WebhookRow };

type Attempt = Pick<SendResult, 'statusCode' | 'latencyMs' | 'error' | 'responseExcerpt'>;

/**
 * The deliveries table and their attempts. A delivery is pending with a next attempt time while it
 * is due to be tried; pending without one while its webhook is not active (it waits, unscheduled,
 * and is not scanned); delivered or failed once it is over.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One delivery per active webhook of the event's tenant subscribed to its type, due now; none
   * twice for one webhook and event, so a redelivered event adds nothing. Returns how many.
   */
  /**
   * One delivery per active webhook of the tenant subscribed to the event, once per webhook and
   * event: `subscribers` webhooks wanted it, `added` deliveries are new (fewer on a redelivery).
   */
  async addForSubscribers(event: EventToDeliver): Promise<{ subscribers: number; added: number }> {
    const [row]: Array<{ subscribers: number; added: number }> = await this.dataSource.query(
      `WITH subscribers AS (
         SELECT w.id, w.tenant_id FROM webhooks w WHERE w.tenant_id = $5 AND w.status = 'active' AND $3 = ANY (w.events)
       ), added AS (
         INSERT INTO deliveries (id, webhook_id, tenant_id, event_id, event_type, body, status, next_attempt_at, trace_context)
         SELECT $1 || '_' || substr(md5(s.id), 1, 6), s.id, s.tenant_id, $2, $3, $4, 'pending', now(), $6::jsonb FROM subscribers s
         ON CONFLICT (webhook_id, event_id) DO NOTHING
         RETURNING id
       )
       SELECT (SELECT count(*) FROM subscribers)::int AS subscribers, (SELECT count(*) FROM added)::int AS added`,
      [event.messageId, event.eventId, event.eventType, event.body, event.tenantId, event.traceContext && JSON.stringify(event.traceContext)],
    );
    return row;
  }

  /**
   * Claims up to `limit` due deliveries, oldest due first, with their webhooks, skipping the
   * webhooks in `busy`: each is leased (its next attempt moved `leaseMs` ahead), so one whose
   * replica dies mid-attempt comes due again. Straight off the due index: the CTE is a fence, since
   * joined to webhooks a planner with stale statistics sorts every due delivery instead.
   */
  async claimDue(leaseMs: number, limit: number, busy: string[]): Promise<ClaimedDelivery[]> {
    const [rows]: [Array<DeliveryRow & { webhook: WebhookRow }>] = await this.dataSource.query(
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
      [leaseMs, limit, busy],
    );
    return rows.map((row) => ({ ...row, webhook: reviveWebhook(row.webhook) }));
  }

  /** Takes a pending delivery off the schedule (its webhook stopped being active). */
  /** Pending deliveries: those tried and failed at least once (retrying), and those not tried yet (new). */
  async backlog(): Promise<{ retrying: number; new: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE attempts > 0)::int AS retrying, count(*) FILTER (WHERE attempts = 0)::int AS new
         FROM deliveries WHERE status = 'pending'`,
    );
    return row;
  }

  async unschedule(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE deliveries SET next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`, [id]);
  }

  /** Every pending delivery of the webhook waits, unscheduled, or (`resume`) is due again now. */
  async scheduleAllOf(webhookId: string, resume: boolean, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      resume
        ? `UPDATE deliveries SET next_attempt_at = now() WHERE webhook_id = $1 AND status = 'pending' AND next_attempt_at IS NULL`
        : `UPDATE deliveries SET next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'pending'`,
      [webhookId],
    );
  }

  /** The usual end of an attempt in one statement: the attempt recorded and its delivery delivered. */
  async recordDelivered(delivery: DeliveryRow, attempts: number, attempt: Attempt): Promise<void> {
    await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO attempts (delivery_id, status_code, latency_ms, error, response_excerpt) VALUES ($1, $3, $4, NULL, $5))
       UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), next_attempt_at = NULL WHERE id = $1`,
      [delivery.id, attempts, attempt.statusCode, attempt.latencyMs, attempt.responseExcerpt],
    );
  }

  /**
   * The transaction recording an attempt commits without waiting for the WAL flush: if the
   * database itself crashed in the next fraction of a second and lost it, the delivery would only
   * be attempted again (deliveries are at least once; receivers deduplicate by webhook-id).
   */
  async skipFlushWait(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL synchronous_commit = off`);
  }

  async recordAttempt(manager: EntityManager, deliveryId: string, attempt: Attempt): Promise<void> {
    await manager.query(`INSERT INTO attempts (delivery_id, status_code, latency_ms, error, response_excerpt) VALUES ($1, $2, $3, $4, $5)`, [
      deliveryId,
      attempt.statusCode,
      attempt.latencyMs,
      attempt.error,
      attempt.responseExcerpt,
    ]);
  }

  async markDelivered(manager: EntityManager, deliveryId: string, attempts: number): Promise<void> {
    await manager.query(`UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), next_attempt_at = NULL WHERE id = $1`, [
      deliveryId,
      attempts,
    ]);
  }

  /** After a failed attempt: due again in `retryInMs`, or failed for good when there is none. */
  async markFailedAttempt(manager: EntityManager, deliveryId: string, attempts: number, retryInMs: number | null): Promise<void> {
    await manager.query(
      `UPDATE deliveries SET status = $2, attempts = $3, next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + $4 * interval '1 millisecond' END
        WHERE id = $1`,
      [deliveryId, retryInMs === null ? 'failed' : 'pending', attempts, retryInMs ?? 0],
    );
  }

  /** A page of the webhook's deliveries, newest first, with the total. */
  async page(webhookId: string, limit: number, offset: number): Promise<{ rows: DeliveryRow[]; total: number }> {
    const rows: Array<DeliveryRow & { total: number }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [webhookId, limit, offset],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** The attempts of these deliveries, oldest first, by delivery. */
  async attemptsOf(deliveryIds: string[]): Promise<Map<string, AttemptRow[]>> {
    const byDelivery = new Map<string, AttemptRow[]>(deliveryIds.map((id) => [id, []]));
    if (deliveryIds.length === 0) return byDelivery;
    const rows: Array<AttemptRow & { delivery_id: string }> = await this.dataSource.query(
      `SELECT * FROM attempts WHERE delivery_id = ANY($1) ORDER BY id`,
      [deliveryIds],
    );
    for (const row of rows) byDelivery.get(row.delivery_id)?.push(row);
    return byDelivery;
  }

  /** Puts one delivery of the webhook back to the start of its schedule, due now; undefined when none. */
  async restart(webhookId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
    const [rows] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 AND webhook_id = $2 RETURNING *`,
      [deliveryId, webhookId],
    );
    return rows[0];
  }

  /** Puts every delivery of the webhook that failed since `since` back to the start; returns how many. */
  async restartFailedSince(webhookId: string, since: string): Promise<number> {
    const [, count] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE webhook_id = $1 AND status = 'failed' AND created_at >= $2`,
      [webhookId, since],
    );
    return count;
  }
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
