import type { Message, Producer } from 'kafkajs';

/** Produce requests one batcher keeps in flight at once. */
const MAX_IN_FLIGHT = 2;
/** A batch stays under Kafka's default max.message.bytes (1 MiB) with room for overhead. */
const MAX_BATCH_BYTES = 512 * 1024;

interface Queued {
  topic: string;
  messages: Message[];
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends concurrent sends together: what is asked while the producer already has MAX_IN_FLIGHT
 * requests out waits for one of them to end, then goes in one produce request with everything
 * else that waited. Alone, a send leaves at once (one event-loop turn later); under load, a
 * hundred concurrent commands cost a few produce requests instead of a hundred, on the client and
 * on the broker. kafkajs has no linger of its own: each send() is one request.
 */
export class ProduceBatcher {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly producer: Producer) {}

  send(topic: string, messages: Message[]): Promise<void> {
    const bytes = messages.reduce((n, m) => n + byteLength(m.value) + byteLength(m.key), 0);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, bytes, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= MAX_IN_FLIGHT) return;
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    this.inFlight++;
    try {
      const byTopic = new Map<string, Message[]>();
      for (const { topic, messages } of batch) {
        const list = byTopic.get(topic);
        if (list) list.push(...messages);
        else byTopic.set(topic, [...messages]);
      }
      await this.producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      for (const queued of batch) queued.resolve();
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /** The oldest sends, in order, up to MAX_BATCH_BYTES (always at least one, however large). */
  private takeBatch(): Queued[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= MAX_BATCH_BYTES)) {
      bytes += this.queue[count].bytes;
      count++;
    }
    return this.queue.splice(0, count);
  }
}

function byteLength(value: Message['value'] | Message['key']): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
