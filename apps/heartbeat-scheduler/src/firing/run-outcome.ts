import { RunErrors, type RunView } from '@hb/contracts';

/** How an execution ended, whether it ran (success, error) or not (skipped). */
export interface Outcome {
  status: 'success' | 'error' | 'skipped';
  response?: string | null;
  error?: { code: string; message: string } | null;
  durationMs?: number | null;
  tokens?: number | null;
  credits?: number | null;
  runId?: string | null;
}

export function skipped(code: string, message: string): Outcome {
  return { status: 'skipped', error: { code, message } };
}

/** An ended run as an outcome; its duration from the event when there is one. */
export function outcomeOfRun(run: RunView, durationMs?: number): Outcome {
  const usage = run.usage ?? { input_tokens: 0, output_tokens: 0, credits: 0 };
  return {
    status: run.status === 'completed' ? 'success' : 'error',
    response: run.response ?? null,
    error: run.error ?? null,
    durationMs: durationMs ?? (run.finished_at ? Date.parse(run.finished_at) - Date.parse(run.created_at) : null),
    tokens: usage.input_tokens + usage.output_tokens,
    credits: usage.credits,
    runId: run.run_id,
  };
}

/** Whether an outcome counts toward auto-pause: a failure of the heartbeat's own, not a cancel. */
export function countsAsFailure(outcome: Outcome): boolean {
  return outcome.status === 'error' && outcome.error?.code !== RunErrors.Cancelled && outcome.error?.code !== RunErrors.Interrupted;
}
