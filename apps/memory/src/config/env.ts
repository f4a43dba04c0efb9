import { BaseEnv, loadConfig } from '@hb/platform';

export class MemoryEnv extends BaseEnv {
  override PORT = 3003;
}

/** The one place this app reads process.env. */
export function loadEnv(): MemoryEnv {
  return loadConfig(MemoryEnv, process.env);
}
