import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A create may carry the client's Idempotency-Key: a retry with the same key (after a timeout, a
 * 503, a dropped connection) answers the memory the first attempt stored instead of a second one.
 */
export class MemoryIdempotencyKeys1764700000000 implements MigrationInterface {
  name = 'MemoryIdempotencyKeys1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE memories ADD COLUMN idempotency_key text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX memories_idempotency_key ON memories (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX memories_idempotency_key`);
    await queryRunner.query(`ALTER TABLE memories DROP COLUMN idempotency_key`);
  }
}
