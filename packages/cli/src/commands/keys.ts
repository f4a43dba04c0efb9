import { Option, type Command } from 'commander';
import type { ApiKeyCreateParams } from '@hb/sdk';
import { collectChoices } from '../arguments';
import { Context } from '../context';
import { when } from '../output';

type Scope = NonNullable<ApiKeyCreateParams['scopes']>[number];

/** Every scope a key may have, for --scope's choices: `satisfies` keeps the list the same as the SDK's. */
const SCOPES = {
  'read:memories': true,
  'write:memories': true,
  'read:agents': true,
  'write:agents': true,
  'invoke:agents': true,
  'read:heartbeats': true,
  'write:heartbeats': true,
  'read:webhooks': true,
  'write:webhooks': true,
  'read:keys': true,
  'write:keys': true,
  'read:usage': true,
} satisfies Record<Scope, true>;
const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("The tenant's API keys");

  keys
    .command('list')
    .description('List the keys, revoked ones too')
    .action(async (_options: object, command: Command) => {
      const ctx = Context.of(command);
      const all = await ctx.client().apiKeys.list();
      ctx.output.result(all, () =>
        ctx.output.table(
          all,
          [
            { header: 'id', value: (k) => k.id },
            { header: 'name', value: (k) => k.name },
            { header: 'prefix', value: (k) => k.keyPrefix },
            { header: 'environment', value: (k) => k.environment },
            { header: 'status', value: (k) => k.status },
            { header: 'last used', value: (k) => when(k.lastUsedAt) },
            { header: 'scopes', value: (k) => k.scopes.join(',') },
          ],
          'No API keys.',
        ),
      );
    });

  keys
    .command('create')
    .description('Create a key and print it: it is shown this once only')
    .argument('<name>', 'what the key is for')
    .addOption(
      new Option('--scope <scope>', 'a scope; repeat for more (default: every scope of the key you use)')
        .choices(SCOPE_NAMES)
        .argParser(collectChoices(SCOPE_NAMES)),
    )
    .addOption(new Option('--environment <environment>', 'its kind: hb_dev_… or hb_prod_…').choices(['development', 'production']).default('production'))
    .action(async (name: string, options: { scope?: Scope[]; environment: 'development' | 'production' }, command: Command) => {
      const ctx = Context.of(command);
      const key = await ctx.client().apiKeys.create({ name, scopes: options.scope, environment: options.environment });
      ctx.output.note(`Created key ${key.id} (${key.name}, ${key.environment}; scopes: ${key.scopes.join(', ')}).`);
      ctx.output.note('Save it now: it will not be shown again.');
      ctx.output.result(key, () => ctx.output.line(key.plainKey));
    });

  keys
    .command('revoke')
    .description('Revoke a key: the gateway refuses it from then on')
    .argument('<key-id>', 'the key (key_…)')
    .action(async (keyId: string, _options: object, command: Command) => {
      const ctx = Context.of(command);
      const key = await ctx.client().apiKeys.revoke(keyId);
      ctx.output.result(key, () => ctx.output.line(`Revoked ${key.id} (${key.name}).`));
    });
}
