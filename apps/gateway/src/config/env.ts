import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseEnv, loadConfig } from '@hb/platform';

export class GatewayEnv extends BaseEnv {
  override PORT = 3000;

  /** How long the gateway waits for a service's reply before answering with a timeout. */
  @Type(() => Number) @IsInt() @Min(50) @Max(300_000)
  REQUEST_TIMEOUT_MS = 5000;
}

/** The one place this app reads process.env. */
export function loadEnv(): GatewayEnv {
  return loadConfig(GatewayEnv, process.env);
}
