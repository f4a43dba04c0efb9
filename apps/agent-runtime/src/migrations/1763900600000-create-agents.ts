import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgents1763900600000 implements MigrationInterface {
  name = 'CreateAgents1763900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
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
      )`);
    await queryRunner.query(`CREATE INDEX agents_tenant_created ON agents (tenant_id, created_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE conversations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX conversations_agent_updated ON conversations (agent_id, updated_at DESC, id)`);
    await queryRunner.query(`
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
      )`);
    // A retried invoke finds its first run; one conversation runs one turn at a time.
    await queryRunner.query(`CREATE UNIQUE INDEX runs_idempotency ON runs (agent_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX runs_one_running_per_conversation ON runs (conversation_id) WHERE status = 'running'`);
    await queryRunner.query(`CREATE INDEX runs_pending ON runs (created_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX runs_conversation_created ON runs (conversation_id, created_at DESC)`);
    await queryRunner.query(`
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
      )`);
    await queryRunner.query(`CREATE INDEX messages_conversation ON messages (conversation_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messages`);
    await queryRunner.query(`DROP TABLE runs`);
    await queryRunner.query(`DROP TABLE conversations`);
    await queryRunner.query(`DROP TABLE agents`);
  }
}
