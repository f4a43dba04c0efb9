import type { LoggerService } from '@nestjs/common';
import type { Consumer, ConsumerConfig, ConsumerRunConfig, KafkaMessage } from 'kafkajs';
import { OffsetCommits } from './offset-commits';

/**
 * When a handled message's offset is committed (see OffsetCommits): 'at-once' before the next
 * message is taken, 'soon' batched within a second. Without a policy kafkajs auto-commits after
 * every batch; 'never' commits nothing (a group only this process reads, from the latest offset).
 */
export type CommitPolicy = 'never' | ((message: KafkaMessage) => 'at-once' | 'soon');

export interface ConsumerSpec {
  /** The group's name before the namespace. */
  group: string;
  /** Real (namespaced) topic names. */
  topics: string[];
  /** Where a group with no committed offset starts. */
  fromBeginning: boolean;
  config?: Partial<ConsumerConfig>;
  commits?: CommitPolicy;
  run: Pick<ConsumerRunConfig, 'eachMessage' | 'partitionsConsumedConcurrently'>;
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
  private readonly commits: OffsetCommits;

  constructor(
    private readonly spec: ConsumerSpec,
    private readonly create: (spec: ConsumerSpec) => Consumer,
    private readonly logger: LoggerService,
  ) {
    this.commits = new OffsetCommits(
      (offsets) => this.consumer?.commitOffsets(offsets) ?? Promise.resolve(),
      (error) => this.logger.warn({ msg: 'offsets not committed', group: spec.group, err: String(error) }, 'Kafka'),
    );
  }

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
    await consumer.run(this.runConfig());
    await fetched;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.fetching = false;
    // Before leaving the group, while the consumer can still commit what it handled.
    await this.commits.flush();
    await this.consumer?.disconnect();
  }

  /** The spec's run config, with its commit policy applied around each message. */
  private runConfig(): ConsumerRunConfig {
    const policy = this.spec.commits;
    if (policy === undefined) return this.spec.run;
    if (policy === 'never') return { ...this.spec.run, autoCommit: false };
    const eachMessage = this.spec.run.eachMessage!;
    return {
      ...this.spec.run,
      autoCommit: false,
      eachMessage: async (payload) => {
        await eachMessage(payload);
        await this.commits.handled(payload.topic, payload.partition, payload.message.offset, policy(payload.message) === 'at-once');
      },
    };
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
