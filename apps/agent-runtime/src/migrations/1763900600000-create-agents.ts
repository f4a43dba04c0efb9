import { sqlMigration } from '@hb/platform';

export const CreateAgents1763900600000 = sqlMigration('CreateAgents1763900600000', {
  up: [
    `
      CREATE TABLE agents (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        instructions text NOT NULL DEFAULT '',
        model text,
        max_tokens integer NOT NULL,
        tools_enabled boolean NOT NULL DEFAULT true,
        heartbeat boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX agents_tenant_created ON agents (tenant_id, created_at DESC, id)`,
    `
      CREATE TABLE conversations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX conversations_agent_updated ON conversations (agent_id, updated_at DESC, id)`,
    `
      CREATE TABLE runs (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        status text NOT NULL,
        trigger text NOT NULL,
        message text NOT NULL,
        memory_quota jsonb NOT NULL,
        idempotency_key text,
        response text,
        error jsonb,
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        credits integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        deadline_at timestamptz,
        finished_at timestamptz
      )`,
    // A retried invoke finds its first run; one conversation runs one turn at a time.
    `CREATE UNIQUE INDEX runs_idempotency ON runs (agent_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    `CREATE UNIQUE INDEX runs_one_running_per_conversation ON runs (conversation_id) WHERE status = 'running'`,
    `CREATE INDEX runs_pending ON runs (created_at) WHERE status = 'pending'`,
    `CREATE INDEX runs_conversation_created ON runs (conversation_id, created_at DESC)`,
    `
      CREATE TABLE messages (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        run_id text NOT NULL,
        role text NOT NULL,
        content text NOT NULL,
        blocks jsonb NOT NULL,
        tool_calls jsonb NOT NULL DEFAULT '[]',
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX messages_conversation ON messages (conversation_id, seq)`,
  ],
  down: [
    `DROP TABLE messages`,
    `DROP TABLE runs`,
    `DROP TABLE conversations`,
    `DROP TABLE agents`,
  ],
});
