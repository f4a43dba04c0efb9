import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsNumber, IsString, Max, Min } from 'class-validator';
import { BaseEnv, commaList, loadConfig } from '@hb/platform';

export class WebhookDispatcherEnv extends BaseEnv {
  override PORT = 3004;

  /**
   * Hosts (names or IP addresses, optionally :port) that webhooks, and agents' MCP servers, may
   * reach although they are local or private, and over plain http: for development and tests.
   * Empty in production.
   */
  @Transform(commaList) @IsString({ each: true })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];

  /** Seconds before each attempt, the first immediate: the Svix schedule. */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => Number(v.trim())) : value))
  @ArrayMinSize(1)
  @IsNumber({ allowNaN: false }, { each: true, message: 'WEBHOOK_RETRY_SCHEDULE must be a comma-separated list of seconds' })
  @Min(0, { each: true })
  WEBHOOK_RETRY_SCHEDULE: number[] = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

  /** Deadline of one attempt. */
  @Type(() => Number) @IsInt() @Min(100)
  WEBHOOK_TIMEOUT_MS = 15_000;

  /** An endpoint failing without a success for this long is disabled. */
  @Type(() => Number) @IsInt() @Min(1000)
  WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

  /** Attempts one replica makes at once, and at once to any one endpoint. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1024)
  WEBHOOK_CONCURRENCY = 64;

  @Type(() => Number) @IsInt() @Min(1) @Max(64)
  WEBHOOK_ENDPOINT_CONCURRENCY = 8;

  @IsString()
  WEBHOOK_USER_AGENT = 'heartbeat-platform-webhooks/1';
}

/** The one place this app reads process.env. */
export function loadEnv(): WebhookDispatcherEnv {
  return loadConfig(WebhookDispatcherEnv, process.env);
}
