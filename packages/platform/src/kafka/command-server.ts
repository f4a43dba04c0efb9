import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import {
  CommandHeaders,
  commandTopic,
  DomainError,
  ErrorCodes,
  parseAs,
  type CommandDefinition,
  type CommandReply,
  type CommandRequest,
  type ServiceName,
} from '@hb/contracts';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { consumeInSpan } from '../tracing/spans';
import type { KafkaBus } from './kafka-bus';
import { keepAlive } from './timing';
import type { RunningConsumer } from './running-consumer';

export interface CommandContext {
  tenantId?: string;
  correlationId: string;
}

type Handler = (payload: object, context: CommandContext) => Promise<unknown>;

interface Registration {
  request: CommandDefinition<object, unknown>['request'];
  handler: Handler;
  detached: boolean;
  /** Changes nothing: answering it twice does no harm, so its offset need not be committed at once. */
  readOnly: boolean;
}

export interface HandleOptions {
  /**
   * For commands that may take long (an agent run the caller waits for): the handler runs beside
   * the consumer, which moves on at once, and the reply goes when it ends. Such a handler must
   * make its work durable before it waits, since a redelivery will not come (unless it is a read,
   * whose offset waits to be committed with others: a redelivery of a read only reads again).
   */
  detached?: boolean;
}

/**
 * Answers the commands sent to one service's command topic. Each command type has one handler,
 * registered before start (a provider's `@OnCommand` method); each payload is validated against
 * the command's class before the handler sees it, and the reply goes back to the caller's reply
 * topic. Replicas share the work through one consumer group.
 */
export class CommandServer {
  private readonly handlers = new Map<string, Registration>();
  private consumer?: RunningConsumer;

  constructor(
    private readonly bus: KafkaBus,
    private readonly service: ServiceName,
    private readonly logger: LoggerService,
  ) {}

  handle<Req extends object, Res>(
    command: CommandDefinition<Req, Res>,
    handler: (payload: Req, context: CommandContext) => Promise<Res>,
    options: HandleOptions = {},
  ): void {
    if (this.handlers.has(command.type)) throw new Error(`command ${command.type} already has a handler`);
    const answeredBy = (command as { service?: ServiceName }).service;
    if (answeredBy && answeredBy !== this.service) {
      // Its requests go to another service's topic: this handler would never be called.
      throw new Error(`command ${command.type} is answered by ${answeredBy}, not ${this.service}`);
    }
    this.handlers.set(command.type, {
      request: command.request,
      handler: handler as Handler,
      detached: options.detached ?? false,
      readOnly: command.readOnly === true,
    });
  }

  async start(): Promise<void> {
    // A new group starts from the earliest retained command, not the latest: a command sent
    // while the group first joins (or to a partition whose leader was still being elected) would
    // otherwise fall before the starting offset and never be answered. Older commands are past
    // their deadline and dropped unread; later starts resume from committed offsets.
    this.consumer = await this.bus.run({
      group: `${this.service}.commands`,
      topics: [this.bus.scoped(commandTopic(this.service))],
      fromBeginning: true,
      // A command that may have changed state must not be handled twice; a read may.
      commits: (message) => (this.isRead(message) ? 'soon' : 'at-once'),
      run: {
        partitionsConsumedConcurrently: 6,
        eachMessage: async ({ message, heartbeat }) => keepAlive(heartbeat, () => this.dispatch(message)),
      },
    });
  }

  async stop(): Promise<void> {
    if (this.consumer) await this.bus.release(this.consumer);
    this.consumer = undefined;
  }

  /** A command of a known read-only type; anything else may have changed state. */
  private isRead(message: KafkaMessage): boolean {
    return this.handlers.get(header(message, CommandHeaders.Type) ?? '')?.readOnly ?? false;
  }

  private async dispatch(message: KafkaMessage): Promise<void> {
    const correlationId = header(message, CommandHeaders.CorrelationId);
    const replyTo = header(message, CommandHeaders.ReplyTo);
    if (!correlationId || !replyTo) {
      this.logger.warn({ msg: 'command without correlation id or reply topic dropped' }, CommandServer.name);
      return;
    }
    const deadline = Number(header(message, CommandHeaders.Deadline));
    if (Number.isFinite(deadline) && Date.now() > deadline) {
      // The caller has given up; doing the work now would only act on a request nobody awaits.
      this.logger.warn({ msg: 'expired command dropped', correlationId }, CommandServer.name);
      return;
    }
    if (this.handlers.get(header(message, CommandHeaders.Type) ?? '')?.detached) {
      void this.answer(message, correlationId, replyTo);
      return;
    }
    await this.answer(message, correlationId, replyTo);
  }

  private async answer(message: KafkaMessage, correlationId: string, replyTo: string): Promise<void> {
    const type = header(message, CommandHeaders.Type) ?? 'unknown';
    const topic = commandTopic(this.service);
    const reply = await consumeInSpan(`process ${type}`, topic, message.headers, { 'messaging.message.conversation_id': correlationId }, async () => {
      const answer = await this.execute(message, correlationId);
      if (!answer.ok) trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: answer.error.code });
      return answer;
    });
    try {
      await this.reply(replyTo, correlationId, reply);
    } catch (error) {
      // The work is done; throwing would make kafkajs redeliver the command and do it again. Say
      // so in a reply small enough to pass (the usual cause is an answer over Kafka's message
      // size); if even that fails, the caller gets its deadline's timeout.
      this.logger.warn({ msg: 'reply not sent', correlationId, err: String(error) }, CommandServer.name);
      const fallback: CommandReply = { ok: false, error: { code: ErrorCodes.InternalError, message: 'The answer could not be delivered' } };
      await this.reply(replyTo, correlationId, fallback).catch(() => undefined);
    }
  }

  private async reply(replyTo: string, correlationId: string, reply: CommandReply): Promise<void> {
    await this.bus.sendRaw(replyTo, {
      key: correlationId,
      value: JSON.stringify(reply),
      headers: { [CommandHeaders.CorrelationId]: correlationId },
    });
  }

  private async execute(message: KafkaMessage, correlationId: string): Promise<CommandReply> {
    try {
      const request = parseRequest(message);
      const registration = this.handlers.get(request.type);
      if (!registration) {
        throw new DomainError(ErrorCodes.UnknownCommand, `${this.service} has no command ${request.type}`);
      }
      const payload = parseAs(registration.request, request.payload ?? {});
      const data = await registration.handler(payload, { tenantId: request.tenantId, correlationId });
      return { ok: true, data: data ?? null };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.toDetail() };
      const errorId = randomUUID();
      this.logger.error({ msg: 'command failed', errorId, correlationId, err: describeError(error) }, CommandServer.name);
      return { ok: false, error: { code: ErrorCodes.InternalError, message: `Internal error (id ${errorId})` } };
    }
  }
}

function parseRequest(message: KafkaMessage): CommandRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value?.toString() ?? '');
  } catch {
    throw new DomainError(ErrorCodes.ValidationError, 'command is not JSON');
  }
  const request = parsed as Partial<CommandRequest>;
  if (!request || typeof request.type !== 'string') {
    throw new DomainError(ErrorCodes.ValidationError, 'command has no type', 'type');
  }
  return request as CommandRequest;
}

export function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
}

function describeError(error: unknown): { name?: string; message: string; stack?: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { message: String(error) };
}
