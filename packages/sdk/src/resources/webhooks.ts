import { PagePromise } from '../core/pagination.js';
import { Resource, path } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import type { AgentPage, AnswerOf, BodyOf, Params, QueryOf, Webhook, WebhookDelivery, WebhookTestResult } from '../types.js';

export type WebhookCreateParams = Params<BodyOf<'WebhooksController_create'>>;
export type WebhookUpdateParams = Params<BodyOf<'WebhooksController_update'>>;
export type DeliveryListParams = Params<QueryOf<'WebhooksController_deliveries'>>;

/** Spec 003's webhooks, signed as Standard Webhooks (check them with verifyWebhook), and their deliveries. */
export class Webhooks extends Resource {
  create(params: WebhookCreateParams, options?: RequestOptions): Promise<Webhook> {
    return this.data('POST', '/api/v1/webhooks', { body: params }, options);
  }

  async list(options?: RequestOptions): Promise<Webhook[]> {
    return (await this.data<AnswerOf<'WebhooksController_list'>>('GET', '/api/v1/webhooks', {}, options)).webhooks;
  }

  get(id: string, options?: RequestOptions): Promise<Webhook> {
    return this.data('GET', path`/api/v1/webhooks/${id}`, {}, options);
  }

  update(id: string, changes: WebhookUpdateParams, options?: RequestOptions): Promise<Webhook> {
    return this.data('PATCH', path`/api/v1/webhooks/${id}`, { body: changes }, options);
  }

  delete(id: string, options?: RequestOptions): Promise<AnswerOf<'WebhooksController_remove'>> {
    return this.data('DELETE', path`/api/v1/webhooks/${id}`, {}, options);
  }

  /** Sends a signed test event now and answers how the endpoint took it. */
  test(id: string, options?: RequestOptions): Promise<WebhookTestResult> {
    return this.data('POST', path`/api/v1/webhooks/${id}/test`, { tenant: 'query' }, options);
  }

  /** The webhook's deliveries, newest first, each with its attempts. */
  deliveries(id: string, params: DeliveryListParams = {}, options?: RequestOptions): PagePromise<AgentPage<WebhookDelivery>, WebhookDelivery> {
    const limit = params.limit ?? 20;
    return new PagePromise(
      (page) => this.data<AgentPage<WebhookDelivery>>('GET', path`/api/v1/webhooks/${id}/deliveries`, { query: { ...params, page, limit } }, options),
      params.page ?? 1,
      (page) => page.data,
      (page, pageNumber) => pageNumber * limit < page.total,
    );
  }

  /** Sends a delivery again now, under the same webhook-id (receivers deduplicate on it); answers it as pending. */
  resend(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.data('POST', path`/api/v1/webhooks/${id}/deliveries/${deliveryId}/resend`, { tenant: 'query' }, options);
  }

  /** Sends again every delivery of the webhook that failed since `since`. */
  recover(id: string, params: Params<BodyOf<'WebhooksController_recover'>>, options?: RequestOptions): Promise<AnswerOf<'WebhooksController_recover'>> {
    return this.data('POST', path`/api/v1/webhooks/${id}/recover`, { body: params }, options);
  }
}
