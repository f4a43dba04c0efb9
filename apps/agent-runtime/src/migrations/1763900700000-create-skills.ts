import { sqlMigration } from '@hb/platform';

export const CreateSkills1763900700000 = sqlMigration('CreateSkills1763900700000', {
  up: [
    `
      CREATE TABLE skills (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        instructions text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`,
    `
      CREATE TABLE agent_skills (
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        skill_id text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
        attached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent_id, skill_id)
      )`,
  ],
  down: [
    `DROP TABLE agent_skills`,
    `DROP TABLE skills`,
  ],
});
