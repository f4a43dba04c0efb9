import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AgentCommands, type RunView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { RunStreamHub } from './run-stream-hub';

/** An invoke with stream: true, answered as Server-Sent Events from the run's stream messages. */
@Injectable()
export class RunEventStream {
  constructor(
    private readonly commands: CommandClient,
    private readonly streams: RunStreamHub,
  ) {}

  /**
   * stream: true — Server-Sent Events: `run` (run_id, conversation_id, status) at once, `delta`
   * ({text}) as the reply is generated, `tool` ({name}) when a tool is called, and `done` (the
   * run, as the status endpoint shows it) at the end. A replayed run (Idempotency-Key) or a lost
   * stream message is covered by the status: the stream then ends with the run's final state.
   */
  async send(
    res: Response,
    invoke: (streamId: string) => Promise<RunView>,
    ref: { tenantId: string; agentId: string },
  ): Promise<void> {
    const streamId = randomUUID();
    let ended = false;
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const send = (event: string, data: unknown) => {
      if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const end = (run: RunView) => {
      send('done', run);
      ended = true;
      res.end();
      settle();
    };
    const stop = await this.streams.listen(streamId, (message) => {
      if (message.type === 'delta') send('delta', { text: message.text });
      else if (message.type === 'tool') send('tool', { name: message.name });
      else end(message.run);
    });
    const keepAlive = setInterval(() => !ended && res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      ended = true;
      settle();
    });
    try {
      const run = await invoke(streamId);
      res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' }).flushHeaders();
      send('run', { run_id: run.run_id, conversation_id: run.conversation_id, status: run.status });
      if (run.status === 'completed' || run.status === 'failed') end(run);
      else if (run.replayed) void this.pollUntilEnded(run, ref, () => ended, end);
      await finished;
    } finally {
      clearInterval(keepAlive);
      stop();
    }
  }

  /** For a stream whose output goes elsewhere (a replayed run): the run's status until it ends. */
  private async pollUntilEnded(run: RunView, ref: { tenantId: string; agentId: string }, gone: () => boolean, end: (run: RunView) => void): Promise<void> {
    while (!gone()) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await this.commands.request(AgentCommands.RunStatus, { ...ref, conversationId: run.conversation_id }).catch(() => undefined);
      if (now && now.run_id === run.run_id && (now.status === 'completed' || now.status === 'failed')) return end(now);
    }
  }
}
