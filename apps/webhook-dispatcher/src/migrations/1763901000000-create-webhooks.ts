import { sqlMigration } from '@hb/platform';

export const CreateWebhooks1763901000000 = sqlMigration('CreateWebhooks1763901000000', {
  up: [
    `
      CREATE TABLE webhooks (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        -- During a rotation the previous secret signs too, until previous_secret_until.
        previous_secret text,
        previous_secret_until timestamptz,
        status text NOT NULL,
        disabled_reason text,
        -- Since when every attempt has failed; null after a success.
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX webhooks_tenant ON webhooks (tenant_id, created_at)`,
    `
      CREATE TABLE deliveries (
        id text PRIMARY KEY,
        webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (webhook_id, event_id)
      )`,
    `CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    `CREATE INDEX deliveries_webhook ON deliveries (webhook_id, created_at DESC)`,
    `
      CREATE TABLE attempts (
        id bigserial PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        latency_ms integer NOT NULL,
        error text,
        response_excerpt text
      )`,
    `CREATE INDEX attempts_delivery ON attempts (delivery_id, id)`,
  ],
  down: [
    `DROP TABLE attempts`,
    `DROP TABLE deliveries`,
    `DROP TABLE webhooks`,
  ],
});
