import { sqlMigration } from '@hb/platform';

export const CreateTenantsAndKeys1763900100000 = sqlMigration('CreateTenantsAndKeys1763900100000', {
  up: [
    `
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        name text NOT NULL,
        plan text NOT NULL,
        limit_overrides jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        agent_id text,
        name text NOT NULL,
        environment text NOT NULL,
        key_prefix text NOT NULL,
        key_hash text NOT NULL,
        scopes text[] NOT NULL,
        rate_limit jsonb NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    // Authentication finds a key by its hash alone; the index makes it one probe.
    `CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash)`,
    `CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC)`,
  ],
  down: [
    `DROP TABLE api_keys`,
    `DROP TABLE tenants`,
  ],
});
