import type { Command } from 'commander';
import { removeConfig, writeConfig } from '../config';
import { Context } from '../context';
import { usageError } from '../errors';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('Check an API key with the gateway, then save it for the commands that follow')
    .addHelpText(
      'after',
      '\nThe key is --api-key\'s ("--api-key -" reads it from stdin), else HEROBRAIN_API_KEY. It is saved with the\n' +
        'gateway (--base-url) and its tenant (a tenant key\'s own; --tenant for the admin key) in\n' +
        '$XDG_CONFIG_HOME/heartbeat/config.json (default ~/.config/heartbeat/config.json), readable by you alone.',
    )
    .action(async (_options: object, command: Command) => {
      const ctx = Context.of(command);
      const { baseUrl, apiKey, tenantId: named } = ctx.settings;
      if (!apiKey) throw usageError('No key to log in with: pass --api-key KEY, or --api-key - to read it from stdin', 'api-key');
      const who = await ctx.client().whoami();
      if (who.tenantId && named && named !== who.tenantId) {
        throw usageError(`The key belongs to tenant ${who.tenantId}, not ${named}`, 'tenant');
      }
      const tenantId = who.tenantId ?? named;
      writeConfig(ctx.configPath, { baseUrl, apiKey, ...(tenantId ? { tenantId } : {}) });
      ctx.output.result(who, () => {
        const key = who.kind === 'admin' ? 'the admin key' : `key ${who.keyId}${who.agentId ? ` of agent ${who.agentId}` : ''}`;
        ctx.output.line(`Logged in to ${baseUrl} with ${key}${tenantId ? `, tenant ${tenantId}` : ''}. Saved to ${ctx.configPath}.`);
      });
    });

  program
    .command('logout')
    .description('Delete the saved key')
    .action((_options: object, command: Command) => {
      const ctx = Context.of(command);
      const removed = removeConfig(ctx.configPath);
      ctx.output.result({ removed, path: ctx.configPath }, () =>
        ctx.output.line(removed ? `Logged out: deleted ${ctx.configPath}.` : `Not logged in: there is no ${ctx.configPath}.`),
      );
    });
}
