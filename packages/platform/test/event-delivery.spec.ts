import { randomUUID } from 'node:crypto';
import { IsString } from 'class-validator';
import { Topics, defineEvent, platformTopicSpecs, type EventEnvelope } from '@hb/contracts';
import { EventConsumer, on } from '../src/kafka/event-consumer';
import type { KafkaBus } from '../src/kafka/kafka-bus';
import { Metrics } from '../src/metrics';
import { Inbox } from '../src/outbox/inbox';
import { aBus, aTestSchema, dropNamespace, eventually, memoryLogger, uniqueName, type TestSchema } from './support/test-env';

function anEvent(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'memory.created',
    version: 1,
    tenantId: 'tenant-a',
    occurredAt: new Date().toISOString(),
    payload: { id: 'mem_1' },
    ...overrides,
  };
}

describe('event delivery', () => {
  const namespace = uniqueName('ev');
  let bus: KafkaBus;
  let schema: TestSchema;
  const logger = memoryLogger();
  const handledIds: string[] = [];
  const consumer = new Metrics('webhook-dispatcher');

  beforeAll(async () => {
    schema = await aTestSchema(['CREATE TABLE applied (event_id uuid NOT NULL, type text NOT NULL)']);
    bus = aBus('webhook-dispatcher', namespace);
    await bus.connect();
    await bus.ensureTopics(platformTopicSpecs());
    const inbox = new Inbox(schema.dataSource, 'test-consumer');
    await new EventConsumer(bus, logger, consumer).start({
      group: 'test-consumer',
      topics: [Topics.MemoryEvents],
      handle: async (event) => {
        handledIds.push(event.id);
        const applied = await inbox.once(event.id, async (manager) => {
          await manager.query('INSERT INTO applied (event_id, type) VALUES ($1, $2)', [event.id, event.type]);
        });
        if (!applied) return 'duplicate';
      },
    });
  });

  afterAll(async () => {
    await bus.disconnect();
    await schema.drop();
    await dropNamespace(namespace);
  });

  const appliedCount = async (id: string): Promise<number> =>
    Number((await schema.dataSource.query('SELECT count(*) AS n FROM applied WHERE event_id = $1', [id]))[0].n);

  it('applies a redelivered event once', async () => {
    const duplicate = anEvent();
    const sentinel = anEvent({ type: 'memory.updated' });
    // One key keeps the three in one partition, so the sentinel arrives after both copies.
    await bus.publish(Topics.MemoryEvents, [duplicate, duplicate, sentinel], () => 'mem_1');
    await eventually(async () => ((await appliedCount(sentinel.id)) === 1 ? true : undefined));
    expect(handledIds.filter((id) => id === duplicate.id)).toHaveLength(2);
    expect(await appliedCount(duplicate.id)).toBe(1);
    expect(await consumer.scrape()).toMatch(/^kafka_events_duplicates_skipped_total\{group="test-consumer",service="webhook-dispatcher"\} 1$/m);
  });

  it('skips a message that is not a valid envelope and goes on with the next', async () => {
    const sentinel = anEvent();
    const topic = bus.scoped(Topics.MemoryEvents);
    await bus.sendRaw(topic, { key: 'mem_2', value: '{"not":"an envelope"}', headers: {} });
    await bus.sendRaw(topic, { key: 'mem_2', value: 'not json at all', headers: {} });
    await bus.publish(Topics.MemoryEvents, [sentinel], () => 'mem_2');
    await eventually(async () => ((await appliedCount(sentinel.id)) === 1 ? true : undefined));
    expect(logger.lines.filter((line) => line.msg === 'invalid event skipped')).toHaveLength(2);
  });

  it('hands each handled type its payload validated by its class, skips a payload the class refuses, and passes other types', async () => {
    class Renamed {
      @IsString() id!: string;
      @IsString() name!: string;
    }
    const RenamedEvent = defineEvent('thing.renamed', Renamed);
    const handled: Array<EventEnvelope<Renamed>> = [];
    const consumerLogger = memoryLogger();
    await new EventConsumer(bus, consumerLogger).start({
      group: 'typed-consumer',
      topics: [Topics.MemoryEvents],
      handlers: [on(RenamedEvent, async (event) => void handled.push(event))],
    });
    const bad = anEvent({ type: 'thing.renamed', payload: { id: 'thing_1', name: 42 } });
    const other = anEvent({ type: 'thing.deleted', payload: { id: 'thing_1' } });
    const good = anEvent({ type: 'thing.renamed', payload: { id: 'thing_1', name: 'Second' } });
    await bus.publish(Topics.MemoryEvents, [bad, other, good], () => 'thing_1');
    await eventually(async () => (handled.some((event) => event.id === good.id) ? true : undefined));
    expect(handled.map((event) => event.id)).toEqual([good.id]);
    expect(handled[0].payload).toBeInstanceOf(Renamed);
    expect(handled[0].payload.name).toBe('Second');
    // The topic's earlier malformed messages are skipped too; the refused payload is skipped for its field.
    const refused = consumerLogger.lines.filter((line) => line.msg === 'invalid event skipped' && String(line.reason).includes('name must be a string'));
    expect(refused).toHaveLength(1);
  });
});
