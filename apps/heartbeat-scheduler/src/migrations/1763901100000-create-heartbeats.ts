import { sqlMigration } from '@hb/platform';

export const CreateHeartbeats1763901100000 = sqlMigration('CreateHeartbeats1763901100000', {
  up: [
    `
      CREATE TABLE heartbeats (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        bot_id text NOT NULL,
        member_id text,
        prompt text NOT NULL,
        interval_minutes integer,
        cron_pattern text,
        timezone text NOT NULL,
        active_hours_start text,
        active_hours_end text,
        active_days text,
        enabled boolean NOT NULL,
        credit_budget double precision,
        -- Credits charged in credits_period (YYYY-MM, UTC); a new month starts again from zero.
        credits_used integer NOT NULL DEFAULT 0,
        credits_period text NOT NULL,
        execution_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        consecutive_errors integer NOT NULL DEFAULT 0,
        max_consecutive_errors integer NOT NULL,
        last_status text,
        last_run_at timestamptz,
        paused_reason text,
        -- The plan's memory caps for the runs' remember tool, as of the last configure or enable.
        memory_quota jsonb NOT NULL,
        -- An interval's fires fall on anchor_at + k * interval.
        anchor_at timestamptz NOT NULL,
        -- The next occurrence not yet claimed; null while disabled.
        next_fire_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX heartbeats_due ON heartbeats (next_fire_at) WHERE next_fire_at IS NOT NULL`,
    `CREATE INDEX heartbeats_bot ON heartbeats (tenant_id, bot_id, created_at)`,
    // One row per occurrence, run or skipped: the execution log. It outlives its heartbeat.
    `
      CREATE TABLE executions (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        bot_id text NOT NULL,
        heartbeat_id text,
        member_id text,
        type text NOT NULL,
        status text NOT NULL,
        prompt text NOT NULL,
        memory_quota jsonb NOT NULL,
        scheduled_for timestamptz NOT NULL,
        -- Handed to the queue at; an occurrence queued long ago and not fired is handed again.
        enqueued_at timestamptz,
        fired_at timestamptz,
        run_id text,
        response text,
        error jsonb,
        duration_ms integer,
        tokens_used integer,
        credits_charged integer,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    // The occurrence id: two replicas claiming the same occurrence make one row.
    `CREATE UNIQUE INDEX executions_occurrence ON executions (heartbeat_id, scheduled_for) WHERE type = 'heartbeat'`,
    `CREATE INDEX executions_queued ON executions (scheduled_for) WHERE status = 'queued'`,
    `CREATE INDEX executions_running ON executions (heartbeat_id) WHERE status = 'running'`,
    `CREATE INDEX executions_bot ON executions (tenant_id, bot_id, scheduled_for DESC)`,
  ],
  down: [
    `DROP TABLE executions`,
    `DROP TABLE heartbeats`,
  ],
});
