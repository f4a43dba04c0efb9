import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { CliError, ExitCode } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

/** What login saves: the gateway, the key, and the tenant the key acts for. */
export interface StoredConfig {
  baseUrl: string;
  apiKey: string;
  tenantId?: string;
}

/** What a command connects with, once flags, environment and the saved file are weighed. */
export interface Settings {
  baseUrl: string;
  apiKey?: string;
  tenantId?: string;
}

/** The flags that override everything else. */
export interface SettingFlags {
  baseUrl?: string;
  apiKey?: string;
  tenant?: string;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

/** `$XDG_CONFIG_HOME/heartbeat/config.json`, else `~/.config/heartbeat/config.json` (a relative XDG_CONFIG_HOME is ignored, as the spec says). */
export function configPath(env: Env = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'heartbeat', 'config.json');
}

/** The saved settings, or undefined when there is no file. */
export function readConfig(path: string): StoredConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parseJson(text);
  if (!isStoredConfig(parsed)) throw new CliError('CONFIG_INVALID', `${path} is not a saved login: run heartbeat login again`, ExitCode.Unauthenticated);
  return parsed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStoredConfig(value: unknown): value is StoredConfig {
  if (!value || typeof value !== 'object') return false;
  const { baseUrl, apiKey, tenantId } = value as Record<string, unknown>;
  return typeof baseUrl === 'string' && typeof apiKey === 'string' && (tenantId === undefined || typeof tenantId === 'string');
}

/**
 * Saves the settings readable by the user alone: the directory 700 and the file 600, both set
 * again when they already existed (and the file's mode set before the key is written into it).
 */
export function writeConfig(path: string, config: StoredConfig): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${JSON.stringify(config, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Deletes the saved settings; false when there were none. */
export function removeConfig(path: string): boolean {
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}

/**
 * Each setting from the flags, then HEROBRAIN_API_KEY / HEROBRAIN_BASE_URL / HEROBRAIN_TENANT_ID,
 * then the saved file, which is read only when the flags and environment leave something out. The
 * saved gateway and tenant go with the saved key only: a key given by flag or environment is never
 * sent to the gateway another key was saved for, and acts for its own tenant unless one is named.
 */
export function resolveSettings(flags: SettingFlags, env: Env, stored: () => StoredConfig | undefined): Settings {
  const baseUrl = set(flags.baseUrl) ?? set(env.HEROBRAIN_BASE_URL);
  const apiKey = set(flags.apiKey) ?? set(env.HEROBRAIN_API_KEY);
  const tenantId = set(flags.tenant) ?? set(env.HEROBRAIN_TENANT_ID);
  const saved = baseUrl === undefined || apiKey === undefined ? stored() : undefined;
  return {
    baseUrl: baseUrl ?? (apiKey === undefined ? saved?.baseUrl : undefined) ?? DEFAULT_BASE_URL,
    apiKey: apiKey ?? saved?.apiKey,
    tenantId: tenantId ?? (apiKey === undefined ? saved?.tenantId : undefined),
  };
}

/** An empty variable counts as unset. */
function set(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
