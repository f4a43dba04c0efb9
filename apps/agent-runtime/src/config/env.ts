import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';
import { ModelEnv, SecretsKey, commaList, loadConfig } from '@hb/platform';

/** Without ANTHROPIC_API_KEY or ANTHROPIC_BASE_URL the runtime starts and runs fail with model_not_configured. */
export class AgentRuntimeEnv extends ModelEnv {
  override PORT = 3001;

  /** Longest a run may take, model calls and tools included; past it the run fails with run_timeout. */
  @Type(() => Number) @IsInt() @Min(100)
  RUN_TIMEOUT_MS = 120_000;

  /** Runs one replica executes at once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(256)
  RUN_CONCURRENCY = 16;

  /** Model turns a run may take (each tool round is one); bounds the tool loop. */
  @Type(() => Number) @IsInt() @Min(1) @Max(50)
  MAX_TOOL_ROUNDS = 8;

  /**
   * After a completed run of an agent with tools, the exchange's durable facts, preferences,
   * decisions and procedures are stored as its memories (one more model call per run).
   */
  @Transform(({ value }) => (typeof value === 'string' ? value === 'true' : value)) @IsBoolean()
  AUTO_MEMORY = true;

  /** Credits charged per run: ceil(tokens / TOKENS_PER_CREDIT). */
  @Type(() => Number) @IsInt() @Min(1)
  TOKENS_PER_CREDIT = 1000;

  /** The key the header values of agents' MCP servers are sealed with, at rest and from the gateway. */
  @SecretsKey()
  SECRETS_KEY?: string;

  /**
   * Hosts (names or IP addresses, optionally :port) agents' MCP servers may be reached at although
   * they are local or private, and over plain http: the webhook dispatcher's list, for
   * development and tests. Empty in production.
   */
  @Transform(commaList) @IsString({ each: true })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];
}

/** The one place this app reads process.env. */
export function loadEnv(): AgentRuntimeEnv {
  return loadConfig(AgentRuntimeEnv, process.env);
}
