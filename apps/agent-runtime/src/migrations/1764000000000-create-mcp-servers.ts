import { sqlMigration } from '@hb/platform';

export const CreateMcpServers1764000000000 = sqlMigration('CreateMcpServers1764000000000', {
  up: [
    `
      CREATE TABLE agent_mcp_servers (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        name text NOT NULL,
        url text NOT NULL,
        header_names text[] NOT NULL DEFAULT '{}',
        -- The header values as one JSON object, sealed (AES-256-GCM, bound to the row's id); null without headers.
        headers_sealed text,
        timeout_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agent_id, name)
      )`,
  ],
  down: [`DROP TABLE agent_mcp_servers`],
});
