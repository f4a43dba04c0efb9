import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service's first migration creates in its own schema (the
 * connection's search_path points there).
 */
export async function createOutboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY,
      topic text NOT NULL,
      aggregate_id text NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(
    `CREATE INDEX outbox_unpublished ON outbox (created_at, id) WHERE published_at IS NULL`,
  );
  await queryRunner.query(`CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL`);
  await queryRunner.query(`
    CREATE TABLE processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropOutboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE processed_events`);
  await queryRunner.query(`DROP TABLE outbox`);
}

/**
 * The first migration of every service, shared so the five schemas cannot drift apart. Like any
 * applied migration it never changes: later changes to these tables get migrations of their own.
 */
export class CreateOutbox1763900000000 implements MigrationInterface {
  name = 'CreateOutbox1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTables(queryRunner);
  }
}

/**
 * Orders the outbox by insertion sequence instead of transaction start time: two transactions on
 * one aggregate are serialised by its row lock, so their sequence numbers follow commit order.
 */
export class AddOutboxSequence1763900400000 implements MigrationInterface {
  name = 'AddOutboxSequence1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN seq bigserial`);
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (created_at, id) WHERE published_at IS NULL`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN seq`);
  }
}

/**
 * Tags each outbox row with the deployment (Kafka namespace) that wrote it. Deployments sharing a
 * database (test runs, several namespaces on one Postgres) share each service's outbox table; a
 * relay publishing another deployment's rows would send them to its own topics, where their
 * consumers never look.
 */
export class AddOutboxNamespace1763901200000 implements MigrationInterface {
  name = 'AddOutboxNamespace1763901200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN namespace text NOT NULL DEFAULT ''`);
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (namespace, seq) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN namespace`);
  }
}

/** Every service's outbox migrations, in order. */
export const OUTBOX_MIGRATIONS = [CreateOutbox1763900000000, AddOutboxSequence1763900400000, AddOutboxNamespace1763901200000];
