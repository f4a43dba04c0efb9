import { buildChain, type ChainInput } from './decision-chain';

function aStep(id: string, day: number, overrides: Partial<ChainInput> = {}): ChainInput {
  return {
    id,
    content: `step ${id}`,
    type: 'episodic',
    tags: [],
    metadata: {},
    createdAt: new Date(Date.UTC(2025, 9, day)),
    relevance: 0.8,
    vector: [1, 0, 0],
    ...overrides,
  };
}

describe(buildChain.name, () => {
  it('orders the steps in time whatever order they were found in', () => {
    const sut = buildChain([aStep('c', 3), aStep('a', 1), aStep('b', 2)]);
    expect(sut.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('links each step to the earlier one it most resembles, saying why', () => {
    const sut = buildChain([
      aStep('budget', 1, { vector: [1, 0, 0], tags: ['q4'] }),
      aStep('hiring', 2, { vector: [0, 1, 0] }),
      aStep('cut', 3, { vector: [0.9, 0.1, 0], tags: ['q4'], type: 'decision', content: 'Decided to cut the Q4 ad budget' }),
    ]);
    expect(sut[0].ledFrom).toBeNull();
    expect(sut[1].ledFrom).toBeNull();
    expect(sut[2]).toMatchObject({ ledFrom: 'budget', isDecision: true, linkReasons: ['similar content', 'shared tags: q4'] });
  });

  it('links through the same person in metadata when the words differ', () => {
    const sut = buildChain([
      aStep('call', 1, { vector: [1, 0, 0], metadata: { contact_name: 'Sarah Chen' } }),
      aStep('mail', 2, { vector: [0.45, 0.9, 0], metadata: { contact_name: 'Sarah Chen' } }),
    ]);
    expect(sut[1]).toMatchObject({ ledFrom: 'call', linkReasons: ['same contact_name: Sarah Chen'] });
  });

  it('marks decisions by type or by the words that say one was taken', () => {
    const sut = buildChain([aStep('a', 1, { content: 'We agreed to move the launch' }), aStep('b', 2, { content: 'Met the team' })]);
    expect(sut.map((s) => s.isDecision)).toEqual([true, false]);
  });
});
