import type { BatchReport } from './import';

export interface ImportProgress {
  report(batch: BatchReport): void;
  /** Ends the display: the bar's line is closed so that what follows starts on a line of its own. */
  end(): void;
}

const BAR_WIDTH = 30;

/** An import's progress on `stream`: a bar redrawn in place on a terminal, else a line per batch (for logs). */
export function importProgress(stream: NodeJS.WriteStream, totalBytes: number): ImportProgress {
  if (!stream.isTTY) return { report: (batch) => void stream.write(`${batchLine(batch)}\n`), end: () => undefined };
  let created = 0;
  let failed = 0;
  let drawn = false;
  return {
    report(batch) {
      created += batch.created;
      failed += batch.failed;
      const share = totalBytes > 0 ? Math.min(1, batch.bytesRead / totalBytes) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      // \r returns to the line's start, \x1b[K clears what a longer previous drawing left.
      stream.write(`\r[${bar}] ${Math.round(share * 100)}%  line ${batch.lastLine}: ${created} created, ${failed} failed\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}

function batchLine(batch: BatchReport): string {
  return `batch ${batch.batch}: lines ${batch.firstLine}-${batch.lastLine}: ${batch.created} created, ${batch.failed} failed`;
}
