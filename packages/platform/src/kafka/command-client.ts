import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import {
  CommandHeaders,
  DomainError,
  ErrorCodes,
  commandTopic,
  replyTopic,
  type CommandDefinition,
  type CommandReply,
  type CommandRequest,
  type RoutedCommand,
  type ServiceName,
} from '@hb/contracts';
import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '../metrics/metrics';
import { endSpan, startProducerSpan, traceHeaders } from '../tracing/spans';
import type { KafkaBus } from './kafka-bus';
import { header } from './command-server';
import { ServicePresence } from './service-presence';
import type { RunningConsumer } from './running-consumer';

export interface RequestOptions {
  tenantId?: string;
  /** How long the caller waits for the reply; the service drops the command once it has passed. */
  timeoutMs?: number;
  /** Partition key; requests with the same key are handled in order. Defaults to spreading them. */
  key?: string;
}

interface Pending {
  resolve(data: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  /** A query's second copy, due if the first stays unanswered (see HEDGE_AFTER_MS). */
  hedge?: NodeJS.Timeout;
}

/**
 * When a query (a cheap read, safe to send twice) has had no answer for this long, a second copy
 * goes to another partition: the first may sit on the partition of a replica that just died,
 * which its group only hands on after the session timeout. Far above a query's normal answer
 * time, so copies stay rare; at most MAX_HEDGES are outstanding, so an overloaded service is not
 * sent twice its load.
 */
const HEDGE_AFTER_MS = 1000;
const MAX_HEDGES = 32;

/**
 * The caller's half of request/reply over Kafka. Every replica reads its service's reply topic in
 * a consumer group of its own and keeps the replies whose correlation id it is waiting for. A
 * request to a service with no live replica fails at once (SERVICE_UNAVAILABLE) instead of
 * waiting out its deadline; see ServicePresence. A query slow to come back is sent once more to
 * another partition, which another replica may own; see HEDGE_AFTER_MS.
 */
export class CommandClient {
  private readonly pending = new Map<string, Pending>();
  private consumer?: RunningConsumer;
  private ready = false;
  private readonly presence: ServicePresence;
  private hedges = 0;
  private readonly roundTrips?: Histogram<'target_service' | 'command' | 'outcome'>;
  private readonly refusals?: Counter<'target_service'>;

  constructor(
    private readonly bus: KafkaBus,
    private readonly logger: LoggerService,
    private readonly defaultTimeoutMs = 5000,
    metrics?: Metrics,
  ) {
    this.presence = new ServicePresence(bus);
    this.roundTrips = metrics?.histogram(
      'kafka_request_duration_seconds',
      'Request/reply round trips to services over Kafka, by the service asked, command and outcome (ok, error: the service answered with an error, timeout: no answer by the deadline, unsent: Kafka did not take it).',
      ['target_service', 'command', 'outcome'],
    );
    this.refusals = metrics?.counter(
      'kafka_requests_refused_total',
      'Requests not sent at all: the service had no live replica, or this process was not connected to Kafka yet.',
      ['target_service'],
    );
  }

  /** Started, and its reply consumer fetching (false from a consumer crash until it fetches again). */
  get isReady(): boolean {
    return this.ready && (this.consumer?.healthy ?? false);
  }

  async start(): Promise<void> {
    // Ready only after the first fetch: a new group's starting offset is fixed then, so no reply
    // to a request sent after readiness can fall before it.
    this.consumer = await this.bus.run({
      group: `${this.bus.service}.replies.${this.bus.instanceId}`,
      topics: [this.bus.scoped(replyTopic(this.bus.service))],
      fromBeginning: false,
      // The group is this replica's alone, and a reply is only worth reading while its caller
      // waits: committing offsets (kafkajs would after every batch) costs a request per reply
      // for nothing but a consumer restarted after a crash resuming where it stopped. Without
      // them it starts at the latest reply; the calls whose replies came in between time out,
      // or, for queries, are answered through their second copy.
      commits: 'never',
      run: {
        partitionsConsumedConcurrently: 6,
        eachMessage: async ({ message }) => {
          const correlationId = header(message, CommandHeaders.CorrelationId);
          if (correlationId) this.settle(correlationId, message.value?.toString());
        },
      },
    });
    this.ready = true;
  }

  /** Sends a command to the service that answers it and resolves with the reply. */
  async request<Req extends object, Res>(command: RoutedCommand<Req, Res>, payload: Req, options: RequestOptions = {}): Promise<Res> {
    return this.send(command.service, command, [{ payload, options }]).replies[0];
  }

  /** A command every service answers (system.ping), to the service named. */
  async requestTo<Req extends object, Res>(service: ServiceName, command: CommandDefinition<Req, Res>, payload: Req, options: RequestOptions = {}): Promise<Res> {
    return this.send(service, command, [{ payload, options }]).replies[0];
  }

  /**
   * Several commands to one service in one write to Kafka, and a reply for each. `sent` settles
   * once Kafka holds them (durable then: they are handled even if this process dies), apart from
   * the replies, for callers that hand work on and take the answers whenever they come.
   */
  sendMany<Req extends object, Res>(
    command: RoutedCommand<Req, Res>,
    requests: Array<{ payload: Req; options?: RequestOptions }>,
  ): { sent: Promise<void>; replies: Array<Promise<Res>> } {
    return this.send(command.service, command, requests);
  }

  private send<Req extends object, Res>(
    service: ServiceName,
    command: CommandDefinition<Req, Res>,
    requests: Array<{ payload: Req; options?: RequestOptions }>,
  ): { sent: Promise<void>; replies: Array<Promise<Res>> } {
    const unavailable = () => this.refusals?.inc({ target_service: service });
    if (!this.ready) {
      unavailable();
      return refused(requests.length, new DomainError(ErrorCodes.ExternalServiceError, 'not connected to the services yet'));
    }
    if (this.presence.knownDown(service)) {
      unavailable();
      return refused(requests.length, new DomainError(ErrorCodes.ServiceUnavailable, `no replica of ${service} is running; try again shortly`));
    }
    const started = performance.now();
    const calls = requests.map(({ payload, options = {} }) => {
      const correlationId = randomUUID();
      const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
      // The span covers the round trip; the service's span of the command is its child.
      const span = startProducerSpan(`send ${command.type}`, commandTopic(service), { 'messaging.message.conversation_id': correlationId });
      const reply = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.forget(correlationId);
          this.presence.suspect(service);
          reject(new LocalFailure('timeout', ErrorCodes.ServiceTimeout, `${service} did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        this.pending.set(correlationId, { resolve, reject, timer });
      });
      // A rejection before the caller awaits (a deadline passing while Kafka is away) must not go
      // unhandled: that would take the process down.
      reply.then(
        () => {
          this.observe(service, command.type, 'ok', started);
          endSpan(span);
        },
        (error: unknown) => {
          this.observe(service, command.type, outcomeOf(error), started);
          endSpan(span, error);
        },
      );
      const body: CommandRequest<Req> = { type: command.type, tenantId: options.tenantId, payload };
      const message = {
        key: options.key ?? correlationId,
        value: JSON.stringify(body),
        headers: {
          ...traceHeaders(span),
          [CommandHeaders.CorrelationId]: correlationId,
          [CommandHeaders.ReplyTo]: this.bus.scoped(replyTopic(this.bus.service)),
          [CommandHeaders.Deadline]: String(Date.now() + timeoutMs),
          [CommandHeaders.Type]: command.type,
        },
      };
      return { correlationId, reply: reply as Promise<Res>, message, hedged: command.safe === true && options.key === undefined };
    });
    const topic = this.bus.scoped(commandTopic(service));
    // The deadlines bound the waits for replies even while the producer retries.
    const sent = this.bus.sendRaw(topic, ...calls.map((call) => call.message)).catch((error) => {
      this.logger.warn({ msg: 'command not sent', service, type: command.type, err: messageOf(error) }, CommandClient.name);
      const failure = new LocalFailure('unsent', ErrorCodes.ExternalServiceError, `${service} could not be reached`);
      for (const call of calls) this.fail(call.correlationId, failure);
      throw failure;
    });
    sent.then(
      () => calls.filter((call) => call.hedged).forEach((call) => this.armHedge(topic, call.correlationId, call.message)),
      () => undefined,
    );
    return { sent, replies: calls.map((call) => call.reply) };
  }

  private armHedge(topic: string, correlationId: string, message: { key: string; value: string; headers: Record<string, string> }): void {
    const pending = this.pending.get(correlationId);
    if (!pending) return;
    pending.hedge = setTimeout(() => {
      pending.hedge = undefined;
      if (!this.pending.has(correlationId) || this.hedges >= MAX_HEDGES) return;
      this.hedges += 1;
      // Same correlation id: whichever copy is answered first settles the call; the other's reply is dropped.
      void this.bus
        .sendRaw(topic, { ...message, key: randomUUID() })
        .catch(() => undefined)
        .finally(() => (this.hedges -= 1));
    }, HEDGE_AFTER_MS);
  }

  private forget(correlationId: string): Pending | undefined {
    const pending = this.pending.get(correlationId);
    if (!pending) return undefined;
    this.pending.delete(correlationId);
    clearTimeout(pending.timer);
    clearTimeout(pending.hedge);
    return pending;
  }

  async stop(): Promise<void> {
    this.ready = false;
    for (const [id] of this.pending) {
      this.fail(id, new DomainError(ErrorCodes.ExternalServiceError, 'the gateway is shutting down'));
    }
    if (this.consumer) await this.bus.release(this.consumer);
    this.consumer = undefined;
  }

  private settle(correlationId: string, raw: string | undefined): void {
    const pending = this.forget(correlationId);
    if (!pending) return; // late reply to a request that already timed out, or a query's second answer
    let reply: CommandReply;
    try {
      reply = JSON.parse(raw ?? '') as CommandReply;
    } catch {
      pending.reject(new DomainError(ErrorCodes.InternalError, 'malformed reply'));
      return;
    }
    if (reply.ok) pending.resolve(reply.data);
    else pending.reject(DomainError.fromDetail(reply.error));
  }

  private observe(service: string, command: string, outcome: string, started: number): void {
    this.roundTrips?.observe({ target_service: service, command, outcome }, (performance.now() - started) / 1000);
  }

  private fail(correlationId: string, error: Error): void {
    this.forget(correlationId)?.reject(error);
  }
}

function refused<Res>(count: number, error: DomainError): { sent: Promise<void>; replies: Array<Promise<Res>> } {
  const failure = Promise.reject(error);
  failure.catch(() => undefined);
  return { sent: failure, replies: Array.from({ length: count }, () => failure as Promise<Res>) };
}

/** A failed request's outcome label: no answer by the deadline, not sent, or the service's own error answer. */
function outcomeOf(error: unknown): string {
  if (error instanceof LocalFailure) return error.outcome;
  return 'error';
}

/** A failure this client decided (the service never answered), told apart from a service's error replies of the same code. */
class LocalFailure extends DomainError {
  constructor(
    readonly outcome: 'timeout' | 'unsent',
    ...args: ConstructorParameters<typeof DomainError>
  ) {
    super(...args);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
