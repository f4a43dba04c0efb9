import { prefixedId } from './prefixed-id';

describe(prefixedId.name, () => {
  it('puts the prefix first and draws the given number of letters and digits', () => {
    for (let i = 0; i < 500; i++) expect(prefixedId('mem')).toMatch(/^mem_[A-Za-z0-9]{16}$/);
    expect(prefixedId('msg', { length: 20 })).toMatch(/^msg_[A-Za-z0-9]{20}$/);
  });

  it('draws lower-case hex when asked', () => {
    expect(prefixedId('hb', { alphabet: 'hex', length: 24 })).toMatch(/^hb_[0-9a-f]{24}$/);
  });

  it('uses every character of the alphabet about equally', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of prefixedId('x').slice(2)) counts.set(c, (counts.get(c) ?? 0) + 1);
    // 32,000 draws over 62 characters: about 516 each; a biased draw would skew the first ones.
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(400);
    for (const n of counts.values()) expect(n).toBeLessThan(640);
  });
});
