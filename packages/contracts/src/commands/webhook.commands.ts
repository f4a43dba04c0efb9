import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { answeredBy, defineCommand, defineQuery } from './command';
import { MAX_PAGE } from '../validation';
import type { Page } from './agent.commands';

/** Events a webhook may subscribe to: spec 003's six, and the agent and heartbeat events. */
export const WEBHOOK_EVENTS = [
  'memory.created',
  'memory.updated',
  'memory.deleted',
  'search.performed',
  'api_key.created',
  'api_key.revoked',
  'agent.run.completed',
  'agent.run.failed',
  'heartbeat.run.completed',
  'heartbeat.run.failed',
  'heartbeat.run.skipped',
  'heartbeat.paused',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_STATUSES = ['active', 'inactive'] as const;
export const MAX_WEBHOOK_URL = 2048;

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  /** active, inactive (by its owner), or disabled (by the dispatcher, with disabledReason). */
  status: 'active' | 'inactive' | 'disabled';
  disabledReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptView {
  attemptedAt: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export interface DeliveryView {
  /** The webhook-id header: stable across the delivery's attempts. */
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: AttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export class WebhookFields {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsString() @Length(1, MAX_WEBHOOK_URL) url?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(WEBHOOK_EVENTS, { each: true }) events?: WebhookEvent[];
  @IsOptional() @IsString() @Length(1, 500) secret?: string;
  @IsOptional() @IsIn(WEBHOOK_STATUSES) status?: 'active' | 'inactive';
}

const EVENTS_RULE = { message: `events must be a non-empty list of: ${WEBHOOK_EVENTS.join(', ')}` };

/** Spec 003's create: name, url, events and secret required. Not a WebhookFields: a parent's IsOptional would win. */
export class NewWebhook {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, MAX_WEBHOOK_URL) url!: string;
  @IsArray(EVENTS_RULE) @ArrayMinSize(1, EVENTS_RULE) @IsIn(WEBHOOK_EVENTS, { each: true, ...EVENTS_RULE }) events!: WebhookEvent[];
  @IsString() @Length(1, 500, { message: 'secret must be 1 to 500 characters' }) secret!: string;
  @IsOptional() @IsIn(WEBHOOK_STATUSES, { message: 'status must be active or inactive' }) status?: 'active' | 'inactive';
}

export class CreateWebhookRequest extends NewWebhook {
  @IsString() @MinLength(1) tenantId!: string;
}

export class WebhookRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) webhookId!: string;
}

export class UpdateWebhookRequest extends WebhookFields {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) webhookId!: string;
}

export class ListWebhooksRequest {
  @IsString() @MinLength(1) tenantId!: string;
}

export class DeliveriesRequest extends WebhookRef {
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) limit!: number;
}

export class ResendRequest extends WebhookRef {
  @IsString() @MinLength(1) @MaxLength(64) deliveryId!: string;
}

export class RecoverRequest extends WebhookRef {
  @IsDateString() since!: string;
}

export const WebhookCommands = answeredBy('webhook-dispatcher', {
  Create: defineCommand<CreateWebhookRequest, WebhookView>('webhook.create', CreateWebhookRequest),
  Get: defineQuery<WebhookRef, WebhookView>('webhook.get', WebhookRef),
  List: defineQuery<ListWebhooksRequest, { webhooks: WebhookView[] }>('webhook.list', ListWebhooksRequest),
  Update: defineCommand<UpdateWebhookRequest, WebhookView>('webhook.update', UpdateWebhookRequest),
  Delete: defineCommand<WebhookRef, { id: string }>('webhook.delete', WebhookRef),
  /** Sends a test payload now and answers the attempt. */
  Test: defineCommand<WebhookRef, AttemptView & { delivered: boolean }>('webhook.test', WebhookRef),
  Deliveries: defineQuery<DeliveriesRequest, Page<DeliveryView>>('webhook.deliveries', DeliveriesRequest),
  Resend: defineCommand<ResendRequest, DeliveryView>('webhook.resend', ResendRequest),
  /** Sends again every failed delivery of the webhook since a time. */
  Recover: defineCommand<RecoverRequest, { recovered: number }>('webhook.recover', RecoverRequest),
});

/** Events the dispatcher itself publishes on Topics.WebhookEvents. */
export const WebhookEventTypes = {
  Disabled: 'webhook.disabled',
} as const;
