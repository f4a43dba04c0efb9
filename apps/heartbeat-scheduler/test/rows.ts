import { periodOf, type ExecutionRow, type HeartbeatRow } from '../src/heartbeats/heartbeat-rows';

/** Rows as the repositories return them, for unit tests that fake the repositories. */
export function aHeartbeat(overrides: Partial<HeartbeatRow> = {}): HeartbeatRow {
  return {
    id: 'hb_1',
    tenant_id: 'tenant_1',
    bot_id: 'agt_1',
    member_id: null,
    prompt: 'Check the inbox',
    enabled: true,
    credit_budget: null,
    credits_used: 0,
    credits_period: periodOf(new Date()),
    execution_count: 0,
    error_count: 0,
    consecutive_errors: 0,
    max_consecutive_errors: 5,
    last_status: null,
    last_run_at: null,
    paused_reason: null,
    memory_quota: { memories: null, storageBytes: null },
    anchor_at: new Date(),
    next_fire_at: new Date(),
    created_at: new Date(),
    updated_at: new Date(),
    interval_minutes: 60,
    cron_pattern: null,
    timezone: 'UTC',
    active_hours_start: null,
    active_hours_end: null,
    active_days: null,
    ...overrides,
  };
}

export function anExecution(overrides: Partial<ExecutionRow> = {}): ExecutionRow {
  return {
    id: 'log_1',
    tenant_id: 'tenant_1',
    bot_id: 'agt_1',
    heartbeat_id: 'hb_1',
    member_id: null,
    type: 'heartbeat',
    status: 'queued',
    prompt: 'Check the inbox',
    memory_quota: { memories: null, storageBytes: null },
    scheduled_for: new Date(),
    enqueued_at: new Date(),
    fired_at: null,
    run_id: null,
    response: null,
    error: null,
    duration_ms: null,
    tokens_used: null,
    credits_charged: null,
    finished_at: null,
    created_at: new Date(),
    ...overrides,
  };
}
