import { createHash } from 'node:crypto';
import type { JobOptions } from 'bull';

/** The Bull queue between the claim and the dispatch. */
export const FIRE_QUEUE = 'heartbeat-fires';

/** Executions due at the same moment, fired together: one transaction and one write to Kafka. */
export interface FireJob {
  executionIds: string[];
}

/** Executions one job fires at most. */
const FIRE_BATCH = 100;

/**
 * Jobs for executions, grouped by due time, each delayed to its time. A job's id is derived from
 * its executions, so handing the same ones again while the first job waits adds nothing.
 */
export function fireJobs(executions: Array<{ id: string; scheduled_for: Date }>, now = Date.now()): Array<{ data: FireJob; opts: JobOptions }> {
  const byTime = new Map<number, string[]>();
  for (const { id, scheduled_for } of executions) {
    const at = scheduled_for.getTime();
    byTime.set(at, [...(byTime.get(at) ?? []), id]);
  }
  const jobs: Array<{ data: FireJob; opts: JobOptions }> = [];
  for (const [at, ids] of byTime) {
    for (let i = 0; i < ids.length; i += FIRE_BATCH) {
      const executionIds = ids.slice(i, i + FIRE_BATCH);
      const jobId = createHash('sha1').update(executionIds.join(',')).digest('hex');
      jobs.push({ data: { executionIds }, opts: { jobId, delay: Math.max(0, at - now) } });
    }
  }
  return jobs;
}
