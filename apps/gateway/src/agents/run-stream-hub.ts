import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RUN_STREAM_TOPIC, type RunStreamMessage } from '@hb/contracts';
import { KafkaBus } from '@hb/platform';

type Listener = (message: RunStreamMessage) => void;

/**
 * Streamed runs' output, from whichever runtime replica runs them: every gateway replica reads
 * RUN_STREAM_TOPIC in a group of its own and hands each message to the request holding its stream.
 */
@Injectable()
export class RunStreamHub implements OnApplicationBootstrap {
  private readonly logger = new Logger(RunStreamHub.name);
  private readonly listeners = new Map<string, Listener>();
  private ready?: Promise<void>;

  constructor(private readonly bus: KafkaBus) {}

  onApplicationBootstrap(): void {
    this.ready = this.start().catch((error: Error) => {
      this.ready = undefined;
      this.logger.warn(`run streams unavailable: ${error.message}`);
      throw error;
    });
    this.ready.catch(() => undefined);
  }

  /** Starts delivering a stream's messages; call the returned function to stop. */
  async listen(streamId: string, listener: Listener): Promise<() => void> {
    if (!this.ready) this.onApplicationBootstrap();
    await this.ready;
    this.listeners.set(streamId, listener);
    return () => this.listeners.delete(streamId);
  }

  private async start(): Promise<void> {
    // Listening only after the first fetch: a new group's starting offset is fixed then.
    await this.bus.run({
      group: `gateway.run-streams.${this.bus.instanceId}`,
      topics: [this.bus.scoped(RUN_STREAM_TOPIC)],
      fromBeginning: false,
      run: {
        partitionsConsumedConcurrently: 6,
        eachMessage: async ({ message }) => {
          const parsed = JSON.parse(message.value?.toString() ?? 'null') as RunStreamMessage | null;
          if (parsed) this.listeners.get(parsed.streamId)?.(parsed);
        },
      },
    });
  }
}
