import { nestingDepth } from './json-depth';

const depth = (text: string, stopAbove?: number) => nestingDepth(Buffer.from(text), stopAbove);

describe('nestingDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a": [1, {"b": []}]}', 4],
    ['[[], [[]], []]', 3],
  ])('measures %s as %i', (text, expected) => {
    expect(depth(text)).toBe(expected);
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(depth('{"a": "[[[{{{", "b": "\\"[[[\\\\"}')).toBe(1);
  });

  it('stops counting once past the bound', () => {
    expect(depth('['.repeat(10_000), 64)).toBe(65);
  });
});
