import { sqlMigration } from '@hb/platform';

export const AddLexemeDocuments1763900500000 = sqlMigration('AddLexemeDocuments1763900500000', {
  up: [
    // How many of a tenant's memories hold each of its frequent words, for choosing which query
    // words the full-text side looks up (see lexical-search.repository.ts); rare words are not kept, so the
    // table stays small.
    `
      CREATE TABLE lexeme_documents (
        tenant_id text NOT NULL,
        lexeme text NOT NULL,
        documents integer NOT NULL,
        PRIMARY KEY (tenant_id, lexeme)
      )`,
    `
      CREATE TABLE lexeme_documents_counted (
        tenant_id text PRIMARY KEY,
        memories integer NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`,
  ],
  down: [
    `DROP TABLE lexeme_documents_counted`,
    `DROP TABLE lexeme_documents`,
  ],
});
