import { sqlMigration } from '@hb/platform';

export const AddRunStream1763900900000 = sqlMigration('AddRunStream1763900900000', {
  up: [
    // Where a streamed run's output goes (RUN_STREAM_TOPIC, keyed by this id); null = not streamed.
    `ALTER TABLE runs ADD COLUMN stream_id text`,
  ],
  down: [
    `ALTER TABLE runs DROP COLUMN stream_id`,
  ],
});
