import type { LoggerService, Provider } from '@nestjs/common';
import { DEVELOPMENT_SECRETS_KEY, LOGGER, SERVICE_ENV, SecretBox } from '@hb/platform';
import type { AgentRuntimeEnv } from '../config/env';

/** Seals what the runtime keeps of tenants' secrets (MCP server headers) with SECRETS_KEY. */
export const secretBoxFromEnv: Provider = {
  provide: SecretBox,
  useFactory: (env: AgentRuntimeEnv, logger: LoggerService) => {
    if (env.SECRETS_KEY) return new SecretBox(env.SECRETS_KEY);
    // Production cannot get here: the env refuses to load without SECRETS_KEY.
    logger.warn({ msg: 'SECRETS_KEY is not set: MCP server headers are sealed with the development key; set SECRETS_KEY before storing real credentials' }, 'SecretBox');
    return new SecretBox(DEVELOPMENT_SECRETS_KEY);
  },
  inject: [SERVICE_ENV, LOGGER],
};
