import { Metrics, statusClass } from './metrics';

describe(Metrics.name, () => {
  it('labels every sample with its service and answers one metric declared twice', async () => {
    const metrics = new Metrics('memory');
    const first = metrics.counter('things_total', 'Things.', ['kind']);
    expect(metrics.counter('things_total', 'Things.', ['kind'])).toBe(first);
    first.inc({ kind: 'a' }, 2);
    expect(await metrics.scrape()).toMatch(/^things_total\{kind="a",service="memory"\} 2$/m);
    expect(await metrics.scrape()).toMatch(/^process_cpu_seconds_total\{service="memory"\} /m);
  });

  it('keeps a scrape whole when a gauge cannot be read: that gauge keeps its last value', async () => {
    const metrics = new Metrics('memory');
    let fail = false;
    metrics.gauge('rows', 'Rows.', [], async (gauge) => {
      if (fail) throw new Error('database away');
      gauge.set(7);
    });
    metrics.gauge('slow', 'Never answers.', [], () => new Promise<void>(() => undefined));
    metrics.counter('ok_total', 'Fine.').inc();
    expect(await metrics.scrape()).toMatch(/^rows\{service="memory"\} 7$/m);
    fail = true;
    const started = Date.now();
    const text = await metrics.scrape();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(text).toMatch(/^rows\{service="memory"\} 7$/m);
    expect(text).toMatch(/^ok_total\{service="memory"\} 1$/m);
  });

  it('does nothing when off: every metric is a no-op and nothing is collected', async () => {
    const metrics = new Metrics('memory', false);
    const counter = metrics.counter('things_total', 'Things.', ['kind']);
    counter.inc({ kind: 'a' });
    metrics.histogram('took_seconds', 'Took.').startTimer()();
    metrics.gauge('rows', 'Rows.', ['state'], () => {
      throw new Error('never read');
    }).remove({ state: 'x' });
    expect((await metrics.scrape()).trim()).toBe('');
  });

  it('names status classes', () => {
    expect([statusClass(204), statusClass(503), statusClass(null)]).toEqual(['2xx', '5xx', 'none']);
  });
});
