import type { LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@hb/contracts';
import type { KafkaBus } from '../kafka/kafka-bus';
import type { Metrics } from '../metrics/metrics';
import { outsideTraces } from '../tracing/spans';
import { OutboxRepository, type OutboxRow } from './outbox.repository';

export interface OutboxRelayOptions {
  /**
   * How often to look for rows nothing nudged the relay about: the writer's own relay is nudged
   * after every commit, so this only picks up rows left by a replica that died first.
   */
  pollIntervalMs?: number;
  batchSize?: number;
  /** Published rows are kept this long for inspection, then purged. */
  retentionMs?: number;
  /** Where the backlog is reported (outbox_unpublished_events, outbox_oldest_unpublished_age_seconds). */
  metrics?: Metrics;
}

/** Kafka refuses a record batch over its max.message.bytes (1 MiB by default); stay well below. */
const MAX_SEND_BYTES = 512 * 1024;
/** Another replica holds the relay lock: look again this soon, for rows it may not have seen. */
const CONTENDED_RETRY_MS = 50;

/**
 * Publishes outbox rows to Kafka in insertion order and marks them published, in one transaction.
 * One replica relays at a time (a transaction-scoped advisory lock per schema and namespace), so
 * events of one aggregate never overtake each other; the others find the lock taken and look again
 * a moment later. Only rows of the relay's own namespace are published. A crash
 * after publishing but before the commit publishes the rows again: consumers skip duplicates by id.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private lastPurge = 0;
  private contended = false;
  /** Announced events not yet on Kafka. */
  private readonly announcing = new Set<Promise<void>>();
  private readonly outbox: OutboxRepository;

  constructor(
    dataSource: DataSource,
    private readonly bus: KafkaBus,
    private readonly logger: LoggerService,
    options: OutboxRelayOptions = {},
  ) {
    this.outbox = new OutboxRepository(dataSource);
    const metrics = options.metrics;
    if (metrics) {
      // Read at each scrape from the table itself, so every replica reports the service's backlog.
      let backlog: Promise<{ rows: number; oldestSeconds: number }> | undefined;
      const read = () => (backlog ??= this.outbox.backlog(this.namespace).finally(() => setTimeout(() => (backlog = undefined), 1000)));
      metrics.gauge('outbox_unpublished_events', 'Events written to the outbox and not yet published to Kafka.', [], async (gauge) => {
        gauge.set((await read().catch(() => ({ rows: NaN }))).rows);
      });
      metrics.gauge('outbox_oldest_unpublished_age_seconds', 'How long the oldest unpublished event has waited in the outbox (0: none waits).', [], async (gauge) => {
        gauge.set((await read().catch(() => ({ oldestSeconds: NaN }))).oldestSeconds);
      });
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.batchSize = options.batchSize ?? 500;
    this.retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
  }

  /** The deployment whose rows this relay publishes (the outbox tags what it writes with it). */
  get namespace(): string {
    return this.bus.namespace;
  }

  /**
   * Publishes an event no outbox row holds (see Outbox.announce) with the event producer, apart
   * from commands and replies, without making the caller wait; stop waits for what is still on its
   * way. A failure is logged, and the event is lost.
   */
  announce(topic: string, envelope: EventEnvelope<object>, key: string, headers: Record<string, string> | null): void {
    const sent = this.bus
      .publish(topic, [envelope], () => key, () => headers ?? undefined)
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'event of a read not published', type: envelope.type, eventId: envelope.id, err: String(error) }, OutboxRelay.name);
      })
      .finally(() => this.announcing.delete(sent));
    this.announcing.add(sent);
  }

  start(): void {
    this.stopped = false;
    this.nudge();
  }

  /**
   * Runs a relay pass now (or right after the current one), instead of waiting for the poll. The
   * writer that nudges is often inside a request's trace; the relay's passes are nobody's.
   */
  nudge(): void {
    outsideTraces(() => this.pass());
  }

  private pass(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().then(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.nudge();
      } else {
        this.timer = setTimeout(() => this.nudge(), this.contended ? CONTENDED_RETRY_MS : this.pollIntervalMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([this.running, ...this.announcing]);
  }

  /** Publishes until the outbox is empty; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    this.contended = false;
    try {
      for (;;) {
        const published = await this.relayBatch();
        total += published;
        if (published < this.batchSize) break;
      }
      await this.purge();
    } catch (error) {
      this.logger.warn({ msg: 'outbox relay pass failed; will retry', err: String(error) }, OutboxRelay.name);
    }
    return total;
  }

  private async relayBatch(): Promise<number> {
    return this.outbox.transaction(async (manager) => {
      if (!(await this.outbox.tryRelayLock(manager, this.namespace))) {
        this.contended = true;
        return 0;
      }
      const rows = await this.outbox.unpublished(manager, this.namespace, this.batchSize);
      if (rows.length === 0) return 0;
      for (const chunk of chunksOf(rows)) {
        const byId = new Map(chunk.map((row) => [row.envelope.id, row]));
        await this.bus.publish(
          chunk[0].topic,
          chunk.map((row) => row.envelope),
          (event) => byId.get(event.id)?.aggregate_id ?? event.tenantId,
          (event) => byId.get(event.id)?.trace_context ?? undefined,
        );
      }
      await this.outbox.markPublished(
        manager,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 10 * 60 * 1000) return;
    this.lastPurge = Date.now();
    const seconds = Math.floor(this.retentionMs / 1000);
    await this.outbox.purgePublishedBefore(seconds);
  }
}

/** Consecutive rows of one topic, each send kept under MAX_SEND_BYTES, in order. */
function chunksOf(rows: OutboxRow[]): OutboxRow[][] {
  const chunks: OutboxRow[][] = [];
  let current: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row.envelope));
    if (current.length > 0 && (current[0].topic !== row.topic || bytes + size > MAX_SEND_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
