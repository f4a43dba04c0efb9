import type { LoggerService, Provider } from '@nestjs/common';
import { LOGGER, SERVICE_ENV } from '../bootstrap/tokens';
import { DEVELOPMENT_SECRETS_KEY, SecretBox } from './secret-box';

/**
 * The SecretBox of a service that handles tenants' secrets (MCP server headers: the gateway seals
 * them for Kafka, the agent runtime for its rows), under its SECRETS_KEY. Both services must share
 * it. A service's env requires it in production; elsewhere the development key stands in, with a
 * warning.
 */
export const secretBoxFromEnv: Provider = {
  provide: SecretBox,
  useFactory: (env: { SECRETS_KEY?: string }, logger: LoggerService) => {
    if (env.SECRETS_KEY) return new SecretBox(env.SECRETS_KEY);
    logger.warn({ msg: 'SECRETS_KEY is not set: MCP server headers are sealed with the development key; set SECRETS_KEY before storing real credentials' }, 'SecretBox');
    return new SecretBox(DEVELOPMENT_SECRETS_KEY);
  },
  inject: [SERVICE_ENV, LOGGER],
};
