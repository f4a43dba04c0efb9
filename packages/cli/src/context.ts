import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { HeroBrain } from '@hb/sdk';
import { configPath, readConfig, resolveSettings, type Env, type SettingFlags, type Settings } from './config';
import { CliError, ExitCode, usageError } from './errors';
import { Output } from './output';

/** The flags every command takes. */
export interface GlobalOptions extends SettingFlags {
  json?: boolean;
}

/** What a command runs with: its settings, a client made from them, and where to write. */
export class Context {
  readonly output: Output;
  readonly configPath: string;
  private resolved?: Settings;

  constructor(
    private readonly flags: GlobalOptions,
    private readonly env: Env = process.env,
  ) {
    this.output = new Output(Boolean(flags.json));
    this.configPath = configPath(env);
  }

  /** The context of the command an action belongs to, with the global flags wherever they were given. */
  static of(command: Command): Context {
    return new Context(command.optsWithGlobals<GlobalOptions>());
  }

  get settings(): Settings {
    return (this.resolved ??= resolveSettings(
      { ...this.flags, apiKey: this.flags.apiKey === '-' ? keyFromStdin() : this.flags.apiKey },
      this.env,
      () => readConfig(this.configPath),
    ));
  }

  client(tenantId = this.settings.tenantId): HeroBrain {
    const { baseUrl, apiKey } = this.settings;
    if (!apiKey) {
      throw new CliError('NOT_AUTHENTICATED', 'No API key: run heartbeat login, pass --api-key, or set HEROBRAIN_API_KEY', ExitCode.Unauthenticated);
    }
    return new HeroBrain({ baseUrl, apiKey, tenantId });
  }

  /**
   * A client that names its tenant, as the Heartbeat API needs in every call: the one configured,
   * else the key's own (asked of whoami).
   */
  async tenantClient(): Promise<HeroBrain> {
    const client = this.client();
    if (client.tenantId) return client;
    const { tenantId } = await client.whoami();
    if (!tenantId) throw usageError('The admin key needs to be told which tenant to act for: add --tenant', 'tenant');
    return this.client(tenantId);
  }
}

/** `--api-key -`: the key is what stdin holds, without its line end. */
function keyFromStdin(): string {
  const key = readFileSync(0, 'utf8').trim();
  if (!key) throw usageError('--api-key - found no key on stdin', 'api-key');
  return key;
}
