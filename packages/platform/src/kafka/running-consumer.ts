import type { LoggerService } from '@nestjs/common';
import type { Consumer, ConsumerConfig, ConsumerRunConfig, TopicPartitionOffsetAndMetadata } from 'kafkajs';

export interface ConsumerSpec {
  /** The group's name before the namespace. */
  group: string;
  /** Real (namespaced) topic names. */
  topics: string[];
  /** Where a group with no committed offset starts. */
  fromBeginning: boolean;
  config?: Partial<ConsumerConfig>;
  /** Runs before the consumer leaves its group on stop, while it can still commit (see OffsetCommits). */
  beforeStop?: () => Promise<void>;
  run: Pick<ConsumerRunConfig, 'eachMessage' | 'partitionsConsumedConcurrently' | 'autoCommit'>;
}

const RESTART_DELAY_MS = 1000;

/**
 * A consumer kept running for as long as its owner wants it. kafkajs restarts a consumer itself
 * after errors it deems retriable; after any other (seen when a broker restarts: a connection
 * error wrapped as non-retriable) it leaves the consumer stopped for good, and the service would
 * sit "ready" reading nothing. Here such a crash builds a fresh consumer and starts it again, every
 * second until one runs. `healthy` is false from a crash until the next fetch.
 */
export class RunningConsumer {
  private consumer?: Consumer;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private fetching = false;

  constructor(
    private readonly spec: ConsumerSpec,
    private readonly create: (spec: ConsumerSpec) => Consumer,
    private readonly logger: LoggerService,
  ) {}

  get healthy(): boolean {
    return this.fetching;
  }

  /**
   * Resolves after the first fetch: only then is a new group's starting offset fixed, so a
   * message published after start cannot fall before it.
   */
  async start(): Promise<void> {
    if (this.stopped) return; // a restart that was under way when the owner stopped it
    const consumer = this.create(this.spec);
    this.consumer = consumer;
    const fetched = new Promise<void>((resolve) =>
      consumer.on(consumer.events.FETCH, () => {
        this.fetching = !this.stopped;
        resolve();
      }),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.fetching = false;
      if ((payload.error as { type?: string }).type === 'INVALID_SESSION_TIMEOUT') {
        this.logger.error(
          { msg: "the brokers refuse the consumer session timeout: lower their group.min.session.timeout.ms or raise KAFKA_SESSION_TIMEOUT_MS", group: this.spec.group },
          'Kafka',
        );
      }
      if (!payload.restart) this.restartLater(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.spec.topics, fromBeginning: this.spec.fromBeginning });
    await consumer.run(this.spec.run);
    await fetched;
  }

  /** Commits offsets by hand, for a consumer run with autoCommit off; a no-op between a crash and the restart. */
  async commit(offsets: TopicPartitionOffsetAndMetadata[]): Promise<void> {
    await this.consumer?.commitOffsets(offsets);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.fetching = false;
    await this.spec.beforeStop?.().catch(() => undefined);
    await this.consumer?.disconnect();
  }

  private restartLater(crashed: Consumer): void {
    if (this.stopped || crashed !== this.consumer) return;
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.logger.warn({ msg: 'consumer stopped by an error kafkajs does not retry; starting a new one', group: this.spec.group }, 'Kafka');
      void crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start())
        .catch(() => this.restartLater(this.consumer!));
    }, RESTART_DELAY_MS);
  }
}
