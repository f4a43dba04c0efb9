import Anthropic from '@anthropic-ai/sdk';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';
import { BaseEnv } from '../config/base-env';
import type { LoggerService, Provider } from '@nestjs/common';
import { LOGGER, SERVICE_ENV } from '../bootstrap/tokens';
import { DEFAULT_MODEL, IsCurrentModel, deprecationMessage, deprecationOf } from './model-lifecycle';

/** The variables of a service that calls a model: Anthropic, or any server speaking its API. */
export class ModelEnv extends BaseEnv {
  @IsOptional() @IsString()
  ANTHROPIC_API_KEY?: string;

  /** Any Anthropic-compatible server (a local Ollama, a proxy); the SDK's default otherwise. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'ANTHROPIC_BASE_URL must be an http(s) URL' })
  ANTHROPIC_BASE_URL?: string;

  /** Refused at boot once retired (every run would fail); a deprecated one is warned of at boot. */
  @IsString() @IsCurrentModel({ allowDeprecated: true })
  ANTHROPIC_MODEL = DEFAULT_MODEL;

  /** Deadline of one model call. */
  @Type(() => Number) @IsInt() @Min(100)
  MODEL_TIMEOUT_MS = 120_000;
}

/** A configured model: the real SDK client and the model it asks for. */
export interface ModelProvider {
  client: Anthropic;
  model: string;
}

export const MODEL_PROVIDER = Symbol('MODEL_PROVIDER');

export const MODEL_NOT_CONFIGURED =
  'no model is configured: set ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL for any Anthropic-compatible server such as a local Ollama';

/**
 * The model the environment configures, or null when none is: a key, a base URL, or both. A local
 * Anthropic-compatible server needs no key; the SDK still sends one, so a placeholder goes.
 */
export function modelProviderFor(env: ModelEnv, options: { maxRetries?: number; logger?: LoggerService } = {}): ModelProvider | null {
  if (!env.ANTHROPIC_API_KEY && !env.ANTHROPIC_BASE_URL) return null;
  const deprecation = deprecationOf(env.ANTHROPIC_MODEL);
  if (deprecation) options.logger?.warn({ msg: deprecationMessage(deprecation, 'ANTHROPIC_MODEL'), endOfLife: deprecation.endOfLife }, 'Model');
  const client = new Anthropic({
    apiKey: env.ANTHROPIC_API_KEY ?? 'not-needed',
    baseURL: env.ANTHROPIC_BASE_URL,
    timeout: env.MODEL_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? 2,
  });
  return { client, model: env.ANTHROPIC_MODEL };
}

/** MODEL_PROVIDER as the service's env configures it: null when it names no model. */
export const modelProviderFromEnv: Provider = {
  provide: MODEL_PROVIDER,
  useFactory: (env: ModelEnv, logger: LoggerService) => modelProviderFor(env, { logger }),
  inject: [SERVICE_ENV, LOGGER],
};
