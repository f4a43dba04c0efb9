import type { HeartbeatLogView } from '../commands/heartbeat.commands';

/** Events the heartbeat scheduler publishes on Topics.HeartbeatEvents, for webhooks. */
export const HeartbeatEventTypes = {
  RunCompleted: 'heartbeat.run.completed',
  RunFailed: 'heartbeat.run.failed',
  /** A due run that did not run, and why: an alert for what would otherwise pass in silence. */
  RunSkipped: 'heartbeat.run.skipped',
  Paused: 'heartbeat.paused',
} as const;

export interface HeartbeatRunEventPayload {
  project_id: string;
  bot_id: string;
  log: HeartbeatLogView;
}

export interface HeartbeatPausedEventPayload {
  project_id: string;
  bot_id: string;
  heartbeat_id: string;
  reason: string;
  consecutive_errors: number;
}
