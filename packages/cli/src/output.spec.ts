import { formatDetails, formatError, formatTable, type Column } from './output';

interface Row {
  id: string;
  content: string;
  score?: number;
}

const columns: Column<Row>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'score', value: (r) => r.score },
  { header: 'content', value: (r) => r.content },
];

describe('formatTable', () => {
  it('aligns the columns under upper-case headers, with no trailing spaces', () => {
    const text = formatTable([{ id: 'mem_1', content: 'short', score: 1 }, { id: 'mem_22', content: 'a little longer' }], columns);
    expect(text.split('\n')).toEqual([
      'ID      SCORE  CONTENT',
      'mem_1   1      short',
      'mem_22         a little longer',
    ]);
  });

  it('cuts a long cell to 60 characters with an ellipsis, and puts multi-line text on one line', () => {
    const text = formatTable([{ id: 'a', content: `first line\n\nsecond ${'x'.repeat(100)}` }], columns);
    const cell = text.split('\n')[1]!.slice('ID  SCORE  '.length);
    expect(cell).toHaveLength(60);
    expect(cell.startsWith('first line second xxx')).toBe(true);
    expect(cell.endsWith('…')).toBe(true);
  });

  it('fits the terminal width by shortening the widest column', () => {
    const rows = [{ id: 'mem_1', content: 'y'.repeat(50) }];
    const lines = formatTable(rows, columns, { width: 40 }).split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(40);
    expect(lines[1]).toMatch(/^mem_1 {3}\s+y+…$/);
  });

  it('never cuts a character in two', () => {
    const text = formatTable([{ id: 'e', content: '😀'.repeat(70) }], columns);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(Array.from(text.split('\n')[1]!.trim().split(/\s+/).at(-1)!)).toHaveLength(60);
  });
});

describe('formatError', () => {
  it('is one line: code, message, field and request id', () => {
    expect(formatError({ code: 'VALIDATION_ERROR', message: 'type must be\none of …', field: 'type', requestId: 'req_1' })).toBe(
      'error: VALIDATION_ERROR: type must be one of … (field: type) [req_1]',
    );
    expect(formatError({ code: 'CONNECTION_FAILED', message: 'Could not reach x' })).toBe('error: CONNECTION_FAILED: Could not reach x');
  });
});

describe('formatDetails', () => {
  it('aligns the values and indents the lines of a long one', () => {
    expect(formatDetails([['id', 'mem_1'], ['content', 'one\ntwo']])).toBe('id:      mem_1\ncontent: one\n         two');
  });
});
