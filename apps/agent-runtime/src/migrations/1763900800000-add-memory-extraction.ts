import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMemoryExtraction1763900800000 implements MigrationInterface {
  name = 'AddMemoryExtraction1763900800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // When the memories of a completed run were extracted (claimed); null = still to do.
    await queryRunner.query(`ALTER TABLE runs ADD COLUMN memories_extracted_at timestamptz`);
    await queryRunner.query(`CREATE INDEX runs_extraction_pending ON runs (finished_at) WHERE status = 'completed' AND memories_extracted_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE runs DROP COLUMN memories_extracted_at`);
  }
}
