import { AuthenticationError, PayloadTooLargeError, type MemoryBatchResponse, type MemoryCreateParams } from '@hb/sdk';
import { MemoryImport, batchesOf, parseLine, type BatchReport } from './import';

async function* linesOf(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

/** A stand-in for createBatch that refuses a memory whose type is "bogus", naming the field as the API does. */
function fakeSend(calls: MemoryCreateParams[][]) {
  return async (memories: MemoryCreateParams[]): Promise<MemoryBatchResponse> => {
    calls.push(memories);
    const results = memories.map((memory, index) =>
      (memory.type as string) === 'bogus'
        ? { index, status: 'failed' as const, error: { code: 'VALIDATION_ERROR' as const, message: 'type must be one of …', field: `memories[${index}].type` } }
        : { index, status: 'created' as const },
    );
    return { created: results.filter((r) => r.status === 'created').length, failed: results.filter((r) => r.status === 'failed').length, results };
  };
}

const memoryLine = (n: number, type = 'semantic') => JSON.stringify({ content: `memory ${n}`, type });

describe('parseLine', () => {
  it('reads a memory object, skips a blank line, and fails what is not an object', () => {
    expect(parseLine('{"content":"x","type":"task"}', 3)).toMatchObject({ line: 3, memory: { content: 'x', type: 'task' } });
    expect(parseLine('   ', 4)).toBeUndefined();
    expect(parseLine('{"content":', 5)).toMatchObject({ line: 5, code: 'INVALID_JSON' });
    expect(parseLine('[1, 2]', 6)).toEqual({ line: 6, code: 'INVALID_JSON', message: 'The line is not a JSON object' });
  });
});

describe('batchesOf', () => {
  it('hands on a batch as soon as it holds `size` memories, bad lines riding with the batch they fall in', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => (i === 2 ? 'oops' : memoryLine(i + 1)));
    const batches = [];
    for await (const batch of batchesOf(linesOf(lines), 3)) batches.push(batch);
    expect(batches.map((b) => [b.firstLine, b.lastLine, b.entries.map((e) => e.line), b.invalid.map((f) => f.line)])).toEqual([
      [1, 4, [1, 2, 4], [3]],
      [5, 7, [5, 6, 7], []],
    ]);
  });

  it('starts a new batch before the memories would weigh more than the limit', async () => {
    const big = JSON.stringify({ content: 'x'.repeat(400), type: 'semantic' });
    const batches = [];
    for await (const batch of batchesOf(linesOf([big, big, big]), 100, 900)) batches.push(batch.entries.map((e) => e.line));
    expect(batches).toEqual([[1, 2], [3]]);
  });
});

describe('MemoryImport', () => {
  it('imports 250 lines in batches of 100, counting a line of bad JSON and a refused memory by their line numbers', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => memoryLine(i + 1));
    lines[16] = '{"content": "no closing brace"';
    lines[119] = memoryLine(120, 'bogus');
    const calls: MemoryCreateParams[][] = [];
    const reports: BatchReport[] = [];
    const summary = await new MemoryImport(fakeSend(calls), { batchSize: 100, onBatch: (r) => reports.push(r) }).run(linesOf(lines));
    expect(calls.map((c) => c.length)).toEqual([100, 100, 49]);
    expect(summary.created).toBe(248);
    expect(summary.failed).toBe(2);
    expect(summary.failures).toEqual([
      { line: 17, code: 'INVALID_JSON', message: expect.any(String) },
      { line: 120, code: 'VALIDATION_ERROR', message: 'type must be one of …', field: 'type' },
    ]);
    expect(reports.map((r) => [r.batch, r.firstLine, r.lastLine, r.created, r.failed])).toEqual([
      [1, 1, 101, 100, 1],
      [2, 102, 201, 99, 1],
      [3, 202, 250, 49, 0],
    ]);
  });

  it('fails the lines of a batch the API refuses as a whole, and goes on', async () => {
    const calls: MemoryCreateParams[][] = [];
    const send = fakeSend(calls);
    let first = true;
    const refusing = async (memories: MemoryCreateParams[]) => {
      if (!first) return send(memories);
      first = false;
      throw new PayloadTooLargeError(413, [{ code: 'PAYLOAD_TOO_LARGE', message: 'split the batch', field: 'memories' }], 'req_1', new Headers(), undefined);
    };
    const summary = await new MemoryImport(refusing, { batchSize: 2 }).run(linesOf([memoryLine(1), memoryLine(2), memoryLine(3)]));
    expect(summary).toEqual({
      created: 1,
      failed: 2,
      failures: [1, 2].map((line) => ({ line, code: 'PAYLOAD_TOO_LARGE', message: 'split the batch', field: 'memories' })),
    });
  });

  it('stops at an error every batch would meet, its summary telling what was done before', async () => {
    const calls: MemoryCreateParams[][] = [];
    const send = fakeSend(calls);
    const job = new MemoryImport(
      async (memories) => {
        if (calls.length === 1) throw new AuthenticationError(401, [{ code: 'AUTH_INVALID', message: 'revoked' }], undefined, new Headers(), undefined);
        return send(memories);
      },
      { batchSize: 1 },
    );
    await expect(job.run(linesOf([memoryLine(1), memoryLine(2), memoryLine(3)]))).rejects.toBeInstanceOf(AuthenticationError);
    expect(job.summary).toMatchObject({ created: 1, failed: 0 });
  });
});
