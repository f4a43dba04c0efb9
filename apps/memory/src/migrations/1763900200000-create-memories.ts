import { sqlMigration } from '@hb/platform';

export const CreateMemories1763900200000 = sqlMigration('CreateMemories1763900200000', {
  up: [
    `
      CREATE TABLE memories (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text,
        content text NOT NULL,
        type text NOT NULL,
        importance real NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        size_bytes integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    // Listing is always within one tenant, by one of the spec's three sort fields.
    `CREATE INDEX memories_tenant_created ON memories (tenant_id, created_at DESC, id)`,
    `CREATE INDEX memories_tenant_updated ON memories (tenant_id, updated_at DESC, id)`,
    `CREATE INDEX memories_tenant_importance ON memories (tenant_id, importance DESC, id)`,
    `CREATE INDEX memories_tenant_agent ON memories (tenant_id, agent_id, created_at DESC) WHERE agent_id IS NOT NULL`,
    `CREATE INDEX memories_tags ON memories USING gin (tags)`,
    `
      CREATE TABLE tenant_usage (
        tenant_id text PRIMARY KEY,
        memories integer NOT NULL DEFAULT 0,
        storage_bytes bigint NOT NULL DEFAULT 0
      )`,
  ],
  down: [
    `DROP TABLE tenant_usage`,
    `DROP TABLE memories`,
  ],
});
