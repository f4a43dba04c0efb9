import type { Failure } from './errors';

type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}

export interface TableOptions {
  /** Fit the table in this many characters (the terminal's width), shortening the widest columns first. */
  width?: number;
  /** Longest a cell may be before it is cut. Default 60. */
  maxCell?: number;
}

const GAP = '  ';
const MIN_COLUMN = 6;
const ELLIPSIS = '…';

/** Rows as aligned columns under upper-case headers; long or multi-line text is cut to one line with "…". */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[], options: TableOptions = {}): string {
  const maxCell = options.maxCell ?? 60;
  const headers = columns.map((column) => column.header.toUpperCase());
  const cells = rows.map((row) => columns.map((column) => cut(oneLine(column.value(row)), maxCell)));
  const widths = headers.map((header, c) => Math.max(length(header), ...cells.map((row) => length(row[c]!))));
  if (options.width !== undefined) shrink(widths, options.width - GAP.length * (columns.length - 1));
  return [headers, ...cells]
    .map((row) => row.map((cell, c) => pad(cut(cell, widths[c]!), widths[c]!)).join(GAP).trimEnd())
    .join('\n');
}

/** Takes a character at a time off the widest column until the columns fit in `budget`, or none can lose more. */
function shrink(widths: number[], budget: number): void {
  let total = widths.reduce((sum, width) => sum + width, 0);
  while (total > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) return;
    widths[widest]!--;
    total--;
  }
}

function oneLine(value: Cell): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\s+/g, ' ').trim();
}

/** Length in code points, so that a cut never splits a character in two. */
function length(text: string): number {
  return Array.from(text).length;
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}${ELLIPSIS}`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - length(text)));
}

/** `label: value` lines with the values aligned; a value of several lines is indented under its first. */
export function formatDetails(pairs: ReadonlyArray<readonly [string, Cell]>): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs
    .map(([label, value]) => `${`${label}:`.padEnd(width)} ${String(value ?? '').replace(/\n/g, `\n${' '.repeat(width + 1)}`)}`)
    .join('\n');
}

type Described = Pick<Failure, 'code' | 'message' | 'field' | 'requestId'>;

/** The one line an error prints: `error: <code>: <message> (field: x) [request id]`. */
export function formatError(failure: Described): string {
  return `error: ${failureText(failure)}`;
}

/** `<code>: <message> (field: x) [request id]`, on one line. */
export function failureText(failure: Described): string {
  const field = failure.field ? ` (field: ${failure.field})` : '';
  const requestId = failure.requestId ? ` [${failure.requestId}]` : '';
  return `${failure.code}: ${oneLine(failure.message)}${field}${requestId}`;
}

/** A date-time as `YYYY-MM-DD HH:MM:SS` (UTC), or nothing. */
export function when(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').slice(0, 19) : '';
}

/** Where a command writes: results to stdout (as JSON with --json), notes and progress to stderr. */
export class Output {
  constructor(
    readonly json: boolean,
    readonly stdout: NodeJS.WriteStream = process.stdout,
    readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  /** With --json, `value` as JSON; otherwise what `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.line(JSON.stringify(value, null, 2));
    else human();
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** A line for the person at the terminal, kept out of what a script reads from stdout. */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  table<T>(rows: readonly T[], columns: readonly Column<T>[], empty: string): void {
    if (rows.length === 0) return this.line(empty);
    this.line(formatTable(rows, columns, { width: this.stdout.isTTY ? this.stdout.columns : undefined }));
  }

  details(pairs: ReadonlyArray<readonly [string, Cell]>): void {
    this.line(formatDetails(pairs));
  }
}
