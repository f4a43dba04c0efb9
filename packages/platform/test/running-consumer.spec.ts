import { KafkaJSNonRetriableError } from 'kafkajs';
import { platformTopicSpecs, Topics } from '@hb/contracts';
import { KafkaBus } from '../src/kafka/kafka-bus';
import { dropNamespace, memoryLogger, testEnv, uniqueName } from './support/test-env';

async function eventually(assertion: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('a consumer the bus keeps running', () => {
  const namespace = uniqueName('rc');
  const logger = memoryLogger('memory');
  let bus: KafkaBus;

  beforeAll(async () => {
    bus = new KafkaBus({ brokers: testEnv.kafkaBrokers, service: 'memory', instanceId: uniqueName('i'), namespace, logger });
    await bus.connect();
    await bus.ensureTopics(platformTopicSpecs());
  });

  afterAll(async () => {
    await bus.disconnect();
    await dropNamespace(namespace);
  });

  it('comes back after a crash kafkajs would not restart from, and reads the message again', async () => {
    const seen: string[] = [];
    let crashes = 0;
    const running = await bus.run({
      group: 'crash-test',
      topics: [bus.scoped(Topics.MemoryEvents)],
      fromBeginning: true,
      run: {
        eachMessage: async ({ message }) => {
          const value = message.value!.toString();
          if (value === 'poison' && crashes++ === 0) throw new KafkaJSNonRetriableError('not retriable');
          seen.push(value);
        },
      },
    });
    expect(running.healthy).toBe(true);
    await bus.sendRaw(bus.scoped(Topics.MemoryEvents), { key: 'k', value: 'poison', headers: {} });
    await eventually(() => expect(crashes).toBe(1));
    await eventually(() => expect(seen).toEqual(['poison']), 15_000);
    await eventually(() => expect(running.healthy).toBe(true));
    expect(logger.lines).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('starting a new one'), group: 'crash-test' }));
    await bus.release(running);
    expect(running.healthy).toBe(false);
  });
});
