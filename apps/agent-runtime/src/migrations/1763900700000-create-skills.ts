import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSkills1763900700000 implements MigrationInterface {
  name = 'CreateSkills1763900700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE skills (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        instructions text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE agent_skills (
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        skill_id text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
        attached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent_id, skill_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agent_skills`);
    await queryRunner.query(`DROP TABLE skills`);
  }
}
