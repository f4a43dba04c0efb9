import type { Command } from 'commander';
import type { WebhookDelivery } from '@hb/sdk';
import { positiveInteger } from '../arguments';
import { Context } from '../context';
import { when } from '../output';

export function registerWebhooks(program: Command): void {
  const webhooks = program.command('webhooks').description('Webhooks and their deliveries');

  webhooks
    .command('list')
    .description("List the tenant's webhooks")
    .action(async (_options: object, command: Command) => {
      const ctx = Context.of(command);
      const all = await ctx.client().webhooks.list();
      ctx.output.result(all, () =>
        ctx.output.table(
          all,
          [
            { header: 'id', value: (w) => w.id },
            { header: 'name', value: (w) => w.name },
            { header: 'status', value: (w) => w.status },
            { header: 'events', value: (w) => w.events.join(',') },
            { header: 'url', value: (w) => w.url },
          ],
          'No webhooks.',
        ),
      );
    });

  webhooks
    .command('deliveries')
    .description("A webhook's deliveries, the newest first")
    .argument('<webhook-id>', 'the webhook')
    .option('--limit <n>', 'at most this many (default 20, at most 100)', positiveInteger)
    .action(async (webhookId: string, options: { limit?: number }, command: Command) => {
      const ctx = Context.of(command);
      const page = await ctx.client().webhooks.deliveries(webhookId, { limit: options.limit });
      ctx.output.result(page, () =>
        ctx.output.table(
          page.data,
          [
            { header: 'id', value: (d) => d.id },
            { header: 'event', value: (d) => d.event },
            { header: 'status', value: (d) => d.status },
            { header: 'attempts', value: (d) => d.attempts.length },
            { header: 'last answer', value: lastAnswer },
            { header: 'created', value: (d) => when(d.createdAt) },
          ],
          'No deliveries.',
        ),
      );
    });

  webhooks
    .command('resend')
    .description('Send a delivery again, under the same webhook-id, from the start of the retry schedule')
    .argument('<webhook-id>', 'the webhook')
    .argument('<delivery-id>', 'the delivery to send again')
    .action(async (webhookId: string, deliveryId: string, _options: object, command: Command) => {
      const ctx = Context.of(command);
      const delivery = await ctx.client().webhooks.resend(webhookId, deliveryId);
      ctx.output.result(delivery, () => ctx.output.line(`Sending ${delivery.id} again (${delivery.status}).`));
    });
}

/** The endpoint's status code at the last attempt, or why there was none. */
function lastAnswer(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return '';
  return last.statusCode === null ? (last.error ?? 'no answer') : String(last.statusCode);
}
