import type { AttemptView, DeliveryView, WebhookEvent, WebhookView } from '@hb/contracts';

export interface WebhookRow {
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  status: 'active' | 'inactive' | 'disabled';
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
  /** The trace context of the event's handling, which the attempts continue; null when it was not traced. */
  trace_context: Record<string, string> | null;
}

export interface AttemptRow {
  attempted_at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export function webhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    status: row.status,
    ...(row.disabled_reason ? { disabledReason: row.disabled_reason } : {}),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function attemptView(row: AttemptRow): AttemptView {
  return {
    attemptedAt: row.attempted_at.toISOString(),
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}

export function deliveryView(row: DeliveryRow, attempts: AttemptRow[]): DeliveryView {
  return {
    id: row.id,
    event: row.event_type,
    status: row.status,
    attempts: attempts.map(attemptView),
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** The secrets that sign a webhook's attempts now: its own, and the previous one while rotating. */
export function signingSecrets(row: WebhookRow, now = new Date()): string[] {
  return row.previous_secret && row.previous_secret_until && row.previous_secret_until > now ? [row.secret, row.previous_secret] : [row.secret];
}
