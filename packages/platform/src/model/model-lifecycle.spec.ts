import { DEFAULT_MODEL, deprecationOf, sdkDeprecatedModels } from './model-lifecycle';
import { ModelEnv, modelProviderFor } from './model-provider';
import { loadConfig } from '../config/load-config';

describe(deprecationOf.name, () => {
  it("reads the installed SDK's own deprecation table", () => {
    expect(Object.keys(sdkDeprecatedModels()).length).toBeGreaterThan(0);
  });

  it('knows a model the SDK dropped once retired, and one past the end of life it lists', () => {
    expect(deprecationOf('claude-sonnet-4-5')).toEqual({ model: 'claude-sonnet-4-5', endOfLife: 'November 30th, 2026', retired: true });
    expect(deprecationOf('claude-opus-4-5', new Date('2026-12-01'))).toMatchObject({ retired: false });
    expect(deprecationOf('claude-opus-4-5', new Date('2027-02-01'))).toMatchObject({ retired: true });
  });

  it('finds nothing wrong with the default model or a model of another server', () => {
    expect(deprecationOf(DEFAULT_MODEL)).toBeNull();
    expect(deprecationOf('llama3.1:8b')).toBeNull();
  });

  it.each(['valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('reads %s as a model name, not a key of every object', (name) => {
    expect(deprecationOf(name)).toBeNull();
  });
});

/** A service's env as an app declares it: its own port on top of the model variables. */
class AModelEnv extends ModelEnv {
  override PORT = 3999;
}

describe(ModelEnv.name, () => {
  it('defaults to the current Sonnet', () => {
    expect(loadConfig(AModelEnv, {}).ANTHROPIC_MODEL).toBe('claude-sonnet-5-5');
  });

  it('refuses to start on a retired ANTHROPIC_MODEL, naming it and the model to use', () => {
    expect(() => loadConfig(AModelEnv, { ANTHROPIC_MODEL: 'claude-sonnet-4-5' })).toThrow(/ANTHROPIC_MODEL claude-sonnet-4-5 was retired.*use claude-sonnet-5-5/);
  });

  it('starts on a deprecated ANTHROPIC_MODEL and warns of it', () => {
    const env = loadConfig(AModelEnv, { ANTHROPIC_MODEL: 'claude-opus-4-5', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    const warnings: unknown[] = [];
    modelProviderFor(env, { logger: { warn: (line: unknown) => warnings.push(line), log: () => undefined, error: () => undefined } });
    expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringContaining('ANTHROPIC_MODEL claude-opus-4-5 is deprecated and retires on January 22nd, 2027') })]);
  });
});
