import { IsString, MinLength, ValidateIf } from 'class-validator';

/**
 * SECRETS_KEY, for the services that handle tenants' secrets (the gateway and the agent runtime,
 * which must share it): 32 characters or more, required in production; elsewhere it may be left
 * out, and the development key stands in (secretBoxFromEnv).
 */
export function SecretsKey(): PropertyDecorator {
  return (target, property) => {
    ValidateIf((env: { NODE_ENV?: string; SECRETS_KEY?: string }) => env.NODE_ENV === 'production' || env.SECRETS_KEY !== undefined)(target, property);
    IsString({ message: 'SECRETS_KEY is required in production' })(target, property);
    MinLength(32, { message: 'SECRETS_KEY must be at least 32 characters' })(target, property);
  };
}
