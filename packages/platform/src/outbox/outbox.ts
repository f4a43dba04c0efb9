import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@hb/contracts';
import { OutboxRepository } from './outbox.repository';
import type { OutboxRelay } from './outbox-relay';
import { storedTraceContext } from '../tracing/spans';

export interface PendingEvent<P extends object = object> {
  topic: string;
  /** The aggregate the event is about; events of one aggregate keep their order on Kafka. */
  aggregateId: string;
  type: string;
  tenantId: string;
  payload: P;
  version?: number;
}

export type Emit = (event: PendingEvent) => void;
/**
 * Runs `effect` once the transaction has committed, and never if it rolls back: for what must
 * not count a change that did not happen (a metric, a log line, a wake-up).
 */
export type AfterCommit = (effect: () => void) => void;

export function envelopeOf<P extends object>(event: PendingEvent<P>): EventEnvelope<P> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    tenantId: event.tenantId,
    occurredAt: new Date().toISOString(),
    payload: event.payload,
  };
}

/**
 * Writes a state change and the events it causes in one Postgres transaction, then wakes the relay.
 * If the process dies after the commit, the rows are still there and the relay publishes them later.
 * An event that records a read, with no change to go with, is announced instead.
 */
export class Outbox {
  private readonly rows: OutboxRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {
    this.rows = new OutboxRepository(dataSource);
  }

  async transaction<T>(work: (manager: EntityManager, emit: Emit, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
    const effects: Array<() => void> = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const events: PendingEvent[] = [];
      const value = await work(manager, (event) => events.push(event), (effect) => effects.push(effect));
      if (events.length > 0) {
        const traceContext = storedTraceContext();
        await this.rows.insert(
          manager,
          events.map((event) => {
            const envelope = envelopeOf(event);
            return { id: envelope.id, topic: event.topic, namespace: this.relay.namespace, aggregateId: event.aggregateId, type: event.type, envelope, traceContext };
          }),
        );
      }
      return { value, emitted: events.length };
    });
    if (result.emitted > 0) this.relay.nudge();
    for (const effect of effects) effect();
    return result.value;
  }

  /**
   * Publishes an event that records a read (search.performed) straight to Kafka: no state
   * changed, so there is nothing to commit it with, and the read is spared the outbox's two
   * transactions. The read does not wait for it, and a graceful stop does; a crash before it
   * leaves, or a broker away past the client's retries, loses it (logged), never a change of
   * state. Delivered at least once like every event, it keeps no order with its aggregate's outbox
   * events.
   */
  announce(event: PendingEvent): void {
    this.relay.announce(event.topic, envelopeOf(event), event.aggregateId, storedTraceContext());
  }
}
