import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRunStream1763900900000 implements MigrationInterface {
  name = 'AddRunStream1763900900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Where a streamed run's output goes (RUN_STREAM_TOPIC, keyed by this id); null = not streamed.
    await queryRunner.query(`ALTER TABLE runs ADD COLUMN stream_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE runs DROP COLUMN stream_id`);
  }
}
