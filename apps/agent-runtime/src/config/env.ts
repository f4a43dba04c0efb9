import { BaseEnv, loadConfig } from '@hb/platform';

export class AgentRuntimeEnv extends BaseEnv {
  override PORT = 3001;
}

/** The one place this app reads process.env. */
export function loadEnv(): AgentRuntimeEnv {
  return loadConfig(AgentRuntimeEnv, process.env);
}
