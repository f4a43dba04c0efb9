import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ConfigMap } from 'kubernetes-models/v1';

const INFRA = resolve(__dirname, '..');
const ROOT = resolve(INFRA, '..');
const MONITORING = join(INFRA, 'k8s', 'monitoring');

/** The metrics the code declares (`metrics.counter('name', …)` and the like), a histogram's series included. */
function declaredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (entry === 'node_modules' || entry === 'dist') return [];
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });
  for (const file of [...walk(join(ROOT, 'apps')), ...walk(join(ROOT, 'packages', 'platform', 'src'))]) {
    for (const [, kind, name] of readFileSync(file, 'utf8').matchAll(/\.(counter|histogram|gauge)\(\s*'([a-z_]+)'/g)) {
      names.add(name);
      if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    }
  }
  // prom-client's defaults the dashboard shows.
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']) names.add(name);
  return names;
}

/** The metric names a PromQL expression reads: label matchers, `by (…)` lists and functions set aside. */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without)\s*\([^)]*\)/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\$__\w+/g, '');
  return [...bare.matchAll(/\b[a-z_][a-z0-9_]*\b/g)]
    .map(([word]) => word)
    .filter((word) => word.includes('_') && !['histogram_quantile', 'label_replace'].includes(word));
}

const documents = (file: string) => parseAllDocuments(readFileSync(join(MONITORING, file), 'utf8')).map((doc) => doc.toJS());
const kustomization = parse(readFileSync(join(MONITORING, 'kustomization.yaml'), 'utf8'));
const rules = documents('prometheus-rules.yaml');
const monitors = documents('service-monitors.yaml');
const dashboard = JSON.parse(readFileSync(join(MONITORING, 'dashboards', 'heartbeat.json'), 'utf8'));
const declared = declaredMetrics();

describe('the monitoring kit (infra/k8s/monitoring)', () => {
  it('lists its documents, and validates them against the Prometheus Operator schemas', () => {
    expect(kustomization.resources).toEqual(['service-monitors.yaml', 'prometheus-rules.yaml']);
    for (const monitor of monitors) expect(() => new ServiceMonitor(monitor).validate()).not.toThrow();
    for (const rule of rules) expect(() => new PrometheusRule(rule).validate()).not.toThrow();
    // The schemas do refuse a broken document.
    expect(() => new ServiceMonitor({ ...monitors[0], spec: { ...monitors[0].spec, endpoints: 'all' } }).validate()).toThrow();
  });

  it('scrapes the four services as they are, and the gateway with the admin key', () => {
    const byName = Object.fromEntries(monitors.map((monitor) => [monitor.metadata.name, monitor.spec]));
    expect(byName['heartbeat-services'].endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s', honorLabels: true }]);
    expect(byName['heartbeat-services'].selector.matchExpressions).toEqual([{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['gateway'] }]);
    expect(byName['heartbeat-gateway'].endpoints[0]).toMatchObject({
      path: '/metrics',
      honorLabels: true,
      authorization: { type: 'Bearer', credentials: { name: 'platform-secrets', key: 'HB_ADMIN_KEY' } },
    });
  });

  it('alerts on lag, a stale outbox, late heartbeats, disabled endpoints and 5xx, each with what to look at', () => {
    const alerts = rules.flatMap((rule) => rule.spec.groups.flatMap((group: { rules: Array<Record<string, unknown>> }) => group.rules));
    expect(alerts.map((alert) => alert.alert)).toEqual([
      'HeartbeatConsumerLagGrowing',
      'HeartbeatOutboxStale',
      'HeartbeatFireLatenessHigh',
      'HeartbeatWebhookEndpointsDisabled',
      'HeartbeatGatewayErrors',
    ]);
    for (const alert of alerts) expect(alert).toMatchObject({ labels: { severity: expect.any(String) }, annotations: { summary: expect.any(String), description: expect.any(String) } });
  });

  it('reads only metrics the services declare, in its alerts and on its dashboard', () => {
    const alertExprs = rules.flatMap((rule) => rule.spec.groups.flatMap((group: { rules: Array<{ expr: string }> }) => group.rules.map((alert) => alert.expr)));
    const panelExprs = dashboard.panels.flatMap((panel: { targets?: Array<{ expr: string }> }) => (panel.targets ?? []).map((target) => target.expr));
    expect(panelExprs.length).toBeGreaterThan(20);
    const unknown = [...alertExprs, ...panelExprs].flatMap(metricsIn).filter((name) => !declared.has(name));
    expect([...new Set(unknown)]).toEqual([]);
    // A panel's series of two metrics are two queries: `or` between them would hide the second's.
    expect(panelExprs.filter((expr: string) => / or /.test(expr))).toEqual([]);
    // The check itself: a name nobody declares is caught.
    expect(metricsIn('sum(rate(http_requests_totl{status="500"}[5m]))').filter((name) => !declared.has(name))).toEqual(['http_requests_totl']);
  });

  it('ships the dashboard as a ConfigMap labelled for the Grafana sidecar, with a panel for each part of the platform', () => {
    const [generator] = kustomization.configMapGenerator;
    expect(generator).toMatchObject({ name: 'heartbeat-dashboard', files: ['dashboards/heartbeat.json'], options: { labels: { grafana_dashboard: '1' } } });
    const map = new ConfigMap({ metadata: { name: generator.name, labels: generator.options.labels }, data: { 'heartbeat.json': JSON.stringify(dashboard) } });
    expect(() => map.validate()).not.toThrow();
    const rows = dashboard.panels.filter((panel: { type: string }) => panel.type === 'row').map((panel: { title: string }) => panel.title);
    expect(rows).toEqual(['Gateway', 'Kafka and outbox', 'Memory', 'Agents', 'Heartbeats', 'Webhooks', 'Processes']);
  });
});
