import { BaseEnv, loadConfig } from '@hb/platform';

export class WebhookDispatcherEnv extends BaseEnv {
  override PORT = 3004;
}

/** The one place this app reads process.env. */
export function loadEnv(): WebhookDispatcherEnv {
  return loadConfig(WebhookDispatcherEnv, process.env);
}
