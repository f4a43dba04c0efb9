import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCodes,
  type AttemptView,
  type CreateWebhookRequest,
  type DeliveriesRequest,
  type DeliveryView,
  type Page,
  type RecoverRequest,
  type ResendRequest,
  type UpdateWebhookRequest,
  type WebhookRef,
  type WebhookView,
} from '@hb/contracts';
import { PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
import type { WebhookDispatcherEnv } from '../config/env';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { destinationOf } from './destination';
import { deliveryView, webhookView, type AttemptRow, type DeliveryRow, type WebhookRow } from './webhook-rows';

/** During a secret rotation the previous secret keeps signing this long, beside the new one. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export function messageId(): string {
  return `msg_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 20)}`;
}

const notFound = (id: string) => new DomainError(ErrorCodes.ResourceNotFound, `Webhook ${id} not found`, 'id');

/** Spec 003's webhooks, and their deliveries: a webhook of another tenant is a 404. */
@Injectable()
export class WebhooksService {
  private readonly env: WebhookDispatcherEnv;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worker: DeliveryWorker,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    this.env = options.env as WebhookDispatcherEnv;
  }

  async create(input: CreateWebhookRequest): Promise<WebhookView> {
    const url = destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS);
    const [row] = await this.dataSource.query(
      `INSERT INTO webhooks (id, tenant_id, name, url, events, secret, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [`wh_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 16)}`, input.tenantId, input.name, url.href, [...new Set(input.events)], input.secret, input.status ?? 'active'],
    );
    return webhookView(row);
  }

  async find(ref: WebhookRef): Promise<WebhookRow> {
    const [row] = await this.dataSource.query(`SELECT * FROM webhooks WHERE id = $1 AND tenant_id = $2`, [ref.webhookId, ref.tenantId]);
    if (!row) throw notFound(ref.webhookId);
    return row;
  }

  async get(ref: WebhookRef): Promise<WebhookView> {
    return webhookView(await this.find(ref));
  }

  async list(tenantId: string): Promise<{ webhooks: WebhookView[] }> {
    const rows: WebhookRow[] = await this.dataSource.query(`SELECT * FROM webhooks WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
    return { webhooks: rows.map(webhookView) };
  }

  /** Changes what is given; a new secret starts a rotation; status active re-enables a disabled one. */
  async update(input: UpdateWebhookRequest): Promise<WebhookView> {
    const current = await this.find(input);
    const url = input.url === undefined ? current.url : destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS).href;
    const rotating = input.secret !== undefined && input.secret !== current.secret;
    const status = input.status ?? current.status;
    const [[row]] = await this.dataSource.query(
      `UPDATE webhooks SET name = $3, url = $4, events = $5, status = $6,
              disabled_reason = CASE WHEN $6 = 'disabled' THEN disabled_reason END,
              failing_since = CASE WHEN $6 = 'disabled' THEN failing_since END,
              secret = $7,
              previous_secret = CASE WHEN $8 THEN secret ELSE previous_secret END,
              previous_secret_until = CASE WHEN $8 THEN now() + $9 * interval '1 millisecond' ELSE previous_secret_until END,
              updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [
        current.id,
        current.tenant_id,
        input.name ?? current.name,
        url,
        input.events ? [...new Set(input.events)] : current.events,
        status,
        input.secret ?? current.secret,
        rotating,
        ROTATION_OVERLAP_MS,
      ],
    );
    // Deliveries wait unscheduled while their webhook is not active, and resume when it is.
    await this.dataSource.query(
      status === 'active'
        ? `UPDATE deliveries SET next_attempt_at = now() WHERE webhook_id = $1 AND status = 'pending' AND next_attempt_at IS NULL`
        : `UPDATE deliveries SET next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'pending'`,
      [current.id],
    );
    if (status === 'active') this.worker.kick();
    return webhookView(row);
  }

  async delete(ref: WebhookRef): Promise<{ id: string }> {
    const [rows] = await this.dataSource.query(`DELETE FROM webhooks WHERE id = $1 AND tenant_id = $2 RETURNING id`, [ref.webhookId, ref.tenantId]);
    if (!rows.length) throw notFound(ref.webhookId);
    return { id: ref.webhookId };
  }

  /** Spec 003's test: a test payload now, answered with the attempt's outcome. */
  async test(ref: WebhookRef): Promise<AttemptView & { delivered: boolean }> {
    const webhook = await this.find(ref);
    const now = new Date().toISOString();
    const id = messageId();
    const body = JSON.stringify({
      event: 'webhook.test',
      data: { webhookId: webhook.id, message: 'This is a test delivery.' },
      metadata: { request_id: id, timestamp: now, version: 'v1' },
    });
    const result = await this.worker.send(webhook, id, body);
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    return { delivered, attemptedAt: now, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error, responseExcerpt: result.responseExcerpt };
  }

  async deliveries(input: DeliveriesRequest): Promise<Page<DeliveryView>> {
    await this.find(input);
    const rows: Array<DeliveryRow & { total: number }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [input.webhookId, input.limit, (input.page - 1) * input.limit],
    );
    const attempts: Array<AttemptRow & { delivery_id: string }> = rows.length
      ? await this.dataSource.query(`SELECT * FROM attempts WHERE delivery_id = ANY($1) ORDER BY id`, [rows.map((r) => r.id)])
      : [];
    return {
      data: rows.map(({ total: _t, ...row }) => deliveryView(row, attempts.filter((a) => a.delivery_id === row.id))),
      total: rows[0]?.total ?? 0,
    };
  }

  /** Sends one delivery again from the start of the schedule, under the same webhook-id. */
  async resend(input: ResendRequest): Promise<DeliveryView> {
    await this.find(input);
    const [rows] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 AND webhook_id = $2 RETURNING *`,
      [input.deliveryId, input.webhookId],
    );
    if (!rows.length) throw new DomainError(ErrorCodes.ResourceNotFound, `Delivery ${input.deliveryId} not found`, 'deliveryId');
    this.worker.kick();
    return deliveryView(rows[0], []);
  }

  /** Sends again every delivery of the webhook that failed since a time. */
  async recover(input: RecoverRequest): Promise<{ recovered: number }> {
    await this.find(input);
    const [, recovered] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE webhook_id = $1 AND status = 'failed' AND created_at >= $2`,
      [input.webhookId, input.since],
    );
    this.worker.kick();
    return { recovered };
  }
}
