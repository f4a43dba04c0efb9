import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BaseEnv, loadConfig } from '@hb/platform';

export class GatewayEnv extends BaseEnv {
  override PORT = 3000;

  /** How long the gateway waits for a service's reply before answering with a timeout. */
  @Type(() => Number) @IsInt() @Min(50) @Max(300_000)
  REQUEST_TIMEOUT_MS = 5000;

  /** The bootstrap key with every right, for the first steps of a fresh install. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{24,}$/, { message: 'HB_ADMIN_KEY must be at least 24 letters, digits or _' })
  HB_ADMIN_KEY?: string;
}

/** The one place this app reads process.env. */
export function loadEnv(): GatewayEnv {
  return loadConfig(GatewayEnv, process.env);
}
