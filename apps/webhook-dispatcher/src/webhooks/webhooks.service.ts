import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCodes,
  WebhookCommands,
  type AttemptView,
  type CreateWebhookRequest,
  type DeliveriesRequest,
  type DeliveryView,
  type ListWebhooksRequest,
  type Page,
  type RecoverRequest,
  type ResendRequest,
  type UpdateWebhookRequest,
  type WebhookRef,
  type WebhookView,
} from '@hb/contracts';
import { InjectEnv, OnCommand, destinationOf, prefixedId } from '@hb/platform';
import type { WebhookDispatcherEnv } from '../config/env';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { deliveryView, webhookView, type WebhookRow } from './webhook-rows';
import { WebhooksRepository } from './webhooks.repository';

/** During a secret rotation the previous secret keeps signing this long, beside the new one. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const notFound = (id: string) => new DomainError(ErrorCodes.ResourceNotFound, `Webhook ${id} not found`, 'id');

/** Spec 003's webhooks, and their deliveries: a webhook of another tenant is a 404. */
@Injectable()
export class WebhooksService {

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveryRows: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
    @InjectEnv() private readonly env: WebhookDispatcherEnv,
  ) {}

  @OnCommand(WebhookCommands.Create)
  async create(input: CreateWebhookRequest): Promise<WebhookView> {
    const url = destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS);
    const row = await this.webhooks.insert({
      tenantId: input.tenantId,
      name: input.name,
      url: url.href,
      events: [...new Set(input.events)],
      secret: input.secret,
      status: input.status ?? 'active',
    });
    return webhookView(row);
  }

  async find(ref: WebhookRef): Promise<WebhookRow> {
    const row = await this.webhooks.findOwned(ref.tenantId, ref.webhookId);
    if (!row) throw notFound(ref.webhookId);
    return row;
  }

  @OnCommand(WebhookCommands.Get)
  async get(ref: WebhookRef): Promise<WebhookView> {
    return webhookView(await this.find(ref));
  }

  @OnCommand(WebhookCommands.List)
  async list({ tenantId }: ListWebhooksRequest): Promise<{ webhooks: WebhookView[] }> {
    return { webhooks: (await this.webhooks.listOwned(tenantId)).map(webhookView) };
  }

  /** Changes what is given; a new secret starts a rotation; status active re-enables a disabled one. */
  @OnCommand(WebhookCommands.Update)
  async update(input: UpdateWebhookRequest): Promise<WebhookView> {
    const current = await this.find(input);
    const rotating = input.secret !== undefined && input.secret !== current.secret;
    const status = input.status ?? current.status;
    const row = await this.webhooks.update(current, {
      name: input.name ?? current.name,
      url: input.url === undefined ? current.url : destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS).href,
      events: input.events ? [...new Set(input.events)] : current.events,
      status,
      secret: input.secret ?? current.secret,
      previousSecretForMs: rotating ? ROTATION_OVERLAP_MS : undefined,
    });
    // Deliveries wait unscheduled while their webhook is not active, and resume when it is.
    await this.deliveryRows.scheduleAllOf(current.id, status === 'active');
    if (status === 'active') this.worker.kick();
    return webhookView(row);
  }

  @OnCommand(WebhookCommands.Delete)
  async delete(ref: WebhookRef): Promise<{ id: string }> {
    if (!(await this.webhooks.deleteOwned(ref.tenantId, ref.webhookId))) throw notFound(ref.webhookId);
    return { id: ref.webhookId };
  }

  /** Spec 003's test: a test payload now, answered with the attempt's outcome. */
  // An attempt may take the whole attempt timeout: it must not hold the consumer.
  @OnCommand(WebhookCommands.Test, { detached: true })
  async test(ref: WebhookRef): Promise<AttemptView & { delivered: boolean }> {
    const webhook = await this.find(ref);
    const now = new Date().toISOString();
    const id = prefixedId('msg');
    const body = JSON.stringify({
      event: 'webhook.test',
      data: { webhookId: webhook.id, message: 'This is a test delivery.' },
      metadata: { request_id: id, timestamp: now, version: 'v1' },
    });
    const result = await this.worker.send(webhook, id, body);
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    return { delivered, attemptedAt: now, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error, responseExcerpt: result.responseExcerpt };
  }

  @OnCommand(WebhookCommands.Deliveries)
  async deliveries(input: DeliveriesRequest): Promise<Page<DeliveryView>> {
    await this.find(input);
    const { rows, total } = await this.deliveryRows.page(input.webhookId, input.limit, (input.page - 1) * input.limit);
    const attempts = await this.deliveryRows.attemptsOf(rows.map((row) => row.id));
    return { data: rows.map((row) => deliveryView(row, attempts.get(row.id) ?? [])), total };
  }

  /** Sends one delivery again from the start of the schedule, under the same webhook-id. */
  @OnCommand(WebhookCommands.Resend)
  async resend(input: ResendRequest): Promise<DeliveryView> {
    await this.find(input);
    const row = await this.deliveryRows.restart(input.webhookId, input.deliveryId);
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Delivery ${input.deliveryId} not found`, 'deliveryId');
    this.worker.kick();
    return deliveryView(row, []);
  }

  /** Sends again every delivery of the webhook that failed since a time. */
  @OnCommand(WebhookCommands.Recover)
  async recover(input: RecoverRequest): Promise<{ recovered: number }> {
    await this.find(input);
    const recovered = await this.deliveryRows.restartFailedSince(input.webhookId, input.since);
    this.worker.kick();
    return { recovered };
  }
}
