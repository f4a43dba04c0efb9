import { BaseEnv } from './base-env';
import { ConfigError, loadConfig } from './load-config';

class ServiceEnv extends BaseEnv {
  override PORT = 3003;
}

describe(loadConfig.name, () => {
  it('fills defaults when the environment is empty', () => {
    const sut = loadConfig(ServiceEnv, {});
    expect(sut.PORT).toBe(3003);
    expect(sut.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(sut.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('parses numbers and broker lists from strings', () => {
    const sut = loadConfig(ServiceEnv, { PORT: '4000', KAFKA_BROKERS: 'a:1, b:2' });
    expect(sut.PORT).toBe(4000);
    expect(sut.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(ServiceEnv, { PORT: '' }).PORT).toBe(3003);
  });

  it('names every bad variable', () => {
    const error = (() => {
      try {
        loadConfig(ServiceEnv, { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });
});
