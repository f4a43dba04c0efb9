import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSearchIndexes1763900300000 implements MigrationInterface {
  name = 'AddSearchIndexes1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Lexical side of hybrid search: English stems, kept by Postgres itself.
    await queryRunner.query(
      `ALTER TABLE memories ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED`,
    );
    await queryRunner.query(`CREATE INDEX memories_search_tsv ON memories USING gin (search_tsv)`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS vector`);
    await queryRunner.query(`
      CREATE TABLE memory_vectors (
        memory_id text PRIMARY KEY REFERENCES memories (id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        embedding vector(512) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX memory_vectors_hnsw ON memory_vectors USING hnsw (embedding vector_cosine_ops)`);
    await queryRunner.query(`CREATE INDEX memory_vectors_tenant ON memory_vectors (tenant_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE memory_vectors`);
    await queryRunner.query(`ALTER TABLE memories DROP COLUMN search_tsv`);
  }
}
