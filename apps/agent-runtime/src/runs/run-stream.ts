import { Injectable, Logger } from '@nestjs/common';
import { RUN_STREAM_TOPIC, type RunStreamMessage, type RunView } from '@hb/contracts';
import { KafkaBus } from '@hb/platform';

/** One streamed run's output, sent in order; a lost message only costs the client its live view. */
export class StreamWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (message: RunStreamMessage) => Promise<void>,
    readonly streamId: string,
  ) {}

  delta(text: string): void {
    this.enqueue({ streamId: this.streamId, type: 'delta', text });
  }

  tool(name: string): void {
    this.enqueue({ streamId: this.streamId, type: 'tool', name });
  }

  /** Resolves when every message so far has been handed to Kafka. */
  async end(run: RunView): Promise<void> {
    this.enqueue({ streamId: this.streamId, type: 'end', run });
    await this.chain;
  }

  private enqueue(message: RunStreamMessage): void {
    this.chain = this.chain.then(() => this.send(message)).catch(() => undefined);
  }
}

/** Publishes streamed runs' output on RUN_STREAM_TOPIC for the gateway holding each stream. */
@Injectable()
export class RunStreams {
  private readonly logger = new Logger(RunStreams.name);

  constructor(private readonly bus: KafkaBus) {}

  writer(streamId: string): StreamWriter {
    return new StreamWriter((message) => this.send(message), streamId);
  }

  /** The end of a run ended outside its worker (cancelled, orphaned). */
  async end(streamId: string, run: RunView): Promise<void> {
    await this.writer(streamId).end(run);
  }

  private async send(message: RunStreamMessage): Promise<void> {
    try {
      await this.bus.sendRaw(this.bus.scoped(RUN_STREAM_TOPIC), { key: message.streamId, value: JSON.stringify(message), headers: {} });
    } catch (error) {
      this.logger.warn(`stream ${message.streamId}: ${message.type} not sent: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
