import { ConfigError } from '@hb/platform';
import { WebhookDispatcherEnv } from './env';
import { loadConfig } from '@hb/platform';

describe(WebhookDispatcherEnv.name, () => {
  it('reads the retry schedule and the allowlist as lists', () => {
    const env = loadConfig(WebhookDispatcherEnv, { WEBHOOK_RETRY_SCHEDULE: '0, 0.3,5', WEBHOOK_ALLOWED_HOSTS: 'localhost, 127.0.0.1:8080' });
    expect(env.WEBHOOK_RETRY_SCHEDULE).toEqual([0, 0.3, 5]);
    expect(env.WEBHOOK_ALLOWED_HOSTS).toEqual(['localhost', '127.0.0.1:8080']);
    expect(loadConfig(WebhookDispatcherEnv, {}).WEBHOOK_RETRY_SCHEDULE).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  it('refuses a schedule that is not seconds, naming it', () => {
    expect(() => loadConfig(WebhookDispatcherEnv, { WEBHOOK_RETRY_SCHEDULE: '0,soon' })).toThrow(ConfigError);
    expect(() => loadConfig(WebhookDispatcherEnv, { WEBHOOK_RETRY_SCHEDULE: '0,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });
});
