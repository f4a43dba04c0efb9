import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from a millisecond's work to a model call's minute. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * A service's Prometheus metrics: the runtime's defaults (CPU, memory, event-loop lag, GC) and
 * what the service declares, named per Prometheus' conventions (units in the name, `_total` for
 * counters). Labels take only bounded values: a route template, a status class, an outcome; never
 * a tenant, a key or a resource id. Declaring a metric twice answers the first (two modules may
 * count the same thing).
 */
export class Metrics {
  readonly registry = new Registry();

  /** `enabled: false` (METRICS_ENABLED=false): every metric is a no-op and nothing is collected. */
  constructor(
    service: string,
    readonly enabled = true,
  ) {
    this.registry.setDefaultLabels({ service });
    // Event-loop delay sampled every 100 ms, not prom-client's 10: each sample wakes the loop, and
    // 100 wake-ups a second about doubled an idle service's CPU. A stall still shows: one longer
    // than the period always, a shorter one in proportion to its length.
    if (enabled) collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.once(name, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets = LATENCY_BUCKETS): Histogram<L> {
    return this.once(name, () => new Histogram({ name, help, labelNames, buckets, registers: [this.registry] }));
  }

  /** A gauge; `collect` (run at each scrape) sets it from the source of truth, such as a count in a table. */
  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], collect?: (gauge: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return this.once(
      name,
      () =>
        new Gauge({
          name,
          help,
          labelNames,
          registers: [this.registry],
          ...(collect ? { async collect(this: Gauge<L>) { await collectSafely(name, () => collect(this)); } } : {}),
        }),
    );
  }

  /** The text a scrape answers. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private once<T>(name: string, make: () => T): T {
    if (!this.enabled) return NO_OP as T;
    return (this.registry.getSingleMetric(name) as T | undefined) ?? make();
  }
}

/** A gauge's reading may not fail or hang the scrape (prom-client answers it only once all have run): it keeps its last value. */
const COLLECT_TIMEOUT_MS = 2000;

async function collectSafely(name: string, collect: () => Promise<void> | void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      collect(),
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: no reading within ${COLLECT_TIMEOUT_MS} ms`)), COLLECT_TIMEOUT_MS);
      }),
    ]);
  } catch {
    // The series keeps its last value; a gap in a gauge says less than a scrape that fails whole.
  } finally {
    clearTimeout(timer);
  }
}

/** What every metric is when metrics are off: each call does nothing. */
const NO_OP = {
  remove: () => undefined,
  inc: () => undefined,
  dec: () => undefined,
  set: () => undefined,
  reset: () => undefined,
  observe: () => undefined,
  startTimer: () => () => 0,
  labels: () => NO_OP,
};

/** A status as its class (2xx, 4xx, …): a bounded label. */
export function statusClass(status: number | null | undefined): string {
  return status ? `${Math.floor(status / 100)}xx` : 'none';
}
