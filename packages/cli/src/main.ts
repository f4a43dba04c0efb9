#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAgents } from './commands/agents';
import { registerHeartbeats } from './commands/heartbeats';
import { registerKeys } from './commands/keys';
import { registerLogin } from './commands/login';
import { registerMemories } from './commands/memories';
import { registerTenants } from './commands/tenants';
import { registerWebhooks } from './commands/webhooks';
import { DEFAULT_BASE_URL } from './config';
import { ExitCode, failureOf } from './errors';
import { formatError } from './output';

const ABOUT = `
Settings come from the flags, then HEROBRAIN_API_KEY, HEROBRAIN_BASE_URL and HEROBRAIN_TENANT_ID,
then what "heartbeat login" saved ($XDG_CONFIG_HOME/heartbeat/config.json).

Exit codes:
  ${ExitCode.Ok}  success
  ${ExitCode.Refused}  the API refused the request (a 4xx not listed below), or a run failed
  ${ExitCode.Usage}  usage error: an unknown command, flag or argument
  ${ExitCode.Unauthenticated}  not authenticated or not allowed: no key configured, 401, 403
  ${ExitCode.NotFound}  not found (404)
  ${ExitCode.Unavailable}  the platform is unreachable or failing: no connection, a timeout, 5xx
  ${ExitCode.Partial}  partial failure: an import with lines that failed`;

/** The commands; settings given here (exit override, output, help) pass to every command made after them. */
function program(): Command {
  const root = new Command('heartbeat')
    .description('Operate the platform from the command line: memories, agents, heartbeats, webhooks, API keys and tenants.')
    .version(version())
    .option('--base-url <url>', `the gateway (default ${DEFAULT_BASE_URL})`)
    .option('--api-key <key>', 'the API key ("-" reads it from stdin)')
    .option('--tenant <id>', 'the tenant to act for (the admin key needs it)')
    .option('--json', 'print the raw result as JSON, for scripts')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'error: USAGE: ')) })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ABOUT);
  registerLogin(root);
  registerMemories(root);
  registerAgents(root);
  registerHeartbeats(root);
  registerWebhooks(root);
  registerKeys(root);
  registerTenants(root);
  return root;
}

function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? ExitCode.Ok);
  } catch (error) {
    // Commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const failure = failureOf(error);
    process.stderr.write(`${formatError(failure)}\n`);
    return failure.exitCode;
  }
}

// A reader that stops early (`| head`) is no failure of the command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(Number(process.exitCode ?? ExitCode.Ok));
});

void main(process.argv).then((code) => {
  process.exitCode = code;
});
