import type { RunView } from '../commands/agent.commands';

/** Events the agent runtime publishes on Topics.AgentEvents, for webhooks and the scheduler. */
export const AgentEventTypes = {
  RunCompleted: 'agent.run.completed',
  RunFailed: 'agent.run.failed',
} as const;

export interface AgentRunEventPayload extends RunView {
  agent_id: string;
  tenant_id: string;
  trigger: 'api' | 'heartbeat';
  duration_ms: number;
  /** The invoke's idempotency key: the scheduler's log id for a heartbeat run. */
  idempotency_key: string | null;
}
