import { Option, type Command } from 'commander';
import type { Heartbeat, HeartbeatLog, HeartbeatLogParams } from '@hb/sdk';
import { positiveInteger } from '../arguments';
import { Context } from '../context';
import { CliError, ExitCode } from '../errors';
import { when } from '../output';

export function registerHeartbeats(program: Command): void {
  const heartbeats = program.command('heartbeats').description("A bot's heartbeats: prompts it runs on a schedule");

  heartbeats
    .command('list')
    .description("List a bot's heartbeats")
    .argument('<bot-id>', 'the bot (an agent made with heartbeat: true)')
    .action(async (botId: string, _options: object, command: Command) => {
      const ctx = Context.of(command);
      const all = await (await ctx.tenantClient()).heartbeats.readall(botId);
      ctx.output.result(all, () =>
        ctx.output.table(
          all,
          [
            { header: 'id', value: (h) => h.uuid },
            { header: 'enabled', value: (h) => (h.enabled ? 'yes' : 'no') },
            { header: 'schedule', value: scheduleOf },
            { header: 'last run', value: (h) => when(h.last_run_at) },
            { header: 'last status', value: (h) => h.last_status },
            { header: 'next run', value: (h) => when(h.next_run_at) },
            { header: 'prompt', value: (h) => h.prompt },
          ],
          'No heartbeats.',
        ),
      );
    });

  heartbeats
    .command('logs')
    .description("A bot's runs, the newest first")
    .argument('<bot-id>', 'the bot')
    .option('--heartbeat <id>', "only this heartbeat's runs")
    .addOption(new Option('--status <status>', 'only runs that ended so').choices(['success', 'error', 'skipped']))
    .option('--limit <n>', 'at most this many runs (default 20, at most 100)', positiveInteger)
    .action(async (botId: string, options: { heartbeat?: string; status?: HeartbeatLogParams['status']; limit?: number }, command: Command) => {
      const ctx = Context.of(command);
      const hb = await ctx.tenantClient();
      const page = await hb.heartbeats.logs(botId, { heartbeat_id: options.heartbeat, status: options.status, per_page: options.limit });
      ctx.output.result(page, () =>
        ctx.output.table<HeartbeatLog>(
          page.logs,
          [
            { header: 'id', value: (l) => l.uuid },
            { header: 'created', value: (l) => when(l.created_at) },
            { header: 'type', value: (l) => l.type },
            { header: 'status', value: (l) => l.status },
            { header: 'ms', value: (l) => l.duration_ms },
            { header: 'result', value: (l) => (l.error ? `${l.error.code}: ${l.error.message}` : l.response) },
          ],
          'No runs.',
        ),
      );
    });

  heartbeats
    .command('trigger')
    .description('Run a heartbeat once now, enabled or not, and print what the bot answered')
    .argument('<bot-id>', 'the bot')
    .argument('<heartbeat-id>', 'the heartbeat')
    .addHelpText('after', `\nThe exit code is ${ExitCode.Refused} when the run ended in error.`)
    .action(async (botId: string, heartbeatId: string, _options: object, command: Command) => {
      const ctx = Context.of(command);
      const hb = await ctx.tenantClient();
      const result = await hb.heartbeats.trigger({ bot_id: botId, heartbeat_id: heartbeatId });
      ctx.output.result(result, () => {
        ctx.output.line(`${result.status} in ${result.duration_ms ?? 0} ms (log ${result.log_id})`);
        if (result.response) ctx.output.line(result.response);
      });
      if (result.status === 'error') {
        throw new CliError(result.error?.code ?? 'RUN_FAILED', result.error?.message ?? 'The heartbeat run failed', ExitCode.Refused);
      }
    });
}

function scheduleOf(heartbeat: Heartbeat): string {
  const schedule = heartbeat.cron_pattern ? `cron ${heartbeat.cron_pattern}` : `every ${heartbeat.interval_minutes ?? 30} min`;
  const window = heartbeat.active_hours_start && heartbeat.active_hours_end ? ` ${heartbeat.active_hours_start}-${heartbeat.active_hours_end}` : '';
  return `${schedule}${window} ${heartbeat.timezone}`;
}
