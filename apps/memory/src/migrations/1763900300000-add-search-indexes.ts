import { sqlMigration } from '@hb/platform';

export const AddSearchIndexes1763900300000 = sqlMigration('AddSearchIndexes1763900300000', {
  up: [
    // Lexical side of hybrid search: English stems, kept by Postgres itself.
    `ALTER TABLE memories ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED`,
    `CREATE INDEX memories_search_tsv ON memories USING gin (search_tsv)`,
    `CREATE EXTENSION IF NOT EXISTS vector`,
    `
      CREATE TABLE memory_vectors (
        memory_id text PRIMARY KEY REFERENCES memories (id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        embedding vector(512) NOT NULL
      )`,
    `CREATE INDEX memory_vectors_hnsw ON memory_vectors USING hnsw (embedding vector_cosine_ops)`,
    `CREATE INDEX memory_vectors_tenant ON memory_vectors (tenant_id)`,
  ],
  down: [
    `DROP TABLE memory_vectors`,
    `ALTER TABLE memories DROP COLUMN search_tsv`,
  ],
});
