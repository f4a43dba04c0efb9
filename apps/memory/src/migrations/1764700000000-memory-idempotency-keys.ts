import { sqlMigration } from '@hb/platform';

/**
 * A create may carry the client's Idempotency-Key: a retry with the same key (after a timeout, a
 * 503, a dropped connection) answers the memory the first attempt stored instead of a second one.
 */
export const MemoryIdempotencyKeys1764700000000 = sqlMigration('MemoryIdempotencyKeys1764700000000', {
  up: [
    `ALTER TABLE memories ADD COLUMN idempotency_key text`,
    `CREATE UNIQUE INDEX memories_idempotency_key ON memories (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
  ],
  down: [
    `DROP INDEX memories_idempotency_key`,
    `ALTER TABLE memories DROP COLUMN idempotency_key`,
  ],
});
