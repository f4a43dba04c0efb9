import { AgentEventTypes, RunErrors, Topics, type AgentRunEventPayload } from '@hb/contracts';
import type { PendingEvent } from '@hb/platform';
import type { Turn } from './messages.repository';
import { runView, type RunRow } from './run-rows';

/**
 * A conversation's stored turns as the model's history: consecutive turns of one role merged
 * (a failed or interrupted run leaves a user turn with no answer), starting with the user, empty
 * answers (an interrupted run that wrote nothing) left out. It may end with a user turn left
 * unanswered: the new message joins it (see AgentTurn), so the model reads what it refers to.
 */
export function historyOf(turns: Turn[]): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    if (turn.role === 'assistant' && !turn.content) continue;
    const last = merged.at(-1);
    if (last?.role === turn.role) last.content += `\n\n${turn.content}`;
    else merged.push({ ...turn });
  }
  while (merged[0]?.role === 'assistant') merged.shift();
  return merged;
}

/** Credits a run costs: its tokens, in and out, per credit, rounded up. */
export function creditsFor(inputTokens: number, outputTokens: number, tokensPerCredit: number): number {
  return Math.ceil((inputTokens + outputTokens) / tokensPerCredit);
}

/** The event an ended run publishes: run.completed or run.failed, keyed by its conversation. */
export function runEndedEvent(row: RunRow): PendingEvent<AgentRunEventPayload> {
  return {
    topic: Topics.AgentEvents,
    aggregateId: row.conversation_id,
    tenantId: row.tenant_id,
    type: row.status === 'completed' ? AgentEventTypes.RunCompleted : AgentEventTypes.RunFailed,
    payload: {
      ...runView(row),
      agent_id: row.agent_id,
      tenant_id: row.tenant_id,
      trigger: row.trigger,
      duration_ms: row.started_at && row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : 0,
      idempotency_key: row.idempotency_key,
    },
  };
}

export type StopReason = 'cancel' | 'interrupt';

/** The error of a run someone stopped: a cancel, or a newer invoke interrupting it (ifBusy: interrupt). */
export function stoppedBy(why: StopReason): { code: string; message: string } {
  return why === 'cancel'
    ? { code: RunErrors.Cancelled, message: 'the run was cancelled' }
    : { code: RunErrors.Interrupted, message: 'a newer message on the conversation interrupted the run' };
}

/** The error of a run whose worker died: its deadline long past, another replica fails it. */
export const OVERDUE = { code: RunErrors.Timeout, message: 'the run did not finish before its timeout' };
