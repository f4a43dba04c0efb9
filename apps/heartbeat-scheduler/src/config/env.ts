import { BaseEnv, loadConfig } from '@hb/platform';

export class HeartbeatSchedulerEnv extends BaseEnv {
  override PORT = 3002;
}

/** The one place this app reads process.env. */
export function loadEnv(): HeartbeatSchedulerEnv {
  return loadConfig(HeartbeatSchedulerEnv, process.env);
}
