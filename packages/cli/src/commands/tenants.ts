import { Option, type Command } from 'commander';
import { Context } from '../context';
import { when } from '../output';

type Plan = 'free' | 'pro' | 'enterprise';
const PLANS: Plan[] = ['free', 'pro', 'enterprise'];

/** The admin key's management of tenants: the first step of a fresh install. */
export function registerTenants(program: Command): void {
  const tenants = program.command('tenants').description('Tenants and their plans (the admin key only)');

  tenants
    .command('create')
    .description("Create a tenant: the Memory API's tenantId, the Heartbeat API's project_id")
    .argument('<id>', 'its id, as clients will send it (user_12345)')
    .requiredOption('--name <name>', 'what to call it')
    .addOption(new Option('--plan <plan>', 'its plan: request quota, memory limits, heartbeats').choices(PLANS).default('free'))
    .action(async (id: string, options: { name: string; plan: string }, command: Command) => {
      const ctx = Context.of(command);
      const tenant = await ctx.client().tenants.create({ id, name: options.name, plan: options.plan as Plan });
      ctx.output.result(tenant, () => ctx.output.line(`Created tenant ${tenant.id} (${tenant.name}, plan ${tenant.plan}).`));
    });

  tenants
    .command('list')
    .description('List the tenants')
    .action(async (_options: object, command: Command) => {
      const ctx = Context.of(command);
      const all = await ctx.client().tenants.list();
      ctx.output.result(all, () =>
        ctx.output.table(
          all,
          [
            { header: 'id', value: (t) => t.id },
            { header: 'name', value: (t) => t.name },
            { header: 'plan', value: (t) => t.plan },
            { header: 'created', value: (t) => when(t.createdAt) },
          ],
          'No tenants.',
        ),
      );
    });
}
