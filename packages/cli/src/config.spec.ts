import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './errors';
import { configPath, readConfig, removeConfig, resolveSettings, writeConfig, type StoredConfig } from './config';

describe('the config file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hb-cli-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' })).toBe('/x/cfg/heartbeat/config.json');
    expect(configPath({ HOME: '/home/u' })).toBe('/home/u/.config/heartbeat/config.json');
    expect(configPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.config/heartbeat/config.json');
  });

  it('is written readable by its owner alone, even over a file that was not', () => {
    const path = configPath({ XDG_CONFIG_HOME: dir });
    mkdirSync(dirname(path), { mode: 0o755 });
    writeFileSync(path, '{}', { mode: 0o644 });
    chmodSync(dirname(path), 0o755);
    const config: StoredConfig = { baseUrl: 'http://gw', apiKey: 'hb_prod_x', tenantId: 't1' };
    writeConfig(path, config);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(config);
    expect(readConfig(path)).toEqual(config);
  });

  it('is absent until written and after it is removed', () => {
    const path = configPath({ XDG_CONFIG_HOME: dir });
    expect(readConfig(path)).toBeUndefined();
    expect(removeConfig(path)).toBe(false);
    writeConfig(path, { baseUrl: 'http://gw', apiKey: 'k' });
    expect(removeConfig(path)).toBe(true);
    expect(readConfig(path)).toBeUndefined();
  });

  it('refuses a file that is not a saved login', () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, 'not json');
    expect(() => readConfig(path)).toThrow(CliError);
    writeFileSync(path, '{"apiKey": 3}');
    expect(() => readConfig(path)).toThrow(/run heartbeat login again/);
  });
});

describe('resolveSettings', () => {
  const stored: StoredConfig = { baseUrl: 'http://saved', apiKey: 'saved-key', tenantId: 'saved-tenant' };

  it('takes the flags, then the environment, then the saved file', () => {
    const env = { HEROBRAIN_API_KEY: 'env-key', HEROBRAIN_BASE_URL: 'http://env', HEROBRAIN_TENANT_ID: 'env-tenant' };
    expect(resolveSettings({ apiKey: 'flag-key', baseUrl: 'http://flag', tenant: 'flag-tenant' }, env, () => stored)).toEqual({
      apiKey: 'flag-key',
      baseUrl: 'http://flag',
      tenantId: 'flag-tenant',
    });
    expect(resolveSettings({}, env, () => stored)).toEqual({ apiKey: 'env-key', baseUrl: 'http://env', tenantId: 'env-tenant' });
    expect(resolveSettings({}, {}, () => stored)).toEqual({ apiKey: 'saved-key', baseUrl: 'http://saved', tenantId: 'saved-tenant' });
    expect(resolveSettings({}, { HEROBRAIN_API_KEY: '' }, () => undefined)).toEqual({ baseUrl: 'http://127.0.0.1:3000' });
  });

  it('keeps the saved gateway and tenant with the saved key: another key goes to the gateway named with it, for its own tenant', () => {
    expect(resolveSettings({ apiKey: 'other' }, {}, () => stored)).toEqual({ apiKey: 'other', baseUrl: 'http://127.0.0.1:3000', tenantId: undefined });
    expect(resolveSettings({ apiKey: 'other', baseUrl: 'http://there' }, {}, () => stored)).toEqual({ apiKey: 'other', baseUrl: 'http://there', tenantId: undefined });
  });

  it('reads the file only when the flags and environment leave something out', () => {
    const read = jest.fn(() => stored);
    resolveSettings({ apiKey: 'k', baseUrl: 'http://flag' }, {}, read);
    expect(read).not.toHaveBeenCalled();
  });
});
