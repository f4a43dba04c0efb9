import { sqlMigration } from '@hb/platform';

export const AddMemoryExtraction1763900800000 = sqlMigration('AddMemoryExtraction1763900800000', {
  up: [
    // When the memories of a completed run were extracted (claimed); null = still to do.
    `ALTER TABLE runs ADD COLUMN memories_extracted_at timestamptz`,
    `CREATE INDEX runs_extraction_pending ON runs (finished_at) WHERE status = 'completed' AND memories_extracted_at IS NULL`,
  ],
  down: [
    `ALTER TABLE runs DROP COLUMN memories_extracted_at`,
  ],
});
