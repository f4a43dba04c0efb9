import type { LoggerService } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { EventEnvelope, parseAs, type EventDefinition } from '@hb/contracts';
import type { Counter, Metrics } from '../metrics';
import { consumeInSpan } from '../tracing/spans';
import type { KafkaBus } from './kafka-bus';
import { keepAlive } from './timing';

export interface EventSubscription {
  /** Consumer group name; replicas of a service share it and split the partitions. */
  group: string;
  /** Contract topic names (the bus adds the namespace). */
  topics: string[];
  /** Where a group with no committed offset starts; true unless the handler only cares about news. */
  fromBeginning?: boolean;
  /** Every event, its payload unread (the webhook dispatcher forwards them whatever they hold)… */
  handle?(event: EventEnvelope): Promise<Handled>;
  /** …or a handler per event type (`on(AgentEvents.RunFailed, …)`), each given a validated payload; other types pass. */
  handlers?: EventHandler[];
}

/**
 * What a handler says of an event: 'duplicate' when it found the event's change already made (a
 * second delivery, which it made harmless), counted per group; nothing otherwise.
 */
export type Handled = void | 'duplicate';

export interface EventHandler {
  event: EventDefinition<object>;
  handle(event: EventEnvelope<object>): Promise<Handled>;
}

/** The handler of one kind of event: it runs only with a payload its class accepts. */
export function on<P extends object>(event: EventDefinition<P>, handle: (event: EventEnvelope<P>) => Promise<Handled>): EventHandler {
  return { event, handle: handle as EventHandler['handle'] };
}

/**
 * Runs a handler for every event on some topics. Messages are input: an envelope, or a payload
 * its event's class refuses, is logged and skipped, never handed on. A handler that throws is retried by kafkajs
 * (the offset is only committed after the handler returns), so a side effect is never lost.
 * Delivery is at least once, and handlers must make a second delivery harmless (an `Inbox`, an
 * insert that ignores conflicts): offsets are committed within a second of handling, batched
 * (see OffsetCommits), so a replica that dies hands its last second of events on to be handled again.
 */
export class EventConsumer {
  private readonly registered: EventSubscription[] = [];
  private readonly duplicates?: Counter<'group'>;

  constructor(
    private readonly bus: KafkaBus,
    private readonly logger: LoggerService,
    metrics?: Metrics,
  ) {
    this.duplicates = metrics?.counter(
      'kafka_events_duplicates_skipped_total',
      'Events delivered again whose change their handler found already made, and so skipped, by consumer group.',
      ['group'],
    );
  }

  /** Registers a subscription (from a module's onModuleInit); it starts once topics exist. */
  subscribe(subscription: EventSubscription): void {
    this.registered.push(subscription);
  }

  async startAll(): Promise<void> {
    await Promise.all(this.registered.map((subscription) => this.start(subscription)));
  }

  /**
   * Resolves after the consumer's first fetch: only then is a new group's starting offset fixed,
   * so an event published after start (and so after readiness) cannot fall before it. A group
   * reading only news (fromBeginning: false) would otherwise miss what came while it joined.
   */
  async start(subscription: EventSubscription): Promise<void> {
    await this.bus.run({
      group: subscription.group,
      topics: subscription.topics.map((t) => this.bus.scoped(t)),
      fromBeginning: subscription.fromBeginning ?? true,
      // Handlers are idempotent by contract: a second delivery is harmless.
      commits: () => 'soon',
      run: {
        partitionsConsumedConcurrently: 3,
        eachMessage: async ({ topic, partition, message, heartbeat }) => this.handle(subscription, topic, partition, message, heartbeat),
      },
    });
  }

  private async handle(
    subscription: EventSubscription,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const skip = (error: unknown) =>
      this.logger.error({ msg: 'invalid event skipped', topic, partition, offset: message.offset, reason: String(error) }, EventConsumer.name);
    let event: EventEnvelope<object>;
    try {
      event = parseAs(EventEnvelope, JSON.parse(message.value?.toString() ?? ''));
    } catch (error) {
      return skip(error);
    }
    const traced = async (work: () => Promise<Handled>) => {
      const handled = await consumeInSpan(
        `process ${event.type}`,
        topic,
        message.headers,
        { 'messaging.consumer.group.name': subscription.group, 'messaging.message.id': event.id },
        () => keepAlive(heartbeat, work),
      );
      if (handled === 'duplicate') this.duplicates?.inc({ group: subscription.group });
    };
    if (subscription.handle) return traced(() => subscription.handle!(event as EventEnvelope));
    const handler = subscription.handlers?.find((candidate) => candidate.event.type === event.type);
    if (!handler) return;
    try {
      event = { ...event, payload: parseAs(handler.event.payload, event.payload) };
    } catch (error) {
      return skip(error);
    }
    await traced(() => handler.handle(event));
  }
}
