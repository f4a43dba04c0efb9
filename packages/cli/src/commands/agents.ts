import type { Command } from 'commander';
import type { HeroBrain, InvokeParams, Run } from '@hb/sdk';
import { Context } from '../context';
import { CliError, ExitCode } from '../errors';
import { when, type Output } from '../output';

export function registerAgents(program: Command): void {
  const agents = program.command('agents').description("The tenant's agents, and running them");

  agents
    .command('list')
    .description('List every agent')
    .action(async (_options: object, command: Command) => {
      const ctx = Context.of(command);
      const all = await ctx.client().agents.list({ limit: 100 }).toArray();
      ctx.output.result(all, () =>
        ctx.output.table(
          all,
          [
            { header: 'id', value: (a) => a.id },
            { header: 'name', value: (a) => a.name },
            { header: 'model', value: (a) => a.model ?? 'default' },
            { header: 'heartbeat', value: (a) => (a.heartbeat ? 'yes' : 'no') },
            { header: 'created', value: (a) => when(a.created_at) },
          ],
          'No agents.',
        ),
      );
    });

  agents
    .command('invoke')
    .description('Send an agent a message and print its answer as it is written (with --json, the run when it ends)')
    .argument('<agent-id>', 'the agent')
    .argument('<message>', 'what to send it')
    .option('--conversation <id>', 'continue this conversation instead of starting one')
    .option('--no-stream', 'wait for the whole answer, then print it')
    .addHelpText('after', `\nThe exit code is ${ExitCode.Refused} when the run failed; its error code and message go to stderr.`)
    .action(async (agentId: string, message: string, options: { conversation?: string; stream: boolean }, command: Command) => {
      const ctx = Context.of(command);
      const hb = ctx.client();
      const params: InvokeParams = { message, conversation_id: options.conversation };
      const run = options.stream ? await streamRun(hb, agentId, params, ctx.output) : await hb.agents.invoke(agentId, params);
      if (ctx.output.json) ctx.output.line(JSON.stringify(run, null, 2));
      else if (!options.stream && run.response !== undefined) ctx.output.line(run.response);
      if (run.status === 'failed') {
        throw new CliError(run.error?.code ?? 'RUN_FAILED', run.error?.message ?? `Run ${run.run_id} failed`, ExitCode.Refused);
      }
    });
}

/** Writes the answer's text to stdout as it comes (not with --json), then a line end; answers the run as it ended. */
async function streamRun(hb: HeroBrain, agentId: string, params: InvokeParams, output: Output): Promise<Run> {
  let wrote = false;
  for await (const event of hb.agents.stream(agentId, params)) {
    if (event.event === 'delta' && !output.json) {
      output.stdout.write(event.data.text);
      wrote = true;
    }
    if (event.event === 'done') {
      if (wrote) output.line();
      return event.data;
    }
  }
  if (wrote) output.line();
  throw new CliError('STREAM_ENDED', 'The answer ended before the run did', ExitCode.Unavailable);
}
