import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLexemeDocuments1763900500000 implements MigrationInterface {
  name = 'AddLexemeDocuments1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // How many of a tenant's memories hold each of its frequent words, for choosing which query
    // words the full-text side looks up (see lexical-search.repository.ts); rare words are not kept, so the
    // table stays small.
    await queryRunner.query(`
      CREATE TABLE lexeme_documents (
        tenant_id text NOT NULL,
        lexeme text NOT NULL,
        documents integer NOT NULL,
        PRIMARY KEY (tenant_id, lexeme)
      )`);
    await queryRunner.query(`
      CREATE TABLE lexeme_documents_counted (
        tenant_id text PRIMARY KEY,
        memories integer NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lexeme_documents_counted`);
    await queryRunner.query(`DROP TABLE lexeme_documents`);
  }
}
