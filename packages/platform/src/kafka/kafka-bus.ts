import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import type { LoggerService } from '@nestjs/common';
import type { EventEnvelope, TopicSpec } from '@hb/contracts';
import type { Metrics } from '../metrics/metrics';
import { outsideTraces } from '../tracing/spans';
import { ProduceBatcher } from './produce-batcher';
import { withTimeout } from './timing';
import { RunningConsumer, type ConsumerSpec } from './running-consumer';

export interface KafkaBusOptions {
  brokers: string[];
  /** The service's name: client id, and the base of its consumer group names. */
  service: string;
  instanceId: string;
  /** Prefix for every topic and group, so deployments and test runs can share one cluster. */
  namespace?: string;
  /** Consumer group session timeout; see BaseEnv.KAFKA_SESSION_TIMEOUT_MS. */
  sessionTimeoutMs?: number;
  logger: LoggerService;
  metrics?: Metrics;
}

const DEFAULT_SESSION_TIMEOUT_MS = 3000;

/**
 * The one doorway to Kafka (kafkajs is unmaintained, so nothing else imports it). It owns two
 * producers — an idempotent one for events, and a plain one for commands and replies, whose
 * ordering needs are per request and which must not queue behind event batches — plus an admin
 * client for topics and health, and every consumer it runs (see run), which it stops on shutdown.
 */
export class KafkaBus {
  private readonly kafka: Kafka;
  private readonly eventProducer: Producer;
  private readonly requestProducer: Producer;
  private readonly requests: ProduceBatcher;
  private readonly admin: Admin;
  private readonly healthAdmin: Admin;
  private readonly running = new Set<RunningConsumer>();
  private connected = false;
  /** Set by disconnect: the health client must not be reconnected by a lookup still in flight. */
  private closed = false;
  private readonly counts?: {
    produced: ReturnType<Metrics['counter']>;
    consumed: ReturnType<Metrics['counter']>;
    lag: ReturnType<Metrics['gauge']>;
  };

  constructor(private readonly options: KafkaBusOptions) {
    const logger = options.logger;
    this.kafka = new Kafka({
      clientId: `${options.service}-${options.instanceId}`,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      // About 30 s of retrying before a client gives up and a consumer restarts itself.
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...fields } = log;
          const entry = { msg: `kafka: ${message}`, ...fields };
          if (level === logLevel.ERROR) logger.error(entry, 'Kafka');
          else if (level === logLevel.WARN) logger.warn(entry, 'Kafka');
          else logger.debug?.(entry, 'Kafka');
        },
    });
    this.eventProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.requestProducer = this.kafka.producer({ allowAutoTopicCreation: false });
    this.requests = new ProduceBatcher(this.requestProducer);
    this.admin = this.kafka.admin();
    this.healthAdmin = this.kafka.admin({ retry: { retries: 0 } });
    const metrics = options.metrics;
    if (metrics) {
      this.counts = {
        produced: metrics.counter('kafka_messages_produced_total', 'Messages this process sent to Kafka, by topic.', ['topic']),
        consumed: metrics.counter('kafka_messages_consumed_total', 'Messages this process consumed, by consumer group and topic.', ['group', 'topic']),
        lag: metrics.gauge(
          'kafka_consumer_lag_messages',
          "Messages not yet consumed behind the group's position, per partition this process consumes, as of its last batch.",
          ['group', 'topic', 'partition'],
        ),
      };
    }
  }

  /** A topic's or group's name without the deployment's namespace: a label the same in every deployment. */
  private unscoped(name: string): string {
    const prefix = this.options.namespace ? `${this.options.namespace}.` : '';
    return prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  }

  get service(): string {
    return this.options.service;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  /** The deployment's namespace ('' for none): the prefix of its topics and groups. */
  get namespace(): string {
    return this.options.namespace ?? '';
  }

  /** A topic's or group's real name: under this deployment's namespace, if it has one. */
  scoped(name: string): string {
    return this.options.namespace ? `${this.options.namespace}.${name}` : name;
  }

  async connect(): Promise<void> {
    this.closed = false;
    if (this.connected) return;
    await Promise.all([this.eventProducer.connect(), this.requestProducer.connect(), this.admin.connect()]);
    this.connected = true;
  }

  /**
   * Creates missing topics with their partition counts; never relies on broker auto-create.
   * Replicas start together and race to create the same topics, so a failed attempt is retried
   * against a fresh listing until every topic exists with a leader.
   */
  async ensureTopics(specs: TopicSpec[], attempts = 10): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await this.admin.listTopics());
        const missing = specs.filter((spec) => !existing.has(this.scoped(spec.name)));
        if (missing.length > 0) {
          await this.admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((spec) => ({
              topic: this.scoped(spec.name),
              numPartitions: spec.partitions,
              replicationFactor: -1,
              configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
            })),
          });
        }
        await this.admin.fetchTopicMetadata({ topics: specs.map((spec) => this.scoped(spec.name)) });
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /**
   * Publishes events keyed by `keyOf` (the aggregate id), so one aggregate's events stay ordered;
   * `headersOf` adds an event's own headers (the trace context its writer had).
   */
  async publish(
    topic: string,
    events: EventEnvelope<object>[],
    keyOf: (event: EventEnvelope<object>) => string,
    headersOf: (event: EventEnvelope<object>) => Record<string, string> | undefined = () => undefined,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.eventProducer.send({
      topic: this.scoped(topic),
      messages: events.map((event) => ({
        key: keyOf(event),
        value: JSON.stringify(event),
        headers: { ...headersOf(event), 'event-type': event.type },
      })),
    });
    this.counts?.produced.inc({ topic }, events.length);
  }

  /**
   * Sends request or reply messages; topic is already a real (namespaced) name. Concurrent sends
   * share produce requests (see ProduceBatcher).
   */
  async sendRaw(topic: string, ...messages: Array<{ key: string; value: string; headers: Record<string, string> }>): Promise<void> {
    await this.requests.send(topic, messages);
    this.counts?.produced.inc({ topic: this.unscoped(topic) }, messages.length);
  }

  /**
   * Every consumer comes from here. Its group drops a silent member after the session timeout, so a dead replica's partitions
   * move on (and a restarted one joins) within seconds; handlers that run long keep it alive with
   * `keepAlive`. A rebalance waits at most 10 s for live members to rejoin. kafkajs heartbeats
   * after each fetch, so an idle fetch waits no longer than the heartbeat interval. The wait costs
   * no latency: with minBytes 1 (kafkajs's default) the broker answers a waiting fetch as soon as a
   * message lands. (Request-path consumers used to poll every 50 ms instead: 20 fetches a second
   * each while idle, a third of the broker's idle CPU, for no measurable gain in latency.)
   */
  private newConsumer(groupName: string, config: Partial<ConsumerConfig>): Consumer {
    const sessionTimeout = this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    const consumer = this.kafka.consumer({
      groupId: this.scoped(groupName),
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: heartbeatIntervalFor(sessionTimeout),
      maxWaitTimeInMs: heartbeatIntervalFor(sessionTimeout),
      rebalanceTimeout: Math.max(10_000, sessionTimeout),
      ...config,
    });
    const counts = this.counts;
    if (counts) {
      // A replica's own groups (its reply topic's) are named after it: the label names the kind, so a restart adds no series.
      const group = groupName.split(this.options.instanceId).join('<instance>');
      const reported = new Set<string>();
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const topic = this.unscoped(payload.topic);
        counts.consumed.inc({ group, topic }, payload.batchSize);
        // offsetLag: what is left after this batch (offsetLagLow is before it).
        const labels = { group, topic, partition: String(payload.partition) };
        counts.lag.set(labels, Math.max(0, Number(payload.offsetLag)));
        reported.add(JSON.stringify(labels));
      });
      // After a rebalance this replica may no longer own a partition: its last figure would stay, and count twice.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const labels of reported) counts.lag.remove(JSON.parse(labels));
        reported.clear();
      });
    }
    return consumer;
  }

  /**
   * Starts a consumer the bus keeps running, through crashes kafkajs gives up on, until it is
   * released or the bus stops (offsets committed then); resolves after its first fetch.
   */
  async run(spec: ConsumerSpec): Promise<RunningConsumer> {
    const running = new RunningConsumer(spec, (s) => this.newConsumer(s.group, s.config ?? {}), this.options.logger);
    this.running.add(running);
    // A consumer started on a request's behalf (the gateway's run streams) must not keep that trace.
    await outsideTraces(() => running.start());
    return running;
  }

  async release(running: RunningConsumer): Promise<void> {
    if (!this.running.delete(running)) return;
    await running.stop();
  }

  /** Every running consumer is fetching (none is between a crash and its next fetch). */
  get consumersFetching(): boolean {
    return [...this.running].every((running) => running.healthy);
  }

  /** How many live members a consumer group has, as its coordinator sees them (0: none, or no such group). */
  async groupMemberCount(groupName: string, timeoutMs = 1000): Promise<number> {
    // The health client: it does not retry, so a lookup while Kafka is away fails at once.
    const described = (async () => {
      await this.connectHealthAdmin();
      return this.healthAdmin.describeGroups([this.scoped(groupName)]);
    })();
    const { groups } = await withTimeout(described, timeoutMs, 'kafka did not describe the group');
    return groups[0]?.members.length ?? 0;
  }

  /** Throws when the cluster cannot be reached within `timeoutMs`. */
  async checkHealth(timeoutMs = 1500): Promise<void> {
    await withTimeout(
      (async () => {
        await this.connectHealthAdmin();
        await this.healthAdmin.describeCluster();
      })(),
      timeoutMs,
      'kafka did not answer',
    );
  }

  private async connectHealthAdmin(): Promise<void> {
    if (this.closed) throw new Error('the Kafka bus is closed');
    await this.healthAdmin.connect();
    // A check that began before disconnect() must not leave a socket open after it.
    if (this.closed) {
      await this.healthAdmin.disconnect();
      throw new Error('the Kafka bus is closed');
    }
  }

  /** Stops every consumer: in-flight messages finish and their offsets are committed. */
  async stopConsumers(): Promise<void> {
    const running = [...this.running];
    this.running.clear();
    await Promise.allSettled(running.map((consumer) => consumer.stop()));
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    await this.stopConsumers();
    await Promise.allSettled([
      this.eventProducer.disconnect(),
      this.requestProducer.disconnect(),
      this.admin.disconnect(),
      this.healthAdmin.disconnect(),
    ]);
    this.connected = false;
  }
}

function heartbeatIntervalFor(sessionTimeoutMs: number): number {
  return Math.floor(sessionTimeoutMs / 3);
}
