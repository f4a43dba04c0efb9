import { IsInt, Max } from 'class-validator';
import { Kafka, logLevel } from 'kafkajs';
import {
  DomainError,
  ErrorCodes,
  SystemCommands,
  commandTopic,
  defineCommand,
  defineQuery,
  platformTopicSpecs,
} from '@hb/contracts';
import { CommandClient } from '../src/kafka/command-client';
import { CommandServer } from '../src/kafka/command-server';
import type { KafkaBus } from '../src/kafka/kafka-bus';
import { aBus, dropNamespace, memoryLogger, testEnv, uniqueName } from './support/test-env';

class DivideRequest {
  @IsInt() @Max(1000) dividend!: number;
  @IsInt() divisor!: number;
}
const Divide = defineCommand<DivideRequest, { quotient: number }>('test.divide', DivideRequest);
const Unhandled = defineCommand<DivideRequest, never>('test.unhandled', DivideRequest);
class SlowRequest {
  @IsInt() @Max(5000) ms!: number;
}
const SlowQuery = defineQuery<SlowRequest, { copy: number }>('test.slow-query', SlowRequest);
const SlowCommand = defineCommand<SlowRequest, { copy: number }>('test.slow-command', SlowRequest);

describe('request/reply over Kafka', () => {
  const namespace = uniqueName('rr');
  let serviceBus: KafkaBus;
  let gatewayBus: KafkaBus;
  let server: CommandServer;
  let sut: CommandClient;
  let handled = 0;
  const slowCalls = new Map<string, number>();

  beforeAll(async () => {
    serviceBus = aBus('memory', namespace);
    gatewayBus = aBus('gateway', namespace);
    await Promise.all([serviceBus.connect(), gatewayBus.connect()]);
    await serviceBus.ensureTopics(platformTopicSpecs());
    server = new CommandServer(serviceBus, 'memory', memoryLogger());
    server.handle(SystemCommands.Ping, async ({ echo }) => ({ service: 'memory', instance: 'm1', echo }));
    server.handle(Divide, async ({ dividend, divisor }) => {
      handled += 1;
      if (divisor === 0) throw new DomainError(ErrorCodes.ValidationError, 'divisor must not be zero', 'divisor');
      if (divisor < 0) throw new Error('negative divisors break an invariant');
      return { quotient: dividend / divisor };
    });
    for (const command of [SlowQuery, SlowCommand]) {
      server.handle(command, async ({ ms }, { correlationId }) => {
        const copy = (slowCalls.get(correlationId) ?? 0) + 1;
        slowCalls.set(correlationId, copy);
        // The first copy stalls like a replica that just died; a second one answers at once.
        if (copy === 1) await new Promise((resolve) => setTimeout(resolve, ms));
        return { copy };
      });
    }
    await server.start();
    // Generous: on a busy shared broker (other suites creating and deleting topics) the first
    // request of a fresh namespace can take seconds. The deadline itself is tested per request.
    sut = new CommandClient(gatewayBus, memoryLogger(), 15_000);
    await sut.start();
  });

  afterAll(async () => {
    await sut.stop();
    await server.stop();
    await Promise.all([serviceBus.disconnect(), gatewayBus.disconnect()]);
    await dropNamespace(namespace);
  });

  it('returns the reply of the service that handled the command', async () => {
    await expect(sut.requestTo('memory', SystemCommands.Ping, { echo: 'hello' })).resolves.toEqual({
      service: 'memory',
      instance: 'm1',
      echo: 'hello',
    });
  });

  it('routes concurrent replies each to its own caller', async () => {
    const echoes = Array.from({ length: 50 }, (_, i) => `call-${i}`);
    const replies = await Promise.all(echoes.map((echo) => sut.requestTo('memory', SystemCommands.Ping, { echo })));
    expect(replies.map((reply) => reply.echo)).toEqual(echoes);
  });

  it('carries a domain error back with its code and field', async () => {
    await expect(sut.requestTo('memory', Divide, { dividend: 1, divisor: 0 })).rejects.toMatchObject({
      code: ErrorCodes.ValidationError,
      field: 'divisor',
    });
  });

  it('refuses a payload that fails the command class before the handler runs', async () => {
    const before = handled;
    await expect(sut.requestTo('memory', Divide, { dividend: 5000, divisor: 1 })).rejects.toMatchObject({
      code: ErrorCodes.ValidationError,
      field: 'dividend',
    });
    expect(handled).toBe(before);
  });

  it('answers an unexpected failure with an error id and no stack', async () => {
    const error: DomainError = await sut.requestTo('memory', Divide, { dividend: 1, divisor: -1 }).catch((e) => e);
    expect(error.code).toBe(ErrorCodes.InternalError);
    expect(error.message).toMatch(/^Internal error \(id [0-9a-f-]{36}\)$/);
  });

  it('sends a query unanswered after a second again, on another partition, and takes the first answer', async () => {
    await expect(sut.requestTo('memory', SlowQuery, { ms: 2500 })).resolves.toHaveProperty('copy');
    // Whichever copy answered, the service saw two of the one call.
    const deadline = Date.now() + 5000;
    while (![...slowCalls.values()].includes(2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...slowCalls.values()]).toEqual([2]);
  });

  it('never sends a command that is not a query twice', async () => {
    slowCalls.clear();
    await expect(sut.requestTo('memory', SlowCommand, { ms: 1500 })).resolves.toEqual({ copy: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...slowCalls.values()]).toEqual([1]);
  });

  it('answers a command the service does not know with UNKNOWN_COMMAND', async () => {
    await expect(sut.requestTo('memory', Unhandled, { dividend: 1, divisor: 1 })).rejects.toMatchObject({
      code: ErrorCodes.UnknownCommand,
    });
  });

  it('fails at the deadline while nothing is known of a service, then at once while none runs, and serves it once one joins', async () => {
    const started = Date.now();
    await expect(sut.requestTo('agent-runtime', SystemCommands.Ping, {}, { timeoutMs: 400 })).rejects.toMatchObject({
      code: ErrorCodes.ServiceTimeout,
    });
    const waited = Date.now() - started;
    // Not before the deadline: Date.now() has millisecond ticks, so a timer due at 400 ms may
    // read as 399.
    expect(waited).toBeGreaterThanOrEqual(399);
    // The upper bound only says the caller is not left hanging; it is loose for a busy machine.
    expect(waited).toBeLessThan(5000);

    // The unanswered request made the client look: the command group has no member.
    const asked = Date.now();
    await expect(sut.requestTo('agent-runtime', SystemCommands.Ping, {}, { timeoutMs: 400 })).rejects.toMatchObject({
      code: ErrorCodes.ServiceUnavailable,
    });
    expect(Date.now() - asked).toBeLessThan(50);

    const runtime = new CommandServer(serviceBus, 'agent-runtime', memoryLogger());
    runtime.handle(SystemCommands.Ping, async () => ({ service: 'agent-runtime', instance: 'a1' }));
    await runtime.start();
    try {
      let answer: unknown;
      const deadline = Date.now() + 5000;
      while (answer === undefined && Date.now() < deadline) {
        answer = await sut.requestTo('agent-runtime', SystemCommands.Ping, {}, { timeoutMs: 2000 }).catch(async (error: DomainError) => {
          expect(error.code).toBe(ErrorCodes.ServiceUnavailable);
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
      }
      expect(answer).toMatchObject({ service: 'agent-runtime' });
    } finally {
      await runtime.stop();
    }
  });

  it("commits a command's offset before it takes the next one, and a query's soon after", async () => {
    const admin = new Kafka({ brokers: testEnv.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const group = serviceBus.scoped('webhook-dispatcher.commands');
    const topic = serviceBus.scoped(commandTopic('webhook-dispatcher'));
    const committed = async () => {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      return partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    };
    const seenByQuery: number[] = [];
    const dispatcher = new CommandServer(serviceBus, 'webhook-dispatcher', memoryLogger());
    dispatcher.handle(Divide, async ({ dividend, divisor }) => ({ quotient: dividend / divisor }));
    dispatcher.handle(SystemCommands.Ping, async () => {
      seenByQuery.push(await committed());
      return { service: 'webhook-dispatcher', instance: 'w1' };
    });
    await dispatcher.start();
    try {
      // One key: one partition, handled in order. The query after each command sees it committed.
      for (let i = 1; i <= 3; i++) {
        await sut.requestTo('webhook-dispatcher', Divide, { dividend: i, divisor: 1 }, { key: 'k' });
        await sut.requestTo('webhook-dispatcher', SystemCommands.Ping, {}, { key: 'k' });
        expect(seenByQuery[i - 1]).toBeGreaterThanOrEqual(2 * i - 1);
      }
      // The last query is committed too, with the next batch of commits or within a second.
      const deadline = Date.now() + 5000;
      while ((await committed()) < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await committed()).toBe(6);
    } finally {
      await dispatcher.stop();
      await admin.disconnect();
    }
  });
});
