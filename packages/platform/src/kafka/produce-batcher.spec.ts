import type { Producer, TopicMessages } from 'kafkajs';
import { ProduceBatcher } from './produce-batcher';

/** A producer whose requests end when the test says, recording what each carried. */
function aProducer() {
  const requests: Array<{ topicMessages: TopicMessages[]; end(error?: Error): void }> = [];
  const producer = {
    sendBatch: ({ topicMessages }: { topicMessages: TopicMessages[] }) =>
      new Promise<void>((resolve, reject) => requests.push({ topicMessages, end: (error) => (error ? reject(error) : resolve()) })),
  } as unknown as Producer;
  return { producer, requests };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const values = (topicMessages: TopicMessages[]) => topicMessages.map(({ topic, messages }) => [topic, messages.map((m) => m.value)]);

describe(ProduceBatcher.name, () => {
  it('sends a lone message at once, in a request of its own', async () => {
    const { producer, requests } = aProducer();
    const sut = new ProduceBatcher(producer);
    const sent = sut.send('t', [{ value: 'a' }]);
    await turn();
    expect(requests.map((r) => values(r.topicMessages))).toEqual([[['t', ['a']]]]);
    requests[0].end();
    await expect(sent).resolves.toBeUndefined();
  });

  it('sends together, in order and by topic, what was asked while two requests were out', async () => {
    const { producer, requests } = aProducer();
    const sut = new ProduceBatcher(producer);
    const first = [sut.send('t', [{ value: 'a' }])];
    await turn();
    first.push(sut.send('t', [{ value: 'b' }]));
    await turn();
    const waiting = [sut.send('t', [{ value: 'c' }]), sut.send('u', [{ value: 'd' }]), sut.send('t', [{ value: 'e' }])];
    await turn();
    expect(requests).toHaveLength(2);
    requests[0].end();
    await turn();
    await turn();
    expect(requests).toHaveLength(3);
    expect(values(requests[2].topicMessages)).toEqual([
      ['t', ['c', 'e']],
      ['u', ['d']],
    ]);
    requests[1].end();
    requests[2].end();
    await expect(Promise.all([...first, ...waiting])).resolves.toHaveLength(5);
  });

  it("fails each send of a failed request, and goes on with the next ones", async () => {
    const { producer, requests } = aProducer();
    const sut = new ProduceBatcher(producer);
    const failed = sut.send('t', [{ value: 'a' }]);
    await turn();
    requests[0].end(new Error('broker away'));
    await expect(failed).rejects.toThrow('broker away');
    const later = sut.send('t', [{ value: 'b' }]);
    await turn();
    requests[1].end();
    await expect(later).resolves.toBeUndefined();
  });
});
