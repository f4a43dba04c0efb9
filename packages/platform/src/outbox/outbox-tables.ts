import { sqlMigration } from '../database/migrations/sql-migration';

/**
 * The first migration of every service, shared so the five schemas cannot drift apart: the outbox
 * and inbox tables, in the service's own schema (the connection's search_path points there). Like
 * any applied migration it never changes: later changes to these tables get migrations of their own.
 */
export const CreateOutbox1763900000000 = sqlMigration('CreateOutbox1763900000000', {
  up: [
    `
    CREATE TABLE outbox (
      id uuid PRIMARY KEY,
      topic text NOT NULL,
      aggregate_id text NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`,
    `CREATE INDEX outbox_unpublished ON outbox (created_at, id) WHERE published_at IS NULL`,
    `CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL`,
    `
    CREATE TABLE processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
  ],
  down: [`DROP TABLE processed_events`, `DROP TABLE outbox`],
});

/**
 * Orders the outbox by insertion sequence instead of transaction start time: two transactions on
 * one aggregate are serialised by its row lock, so their sequence numbers follow commit order.
 */
export const AddOutboxSequence1763900400000 = sqlMigration('AddOutboxSequence1763900400000', {
  up: [
    `ALTER TABLE outbox ADD COLUMN seq bigserial`,
    `DROP INDEX outbox_unpublished`,
    `CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`,
  ],
  down: [
    `DROP INDEX outbox_unpublished`,
    `CREATE INDEX outbox_unpublished ON outbox (created_at, id) WHERE published_at IS NULL`,
    `ALTER TABLE outbox DROP COLUMN seq`,
  ],
});

/**
 * Tags each outbox row with the deployment (Kafka namespace) that wrote it. Deployments sharing a
 * database (test runs, several namespaces on one Postgres) share each service's outbox table; a
 * relay publishing another deployment's rows would send them to its own topics, where their
 * consumers never look.
 */
export const AddOutboxNamespace1763901200000 = sqlMigration('AddOutboxNamespace1763901200000', {
  up: [
    `ALTER TABLE outbox ADD COLUMN namespace text NOT NULL DEFAULT ''`,
    `DROP INDEX outbox_unpublished`,
    `CREATE INDEX outbox_unpublished ON outbox (namespace, seq) WHERE published_at IS NULL`,
  ],
  down: [
    `DROP INDEX outbox_unpublished`,
    `CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`,
    `ALTER TABLE outbox DROP COLUMN namespace`,
  ],
});

/**
 * The trace context of the transaction that wrote the event (W3C traceparent and tracestate), for
 * the relay to send in the message's headers: the event's consumers then join the writer's trace.
 * Null when tracing is off.
 */
export const AddOutboxTraceContext1764100000000 = sqlMigration('AddOutboxTraceContext1764100000000', {
  up: [`ALTER TABLE outbox ADD COLUMN trace_context jsonb`],
  down: [`ALTER TABLE outbox DROP COLUMN trace_context`],
});

/** Every service's outbox migrations, in order. */
export const OUTBOX_MIGRATIONS = [CreateOutbox1763900000000, AddOutboxSequence1763900400000, AddOutboxNamespace1763901200000, AddOutboxTraceContext1764100000000];
