import { fireJobs } from './fire-queue';

const at = (iso: string) => new Date(iso);

describe(fireJobs.name, () => {
  it('groups executions due at the same moment, at most 100 to a job, each delayed to its time', () => {
    const now = Date.parse('2026-03-02T09:00:00.000Z');
    const due = Array.from({ length: 250 }, (_, i) => ({ id: `log_${i}`, scheduled_for: at('2026-03-02T09:00:01.500Z') }));
    const sut = fireJobs([...due, { id: 'log_late', scheduled_for: at('2026-03-02T08:59:00.000Z') }], now);
    expect(sut.map((job) => [job.data.executionIds.length, job.opts.delay])).toEqual([
      [100, 1500],
      [100, 1500],
      [50, 1500],
      [1, 0],
    ]);
    expect(sut.flatMap((job) => job.data.executionIds).sort()).toEqual([...due.map((e) => e.id), 'log_late'].sort());
  });

  it('gives the same executions the same job id, so handing them again while queued adds nothing', () => {
    const executions = [{ id: 'log_a', scheduled_for: at('2026-03-02T09:00:00Z') }, { id: 'log_b', scheduled_for: at('2026-03-02T09:00:00Z') }];
    expect(fireJobs(executions)[0].opts.jobId).toBe(fireJobs(executions)[0].opts.jobId);
    expect(fireJobs(executions.slice(0, 1))[0].opts.jobId).not.toBe(fireJobs(executions)[0].opts.jobId);
  });
});
