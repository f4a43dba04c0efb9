import { ConfigError, loadConfig } from '@hb/platform';
import { AgentRuntimeEnv } from './env';

describe(AgentRuntimeEnv.name, () => {
  it('refuses to start in production without SECRETS_KEY, or with a short one', () => {
    expect(() => loadConfig(AgentRuntimeEnv, { NODE_ENV: 'production' })).toThrow(/SECRETS_KEY is required in production/);
    expect(() => loadConfig(AgentRuntimeEnv, { NODE_ENV: 'production', SECRETS_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig(AgentRuntimeEnv, { NODE_ENV: 'development', SECRETS_KEY: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig(AgentRuntimeEnv, { NODE_ENV: 'production', SECRETS_KEY: 'k'.repeat(32) }).SECRETS_KEY).toBe('k'.repeat(32));
  });

  it('leaves SECRETS_KEY to the development key outside production, and reads the outbound allowlist', () => {
    const env = loadConfig(AgentRuntimeEnv, { WEBHOOK_ALLOWED_HOSTS: 'localhost, 127.0.0.1:8080' });
    expect(env.SECRETS_KEY).toBeUndefined();
    expect(env.WEBHOOK_ALLOWED_HOSTS).toEqual(['localhost', '127.0.0.1:8080']);
  });
});
