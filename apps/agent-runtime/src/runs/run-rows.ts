import type { MemoryQuota, RunStatus, RunView } from '@hb/contracts';

export interface RunRow {
  id: string;
  tenant_id: string;
  agent_id: string;
  conversation_id: string;
  status: RunStatus;
  trigger: 'api' | 'heartbeat';
  message: string;
  memory_quota: MemoryQuota;
  idempotency_key: string | null;
  stream_id: string | null;
  response: string | null;
  error: { code: string; message: string } | null;
  input_tokens: number;
  output_tokens: number;
  credits: number;
  created_at: Date;
  started_at: Date | null;
  deadline_at: Date | null;
  finished_at: Date | null;
}

export function runView(row: RunRow): RunView {
  return {
    run_id: row.id,
    status: row.status,
    conversation_id: row.conversation_id,
    ...(row.response !== null ? { response: row.response } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(row.status === 'completed' || row.status === 'failed'
      ? { usage: { input_tokens: row.input_tokens, output_tokens: row.output_tokens, credits: row.credits } }
      : {}),
    created_at: row.created_at.toISOString(),
    ...(row.finished_at ? { finished_at: row.finished_at.toISOString() } : {}),
  };
}

export class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
