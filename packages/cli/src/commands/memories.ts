import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Memory, MemoryType } from '@hb/sdk';
import { collect, fraction, jsonObject, positiveInteger } from '../arguments';
import { Context } from '../context';
import { ExitCode, failureOf, usageError } from '../errors';
import { MAX_BATCH_SIZE, MemoryImport, type ImportSummary } from '../import';
import { failureText, formatError, when, type Column, type Output } from '../output';
import { importProgress } from '../progress';

/** Every memory type, for --type's choices: `satisfies` keeps the list the same as the SDK's. */
const TYPES = {
  episodic: true,
  semantic: true,
  procedural: true,
  working: true,
  prospective: true,
  emotional: true,
  contextual: true,
  identity: true,
  relational: true,
  event: true,
  predictive: true,
  task: true,
  decision: true,
} satisfies Record<MemoryType, true>;
const MEMORY_TYPES = Object.keys(TYPES) as MemoryType[];

const typeOption = (description: string) => new Option('--type <type>', description).choices(MEMORY_TYPES);

const MEMORY_COLUMNS: Column<Memory>[] = [
  { header: 'id', value: (m) => m.id },
  { header: 'type', value: (m) => m.type },
  { header: 'importance', value: (m) => m.importance },
  { header: 'tags', value: (m) => m.tags.join(',') },
  { header: 'created', value: (m) => when(m.createdAt) },
  { header: 'content', value: (m) => m.content },
];

export function registerMemories(program: Command): void {
  const memories = program.command('memories').description("Store, find and delete the tenant's memories");

  memories
    .command('add')
    .description('Store a memory')
    .argument('<content>', 'what to remember')
    .addOption(typeOption('the kind of memory').makeOptionMandatory())
    .option('--importance <n>', 'from 0 to 1 (default 0.5)', fraction)
    .option('--tag <tag>', 'a tag; repeat for more', collect)
    .option('--metadata <json>', 'a JSON object stored with it', jsonObject)
    .action(async (content: string, options: { type: MemoryType; importance?: number; tag?: string[]; metadata?: Record<string, unknown> }, command: Command) => {
      const ctx = Context.of(command);
      const { type, importance, tag: tags, metadata } = options;
      const memory = await ctx.client().memories.create({ content, type, importance, tags, metadata });
      ctx.output.result(memory, () => ctx.output.line(`Created memory ${memory.id} (${memory.type}).`));
    });

  memories
    .command('search')
    .description('Find memories by meaning and words, the most relevant first')
    .argument('<query>', 'what to look for')
    .option('--limit <n>', 'at most this many results (default 20)', positiveInteger)
    .addOption(typeOption('only memories of this type'))
    .option('--min-relevance <n>', 'leave out results less relevant than this, from 0 to 1', fraction)
    .action(async (query: string, options: { limit?: number; type?: MemoryType; minRelevance?: number }, command: Command) => {
      const ctx = Context.of(command);
      const found = await ctx.client().memories.search({ query, ...options });
      ctx.output.result(found, () =>
        ctx.output.table(
          found.results,
          [
            { header: 'id', value: (m) => m.id },
            { header: 'relevance', value: (m) => m.relevance.toFixed(2) },
            { header: 'type', value: (m) => m.type },
            { header: 'content', value: (m) => m.content },
          ],
          'No memories matched.',
        ),
      );
    });

  memories
    .command('list')
    .description('List memories, the newest first: a page, or with --all every one')
    .addOption(typeOption('only memories of this type'))
    .option('--limit <n>', 'memories per page (default 50, or 100 with --all; at most 100)', positiveInteger)
    .addOption(new Option('--page <n>', 'which page (default 1)').argParser(positiveInteger).conflicts('all'))
    .option('--all', 'every memory, page after page')
    .action(async (options: { type?: MemoryType; limit?: number; page?: number; all?: boolean }, command: Command) => {
      const ctx = Context.of(command);
      const { all, ...params } = options;
      const hb = ctx.client();
      if (all) {
        const every = await hb.memories.list({ ...params, limit: params.limit ?? 100 }).toArray();
        return ctx.output.result(every, () => {
          ctx.output.table(every, MEMORY_COLUMNS, 'No memories.');
          if (every.length > 0) ctx.output.line(`${memoriesCount(every.length)}.`);
        });
      }
      const page = await hb.memories.list(params);
      ctx.output.result(page, () => {
        ctx.output.table(page.memories, MEMORY_COLUMNS, 'No memories.');
        const { page: number, pages, total } = page.pagination;
        if (total > 0) ctx.output.line(`Page ${number} of ${pages} (${memoriesCount(total)}).`);
      });
    });

  memories
    .command('get')
    .description('Show a memory')
    .argument('<id>', 'the memory id (mem_…)')
    .action(async (id: string, _options: object, command: Command) => {
      const ctx = Context.of(command);
      const memory = await ctx.client().memories.get(id);
      ctx.output.result(memory, () =>
        ctx.output.details([
          ['id', memory.id],
          ['type', memory.type],
          ['importance', memory.importance],
          ['tags', memory.tags.join(', ')],
          ['created', when(memory.createdAt)],
          ['updated', when(memory.updatedAt)],
          ...(memory.agentId ? [['agent', memory.agentId] as const] : []),
          ['metadata', JSON.stringify(memory.metadata)],
          ['content', memory.content],
        ]),
      );
    });

  memories
    .command('rm')
    .description('Delete memories; each id is tried, and the exit code is that of the first that failed')
    .argument('<ids...>', 'the memory ids')
    .action(async (ids: string[], _options: object, command: Command) => {
      const ctx = Context.of(command);
      const hb = ctx.client();
      const deleted: unknown[] = [];
      for (const id of ids) {
        try {
          deleted.push(await hb.memories.delete(id));
          if (!ctx.output.json) ctx.output.line(`Deleted ${id}.`);
        } catch (error) {
          const failure = failureOf(error);
          ctx.output.note(formatError(failure));
          process.exitCode ||= failure.exitCode;
        }
      }
      if (ctx.output.json) ctx.output.line(JSON.stringify(deleted, null, 2));
    });

  memories
    .command('import')
    .description('Store the memories of a JSONL file, one memory object per line, in batches')
    .argument('<file>', 'the .jsonl file: each line as memories add takes it, e.g. {"content":"…","type":"semantic","tags":["x"]}')
    .option('--batch-size <n>', `memories per request, at most ${MAX_BATCH_SIZE}`, batchSize, MAX_BATCH_SIZE)
    .addHelpText(
      'after',
      `\nA line that is not a JSON object, or that the API refuses, is counted as failed and the import goes on.\n` +
        `The summary names each failed line; the exit code is ${ExitCode.Partial} when any line failed.`,
    )
    .action(async (file: string, options: { batchSize: number }, command: Command) => {
      const ctx = Context.of(command);
      const hb = ctx.client();
      const progress = importProgress(process.stderr, sizeOf(file));
      const job = new MemoryImport((memories) => hb.memories.createBatch(memories), { batchSize: options.batchSize, onBatch: (batch) => progress.report(batch) });
      try {
        await job.run(linesOf(file));
      } catch (error) {
        progress.end();
        ctx.output.note(`Stopped: ${job.summary.created} created and ${job.summary.failed} failed before this error.`);
        throw error;
      }
      progress.end();
      ctx.output.result(job.summary, () => printSummary(ctx.output, file, job.summary));
      if (job.summary.failed > 0) process.exitCode = ExitCode.Partial;
    });
}

function memoriesCount(n: number): string {
  return `${n} ${n === 1 ? 'memory' : 'memories'}`;
}

function batchSize(value: string): number {
  const n = positiveInteger(value);
  if (n > MAX_BATCH_SIZE) throw new InvalidArgumentError(`At most ${MAX_BATCH_SIZE}.`);
  return n;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw usageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

async function* linesOf(file: string): AsyncGenerator<string> {
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    // A byte order mark is no part of the first line's JSON.
    yield first ? line.replace(/^\uFEFF/, '') : line;
    first = false;
  }
}

function printSummary(output: Output, file: string, summary: ImportSummary): void {
  output.line(`Imported ${file}: ${summary.created} created, ${summary.failed} failed.`);
  for (const failure of summary.failures) output.line(`  line ${failure.line}: ${failureText(failure)}`);
}
