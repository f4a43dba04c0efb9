import { sqlMigration } from '@hb/platform';

/**
 * Every vector records the model that made it, and the column takes any width, so a change of
 * embedding model is a background re-embedding (reembedding/) rather than a loss: vectors made
 * before this migration were USE-lite's (512 dimensions). Each model gets its own partial HNSW
 * index when the service first uses it (pgvector-index.repository.ts); the old whole-table index goes.
 */
export const VectorsPerModel1764600000000 = sqlMigration('VectorsPerModel1764600000000', {
  up: [
    `DROP INDEX IF EXISTS memory_vectors_hnsw`,
    `ALTER TABLE memory_vectors ADD COLUMN model text NOT NULL DEFAULT 'use-lite-512'`,
    `ALTER TABLE memory_vectors ALTER COLUMN model DROP DEFAULT`,
    `ALTER TABLE memory_vectors ALTER COLUMN embedding TYPE vector`,
    // Finds the vectors of other models than the configured one (model < $1 OR model > $1).
    `CREATE INDEX memory_vectors_model ON memory_vectors (model, memory_id)`,
  ],
  down: [
    `DROP INDEX memory_vectors_model`,
    `DELETE FROM memory_vectors WHERE model <> 'use-lite-512'`,
    `ALTER TABLE memory_vectors ALTER COLUMN embedding TYPE vector(512)`,
    `ALTER TABLE memory_vectors DROP COLUMN model`,
    `CREATE INDEX memory_vectors_hnsw ON memory_vectors USING hnsw (embedding vector_cosine_ops)`,
  ],
});
