import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Topics, platformTopicSpecs, type EventEnvelope } from '@hb/contracts';
import type { KafkaBus } from '../src/kafka/kafka-bus';
import { Outbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { aBus, aTestSchema, dropNamespace, eventually, memoryLogger, testEnv, uniqueName, type TestSchema } from './support/test-env';

describe(OutboxRelay.name, () => {
  const namespace = uniqueName('ob');
  let bus: KafkaBus;
  let schema: TestSchema;
  const received: EventEnvelope[] = [];
  const keys = new Map<string, string>();

  beforeAll(async () => {
    // Deferred, so a duplicate fails at commit: after the outbox row is written, not before.
    schema = await aTestSchema(['CREATE TABLE things (id text, CONSTRAINT things_pk PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED)']);
    bus = aBus('memory', namespace);
    await bus.connect();
    await bus.ensureTopics(platformTopicSpecs());
    await bus.run({
      group: 'outbox-test-reader',
      topics: [bus.scoped(Topics.MemoryEvents)],
      fromBeginning: true,
      run: {
        eachMessage: async ({ message }) => {
          const event: EventEnvelope = JSON.parse(message.value!.toString());
          received.push(event);
          keys.set(event.id, `${message.key?.toString()} ${message.headers?.['event-type']?.toString()}`);
        },
      },
    });
  });

  afterAll(async () => {
    await bus.disconnect();
    await schema.drop();
    await dropNamespace(namespace);
  });

  const unpublished = async (): Promise<number> =>
    Number((await schema.dataSource.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n);

  it('publishes an event whose writer was killed before relaying it', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'support/write-outbox-and-die.js'), testEnv.databaseUrl, schema.name, 'thing-1', namespace], {
      stdio: 'inherit',
      cwd: join(__dirname, '..'),
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(await unpublished()).toBe(1);

    const relay = new OutboxRelay(schema.dataSource, bus, memoryLogger());
    await relay.drain();

    const event = await eventually(async () => received.find((e) => e.payload.id === 'thing-1'));
    expect(event).toMatchObject({ type: 'memory.created', tenantId: 'tenant-a', version: 1 });
    expect(await unpublished()).toBe(0);
  });

  it('writes the change and its event together or not at all', async () => {
    const outbox = new Outbox(schema.dataSource, new OutboxRelay(schema.dataSource, bus, memoryLogger()));
    await schema.dataSource.query(`INSERT INTO things (id) VALUES ('taken')`);
    await expect(
      outbox.transaction(async (manager, emit) => {
        await manager.query('INSERT INTO things (id) VALUES ($1)', ['taken']);
        emit({ topic: Topics.MemoryEvents, aggregateId: 'thing-2', type: 'memory.created', tenantId: 't', payload: {} });
      }),
    ).rejects.toThrow(/things_pk/);
    const rows = await schema.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE aggregate_id = 'thing-2'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('runs what waits for the commit once it has committed, and never after a rollback', async () => {
    const outbox = new Outbox(schema.dataSource, new OutboxRelay(schema.dataSource, bus, memoryLogger()));
    const counted: string[] = [];
    const insert = (id: string) =>
      outbox.transaction(async (manager, _emit, afterCommit) => {
        const before = counted.length;
        afterCommit(() => counted.push(id));
        await manager.query('INSERT INTO things (id) VALUES ($1)', [id]);
        // Not yet: the transaction is still open.
        expect(counted).toHaveLength(before);
      });
    await insert('counted-once');
    // The duplicate fails at the commit itself (the key is deferred): nothing may count it.
    await expect(insert('counted-once')).rejects.toThrow(/things_pk/);
    expect(counted).toEqual(['counted-once']);
  });

  it('announces the event of a read straight to Kafka, keyed by its aggregate, with no outbox row', async () => {
    const outbox = new Outbox(schema.dataSource, new OutboxRelay(schema.dataSource, bus, memoryLogger()));
    outbox.announce({ topic: Topics.MemoryEvents, aggregateId: 'tenant-r', type: 'search.performed', tenantId: 'tenant-r', payload: { query: 'announced' } });
    const event = await eventually(async () => received.find((e) => e.payload.query === 'announced'));
    expect(event).toMatchObject({ type: 'search.performed', tenantId: 'tenant-r', version: 1 });
    expect(keys.get(event.id)).toBe('tenant-r search.performed');
    const rows = await schema.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE aggregate_id = 'tenant-r'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('lets two relays drain one outbox without publishing a row twice', async () => {
    const outbox = new Outbox(schema.dataSource, new OutboxRelay(schema.dataSource, bus, memoryLogger()));
    const ids = Array.from({ length: 300 }, (_, i) => `bulk-${i}`);
    await outbox.transaction(async (_manager, emit) => {
      for (const id of ids) emit({ topic: Topics.MemoryEvents, aggregateId: id, type: 'memory.created', tenantId: 't', payload: { id } });
    });
    const small = { batchSize: 20 };
    await Promise.all([
      new OutboxRelay(schema.dataSource, bus, memoryLogger(), small).drain(),
      new OutboxRelay(schema.dataSource, bus, memoryLogger(), small).drain(),
    ]);
    await eventually(async () => (received.filter((e) => String(e.payload.id).startsWith('bulk-')).length >= 300 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const bulk = received.filter((e) => String(e.payload.id).startsWith('bulk-'));
    expect(bulk).toHaveLength(300);
    expect(new Set(bulk.map((e) => e.id)).size).toBe(300);
    expect(await unpublished()).toBe(0);
  });
});
