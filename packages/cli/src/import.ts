import { APIError, type MemoryBatchResponse, type MemoryCreateParams } from '@hb/sdk';

/** The most memories one createBatch takes. */
export const MAX_BATCH_SIZE = 100;
/** Under the 512 KiB the gateway lets a batch's memories weigh: long memories make smaller batches, not a refused one. */
const MAX_BATCH_BYTES = 480 * 1024;
/** Statuses by which the API refuses a batch as a whole (malformed, too large): its lines fail, the import goes on. */
const BATCH_REFUSALS = new Set([400, 413]);

/** A line of the file that was not stored, and why. */
export interface LineFailure {
  line: number;
  code: string;
  message: string;
  field?: string;
}

export interface ImportSummary {
  created: number;
  failed: number;
  /** In the order of their lines. */
  failures: LineFailure[];
}

/** What one batch did, for the progress display. */
export interface BatchReport {
  batch: number;
  firstLine: number;
  lastLine: number;
  created: number;
  failed: number;
  /** Of the file, up to the batch's last line. */
  bytesRead: number;
}

/** A line holding a memory to send. */
export interface Entry {
  line: number;
  memory: MemoryCreateParams;
  bytes: number;
}

/** Consecutive lines of the file: the memories to send together, and the lines that failed before sending. */
export interface Batch {
  firstLine: number;
  lastLine: number;
  entries: Entry[];
  invalid: LineFailure[];
  bytes: number;
  bytesRead: number;
}

export type SendBatch = (memories: MemoryCreateParams[]) => Promise<MemoryBatchResponse>;

/** A line as a memory to send, as a failure of its own (not JSON, not an object), or nothing (a blank line). */
export function parseLine(text: string, line: number): Entry | LineFailure | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, code: 'INVALID_JSON', message: (error as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, code: 'INVALID_JSON', message: 'The line is not a JSON object' };
  return { line, memory: value as MemoryCreateParams, bytes: Buffer.byteLength(text) };
}

/**
 * The lines in batches of up to `size` memories and `maxBytes` of them; a batch is handed on as
 * soon as it is full, so that progress shows while the file is read.
 */
export async function* batchesOf(lines: AsyncIterable<string>, size: number, maxBytes = MAX_BATCH_BYTES): AsyncGenerator<Batch> {
  let line = 0;
  let bytesRead = 0;
  let batch = startingAt(1, 0);
  for await (const text of lines) {
    line++;
    bytesRead += Buffer.byteLength(text) + 1;
    const parsed = parseLine(text, line);
    if (parsed && 'memory' in parsed && batch.entries.length > 0 && batch.bytes + parsed.bytes > maxBytes) {
      yield batch;
      batch = startingAt(line, batch.bytesRead);
    }
    if (parsed && 'memory' in parsed) {
      batch.entries.push(parsed);
      batch.bytes += parsed.bytes;
    } else if (parsed) {
      batch.invalid.push(parsed);
    }
    batch.lastLine = line;
    batch.bytesRead = bytesRead;
    if (batch.entries.length >= size) {
      yield batch;
      batch = startingAt(line + 1, bytesRead);
    }
  }
  if (batch.entries.length > 0 || batch.invalid.length > 0) yield batch;
}

function startingAt(firstLine: number, bytesRead: number): Batch {
  return { firstLine, lastLine: firstLine - 1, entries: [], invalid: [], bytes: 0, bytesRead };
}

/**
 * Imports a JSONL file's memories batch by batch. A line that fails (bad JSON, or refused by the
 * API) is counted and the import goes on; an error that would fail every batch (the key refused,
 * the platform unreachable) ends it, with `summary` telling what was done before.
 */
export class MemoryImport {
  readonly summary: ImportSummary = { created: 0, failed: 0, failures: [] };

  constructor(
    private readonly send: SendBatch,
    private readonly options: { batchSize: number; onBatch?: (report: BatchReport) => void },
  ) {}

  async run(lines: AsyncIterable<string>): Promise<ImportSummary> {
    let batchNumber = 0;
    for await (const batch of batchesOf(lines, this.options.batchSize)) {
      const sent = await this.sendBatch(batch.entries);
      const failures = [...batch.invalid, ...sent.failures].sort((a, b) => a.line - b.line);
      this.summary.created += sent.created;
      this.summary.failed += failures.length;
      this.summary.failures.push(...failures);
      this.options.onBatch?.({
        batch: ++batchNumber,
        firstLine: batch.firstLine,
        lastLine: batch.lastLine,
        created: sent.created,
        failed: failures.length,
        bytesRead: batch.bytesRead,
      });
    }
    return this.summary;
  }

  private async sendBatch(entries: Entry[]): Promise<{ created: number; failures: LineFailure[] }> {
    if (entries.length === 0) return { created: 0, failures: [] };
    let answer: MemoryBatchResponse;
    try {
      answer = await this.send(entries.map((entry) => entry.memory));
    } catch (error) {
      if (!(error instanceof APIError) || !BATCH_REFUSALS.has(error.status)) throw error;
      const message = error.errors[0]?.message ?? error.message;
      return { created: 0, failures: entries.map(({ line }) => ({ line, code: error.code, message, field: error.field })) };
    }
    const failures = answer.results
      .filter((result) => result.status === 'failed')
      .map((result) => ({
        line: entries[result.index]!.line,
        code: result.error?.code ?? 'FAILED',
        message: result.error?.message ?? 'The memory was not created',
        field: fieldOfItem(result.error?.field),
      }));
    return { created: answer.results.length - failures.length, failures };
  }
}

/** The API names an item's field `memories[3].type`; of a line, it is `type`. */
function fieldOfItem(field: string | undefined): string | undefined {
  return field?.replace(/^memories\[\d+\]\.?/, '') || undefined;
}
