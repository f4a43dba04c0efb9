import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
// kubernetes-models stays on 4.x: 5.x ships ES modules only, which Jest's CommonJS runtime cannot
// load. 4.5.1 carries the OpenAPI schemas of Kubernetes 1.33.
import {
  ConfigMap,
  Namespace,
  Secret,
  Service,
  type IConfigMap,
  type IContainer,
  type IPodSpec,
  type IPodTemplateSpec,
  type ISecret,
  type IService,
} from 'kubernetes-models/v1';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Job, type IJob } from 'kubernetes-models/batch/v1';

const INFRA = resolve(__dirname, '..');
const ROOT = resolve(INFRA, '..');
const BASE = join(INFRA, 'k8s', 'base');
const LOCAL_OVERLAY = join(INFRA, 'k8s', 'overlays', 'local');

const APP_PORTS: Record<string, number> = {
  gateway: 3000,
  'agent-runtime': 3001,
  'heartbeat-scheduler': 3002,
  memory: 3003,
  'webhook-dispatcher': 3004,
};
const APPS = Object.keys(APP_PORTS);
const AUTOSCALED = ['gateway', 'agent-runtime', 'memory', 'webhook-dispatcher'];
const SECRET_KEYS = ['DATABASE_URL', 'HB_ADMIN_KEY', 'SECRETS_KEY', 'ANTHROPIC_API_KEY'];

interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

interface Manifest {
  where: string;
  object: KubeObject;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  replicas?: { name: string; count: number }[];
  patches?: { target?: { kind?: string; name?: string } }[];
}

type Model = new (data: never) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'batch/v1/Job': Job,
};

function readYaml<T>(path: string): T {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as T;
}

function loadManifests(dir: string): Manifest[] {
  const kustomization = readYaml<Kustomization>(join(dir, 'kustomization.yaml'));
  return (kustomization.resources ?? []).flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8'))
      .map((doc, index) => {
        if (doc.errors.length > 0) throw new Error(`${file} document ${index}: ${doc.errors[0].message}`);
        return { where: `${file} document ${index}`, object: doc.toJS() as KubeObject | null };
      })
      .filter((m): m is Manifest => m.object !== null),
  );
}

/** One line per document that has no known schema or breaks the schema of its kind. */
function schemaViolations(manifests: Manifest[]): string[] {
  return manifests.flatMap(({ where, object }) => {
    const key = `${object.apiVersion}/${object.kind}`;
    const model = MODELS[key];
    if (!model) return [`${where}: no schema for ${key}`];
    try {
      new model(object as never).validate();
      return [];
    } catch (error) {
      return [`${where} (${object.kind} ${object.metadata?.name}): ${(error as Error).message}`];
    }
  });
}

const manifests = loadManifests(BASE);

function ofKind<T>(kind: string): T[] {
  return manifests.filter((m) => m.object.kind === kind).map((m) => m.object as T);
}

const deployments = ofKind<IDeployment>('Deployment');
const services = ofKind<IService>('Service');
const autoscalers = ofKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
const budgets = ofKind<IPodDisruptionBudget>('PodDisruptionBudget');
const jobs = ofKind<IJob>('Job');
const configMaps = ofKind<IConfigMap>('ConfigMap');
const secrets = ofKind<ISecret>('Secret');

const nameOf = (object: KubeObject): string => object.metadata?.name ?? '';
const templateOf = (d: IDeployment): IPodTemplateSpec => d.spec?.template ?? {};
const podSpecOf = (template: IPodTemplateSpec): IPodSpec => template.spec ?? { containers: [] };
const mainContainer = (d: IDeployment): IContainer => podSpecOf(templateOf(d)).containers[0];
const podTemplates: { owner: string; template: IPodTemplateSpec }[] = [
  ...deployments.map((d) => ({ owner: `Deployment ${nameOf(d)}`, template: templateOf(d) })),
  ...jobs.map((j) => ({ owner: `Job ${nameOf(j)}`, template: j.spec?.template ?? {} })),
];
const allContainers = podTemplates.flatMap(({ owner, template }) =>
  podSpecOf(template).containers.map((container) => ({ owner, container })),
);

/** The containerPort a probe or Service port refers to, by name or number; undefined if undeclared. */
function declaredPort(container: IContainer, port: number | string | undefined): number | undefined {
  const match = (container.ports ?? []).find((p) => p.name === port || p.containerPort === port);
  return match?.containerPort;
}

/** Every ConfigMap and Secret a container reads variables from, as "Kind name". */
function envSources(container: IContainer): string[] {
  const fromEnvFrom = (container.envFrom ?? []).flatMap((source) => [
    ...(source.configMapRef ? [`ConfigMap ${source.configMapRef.name}`] : []),
    ...(source.secretRef ? [`Secret ${source.secretRef.name}`] : []),
  ]);
  const fromEnv = (container.env ?? []).flatMap(({ valueFrom }) => [
    ...(valueFrom?.configMapKeyRef ? [`ConfigMap ${valueFrom.configMapKeyRef.name}`] : []),
    ...(valueFrom?.secretKeyRef ? [`Secret ${valueFrom.secretKeyRef.name}`] : []),
  ]);
  return [...fromEnvFrom, ...fromEnv];
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([key, value]) => labels?.[key] === value);
}

function deploymentSelectedBy(selector: Record<string, string> | undefined): IDeployment[] {
  return deployments.filter((d) => selects(selector, templateOf(d).metadata?.labels));
}

describe('Kubernetes schema check', () => {
  it('reports a document that breaks the schema of its kind', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: {} } };

    expect(schemaViolations([{ where: 'broken.yaml', object: broken }])).toEqual([
      expect.stringContaining('data/spec must have required property selector'),
    ]);
  });

  it('reports a document whose kind and apiVersion it has no schema for', () => {
    const legacy = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' } };

    expect(schemaViolations([{ where: 'legacy.yaml', object: legacy }])).toEqual([
      'legacy.yaml: no schema for autoscaling/v1/HorizontalPodAutoscaler',
    ]);
  });
});

describe('Kubernetes base', () => {
  it('validates every listed document against the Kubernetes schema of its kind', () => {
    expect(manifests.length).toBeGreaterThan(0);
    expect(schemaViolations(manifests)).toEqual([]);
  });

  it('places everything in the heartbeat namespace', () => {
    const kustomization = readYaml<Kustomization>(join(BASE, 'kustomization.yaml'));

    expect(kustomization.namespace).toBe('heartbeat');
    expect(ofKind<KubeObject>('Namespace').map(nameOf)).toEqual(['heartbeat']);
    const elsewhere = manifests.filter(
      (m) => m.object.metadata?.namespace && m.object.metadata.namespace !== 'heartbeat',
    );
    expect(elsewhere.map((m) => m.where)).toEqual([]);
  });

  it('deploys each of the five apps as a Deployment with a Service of the same name', () => {
    expect(deployments.map(nameOf).sort()).toEqual([...APPS].sort());
    expect(services.map(nameOf).sort()).toEqual([...APPS].sort());
  });

  it('lets Prometheus scrape /metrics by annotation on every app but the gateway, whose scrape needs the admin key', () => {
    for (const d of deployments) {
      const app = nameOf(d);
      const annotations = d.spec?.template.metadata?.annotations ?? {};
      const expected = app === 'gateway' ? {} : { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(APP_PORTS[app]), 'prometheus.io/path': '/metrics' };
      expect({ app, annotations }).toEqual({ app, annotations: expected });
    }
  });

  it('starts each app from its own dist/main.js in the shared image', () => {
    for (const d of deployments) {
      const container = mainContainer(d);
      expect({ app: nameOf(d), image: container.image, command: container.command }).toEqual({
        app: nameOf(d),
        image: 'heartbeat-platform:latest',
        command: ['node', `apps/${nameOf(d)}/dist/main.js`],
      });
    }
  });

  it('sets PORT to the port each app declares', () => {
    for (const d of deployments) {
      const container = mainContainer(d);
      const port = APP_PORTS[nameOf(d)];
      expect({ app: nameOf(d), PORT: container.env?.find((e) => e.name === 'PORT')?.value }).toEqual({
        app: nameOf(d),
        PORT: String(port),
      });
      expect(declaredPort(container, port)).toBe(port);
    }
  });

  it('probes liveness at /health/live and readiness at /health/ready on the app port', () => {
    for (const d of deployments) {
      const container = mainContainer(d);
      const probes = {
        app: nameOf(d),
        live: container.livenessProbe?.httpGet?.path,
        livePort: declaredPort(container, container.livenessProbe?.httpGet?.port),
        ready: container.readinessProbe?.httpGet?.path,
        readyPort: declaredPort(container, container.readinessProbe?.httpGet?.port),
      };
      const port = APP_PORTS[nameOf(d)];
      expect(probes).toEqual({
        app: nameOf(d),
        live: '/health/live',
        livePort: port,
        ready: '/health/ready',
        readyPort: port,
      });
    }
  });

  it('holds liveness back with a startup probe on the app port', () => {
    for (const d of deployments) {
      const container = mainContainer(d);
      const startup = container.startupProbe?.httpGet;
      expect({ app: nameOf(d), path: startup?.path, port: declaredPort(container, startup?.port) }).toEqual({
        app: nameOf(d),
        path: '/health/live',
        port: APP_PORTS[nameOf(d)],
      });
    }
  });

  it('selects the pods of exactly one Deployment with every Service', () => {
    for (const s of services) {
      expect({ service: nameOf(s), selects: deploymentSelectedBy(s.spec?.selector).map(nameOf) }).toEqual({
        service: nameOf(s),
        selects: [nameOf(s)],
      });
    }
  });

  it('sends every Service port to a port its pods declare', () => {
    for (const s of services) {
      const [target] = deploymentSelectedBy(s.spec?.selector);
      for (const port of s.spec?.ports ?? []) {
        const targetPort = port.targetPort ?? port.port;
        const found = target ? declaredPort(mainContainer(target), targetPort) : undefined;
        expect({ service: nameOf(s), targetPort, found }).toEqual({
          service: nameOf(s),
          targetPort,
          found: APP_PORTS[nameOf(s)],
        });
      }
    }
  });

  it('gives every app the platform ConfigMap through envFrom and no whole Secret', () => {
    for (const d of deployments) {
      const sources = (mainContainer(d).envFrom ?? []).map((e) => e.configMapRef?.name ?? `secret ${e.secretRef?.name}`);
      expect({ app: nameOf(d), sources }).toEqual({ app: nameOf(d), sources: ['platform-config'] });
    }
  });

  it('gives each app only the secret keys it uses', () => {
    const expected: Record<string, string[]> = {
      gateway: ['DATABASE_URL', 'HB_ADMIN_KEY', 'SECRETS_KEY'],
      'agent-runtime': ['ANTHROPIC_API_KEY', 'DATABASE_URL', 'SECRETS_KEY'],
      'heartbeat-scheduler': ['DATABASE_URL'],
      memory: ['ANTHROPIC_API_KEY', 'DATABASE_URL'],
      'webhook-dispatcher': ['DATABASE_URL'],
    };
    for (const d of deployments) {
      const keys = (mainContainer(d).env ?? [])
        .filter((e) => e.valueFrom?.secretKeyRef?.name === 'platform-secrets')
        .map((e) => e.valueFrom!.secretKeyRef!.key)
        .sort();
      expect({ app: nameOf(d), keys }).toEqual({ app: nameOf(d), keys: expected[nameOf(d)] });
    }
  });

  it('takes environment only from ConfigMaps and Secrets the base defines', () => {
    const defined = new Set([
      ...configMaps.map((c) => `ConfigMap ${nameOf(c)}`),
      ...secrets.map((s) => `Secret ${nameOf(s)}`),
    ]);
    const dangling = allContainers.flatMap(({ owner, container }) =>
      envSources(container)
        .filter((source) => !defined.has(source))
        .map((source) => `${owner}: ${source}`),
    );

    expect(dangling).toEqual([]);
  });

  it('keeps the secret variables in the Secret and out of the ConfigMap', () => {
    const secret = secrets.find((s) => nameOf(s) === 'platform-secrets');
    const config = configMaps.find((c) => nameOf(c) === 'platform-config');

    expect(Object.keys(secret?.stringData ?? {}).sort()).toEqual([...SECRET_KEYS].sort());
    expect(Object.keys(config?.data ?? {}).filter((key) => SECRET_KEYS.includes(key))).toEqual([]);
  });

  it('points every HorizontalPodAutoscaler at a Deployment of the base', () => {
    for (const hpa of autoscalers) {
      const ref = hpa.spec?.scaleTargetRef;
      expect({
        hpa: nameOf(hpa),
        kind: ref?.kind,
        apiVersion: ref?.apiVersion,
        exists: deployments.some((d) => nameOf(d) === ref?.name),
      }).toEqual({
        hpa: nameOf(hpa),
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        exists: true,
      });
    }
  });

  it('autoscales every app but the heartbeat scheduler, which runs two fixed replicas', () => {
    expect(autoscalers.map((hpa) => hpa.spec?.scaleTargetRef?.name).sort()).toEqual([...AUTOSCALED].sort());
    expect(deployments.find((d) => nameOf(d) === 'heartbeat-scheduler')?.spec?.replicas).toBe(2);
  });

  it('leaves the replica count of autoscaled Deployments to their autoscaler', () => {
    const fixed = deployments.filter((d) => AUTOSCALED.includes(nameOf(d)) && d.spec?.replicas !== undefined);

    expect(fixed.map(nameOf)).toEqual([]);
  });

  it('keeps a gateway pod serving through voluntary disruptions', () => {
    const gatewayBudgets = budgets.filter((pdb) =>
      deploymentSelectedBy(pdb.spec?.selector?.matchLabels).some((d) => nameOf(d) === 'gateway'),
    );
    const gatewayHpa = autoscalers.find((hpa) => hpa.spec?.scaleTargetRef?.name === 'gateway');

    expect(gatewayBudgets).toHaveLength(1);
    expect(gatewayBudgets[0].spec?.maxUnavailable).toBe(1);
    expect(gatewayHpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('runs every pod as a numeric non-root user', () => {
    for (const { owner, template } of podTemplates) {
      const pod = podSpecOf(template).securityContext;
      expect({
        owner,
        runAsNonRoot: pod?.runAsNonRoot,
        numericUser: Number.isInteger(pod?.runAsUser) && (pod?.runAsUser ?? 0) > 0,
      }).toEqual({
        owner,
        runAsNonRoot: true,
        numericUser: true,
      });
    }
  });

  it('gives no container a writable root filesystem, extra capabilities or privilege escalation', () => {
    for (const { owner, container } of allContainers) {
      const security = container.securityContext;
      expect({
        owner,
        readOnly: security?.readOnlyRootFilesystem,
        escalation: security?.allowPrivilegeEscalation,
        drop: security?.capabilities?.drop,
      }).toEqual({
        owner,
        readOnly: true,
        escalation: false,
        drop: ['ALL'],
      });
    }
  });

  it('sets CPU and memory requests and limits on every container', () => {
    for (const { owner, container } of allContainers) {
      const { requests = {}, limits = {} } = container.resources ?? {};
      const set = { owner, requests: Object.keys(requests).sort(), limits: Object.keys(limits).sort() };
      expect(set).toEqual({ owner, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
    }
  });

  it('allows each app more grace than its preStop pause plus SHUTDOWN_TIMEOUT_MS', () => {
    const shutdownMs = Number(configMaps.find((c) => nameOf(c) === 'platform-config')?.data?.SHUTDOWN_TIMEOUT_MS);
    expect(shutdownMs).toBeGreaterThan(0);

    for (const d of deployments) {
      const preStop = mainContainer(d).lifecycle?.preStop?.exec?.command ?? [];
      const pauseMs = preStop[0] === 'sleep' ? Number(preStop[1]) * 1000 : 0;
      const graceMs = (podSpecOf(templateOf(d)).terminationGracePeriodSeconds ?? 30) * 1000;
      expect({ app: nameOf(d), enough: graceMs > pauseMs + shutdownMs }).toEqual({ app: nameOf(d), enough: true });
    }
  });

  it('runs the five migrations in sequence, stopping at the first failure, in the heartbeat-migrate Job', () => {
    const job = jobs.find((j) => nameOf(j) === 'heartbeat-migrate');
    const pod = job?.spec?.template.spec;
    const [shell, flags, script] = pod?.containers[0].command ?? [];

    expect(pod?.restartPolicy).toBe('Never');
    expect(pod?.containers[0].image).toBe('heartbeat-platform:latest');
    expect([shell, flags]).toEqual(['sh', '-ec']);
    expect((script ?? '').trim().split('\n')).toEqual(APPS.map((app) => `node apps/${app}/dist/migrate.js`));
  });
});

describe('Kubernetes local overlay', () => {
  it('builds on the base and changes only objects the base defines', () => {
    const overlay = readYaml<Kustomization>(join(LOCAL_OVERLAY, 'kustomization.yaml'));
    const exists = (kind?: string, name?: string): boolean =>
      manifests.some((m) => (!kind || m.object.kind === kind) && (!name || nameOf(m.object) === name));

    expect(overlay.resources).toEqual(['../../base']);
    expect((overlay.replicas ?? []).filter((r) => !exists('Deployment', r.name))).toEqual([]);
    expect((overlay.patches ?? []).filter((p) => !exists(p.target?.kind, p.target?.name))).toEqual([]);
  });
});

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[];
  ports?: string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}

describe('docker-compose.yml', () => {
  const compose = readYaml<{ services: Record<string, ComposeService> }>(join(ROOT, 'docker-compose.yml'));
  const service = (name: string): ComposeService => compose.services[name] ?? {};

  it('defines the five apps and postgres, redis, kafka and qdrant', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([...APPS, 'postgres', 'redis', 'kafka', 'qdrant']),
    );
  });

  it('builds every app and the migrations from the root Dockerfile into one image', () => {
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
    for (const name of [...APPS, 'migrate']) {
      const { image, build } = service(name);
      expect({ name, image, context: build?.context, dockerfile: build?.dockerfile }).toEqual({
        name,
        image: 'heartbeat-platform:latest',
        context: '.',
        dockerfile: 'Dockerfile',
      });
    }
  });

  it('starts each app from its own dist/main.js on its own PORT', () => {
    for (const name of APPS) {
      const { command, environment } = service(name);
      expect({ name, command, PORT: environment?.PORT }).toEqual({
        name,
        command: ['node', `apps/${name}/dist/main.js`],
        PORT: String(APP_PORTS[name]),
      });
    }
  });

  it('checks the health of each app at /health/ready on its PORT', () => {
    for (const name of APPS) {
      const check = (service(name).healthcheck?.test ?? []).join(' ');
      expect({ name, ready: check.includes('/health/ready'), onPort: check.includes('process.env.PORT') }).toEqual({
        name,
        ready: true,
        onPort: true,
      });
    }
  });

  it('publishes the gateway alone to the host', () => {
    const published = Object.entries(compose.services).filter(([, s]) => (s.ports ?? []).length > 0);

    expect(published.map(([name]) => name)).toEqual(['gateway']);
    expect(service('gateway').ports).toEqual(['3000:3000']);
  });

  it('runs all five migrations, in order, in the migrate service', () => {
    const [shell, flags, script] = service('migrate').command ?? [];

    expect([shell, flags]).toEqual(['sh', '-ec']);
    expect((script ?? '').trim().split('\n')).toEqual(APPS.map((app) => `node apps/${app}/dist/migrate.js`));
  });

  it('starts each app only after the migrations and once its data stores are healthy', () => {
    for (const name of APPS) {
      const expected: Record<string, { condition: string }> = {
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
        ...(name === 'memory' ? { qdrant: { condition: 'service_healthy' } } : {}),
      };
      expect({ name, dependsOn: service(name).depends_on }).toEqual({ name, dependsOn: expected });
    }
  });

  it('runs Kafka as one KRaft node reachable as kafka:9092 that never creates topics by itself', () => {
    const env = service('kafka').environment ?? {};

    expect(env).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://kafka:9092',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: 0,
    });
    for (const name of [...APPS, 'migrate']) {
      expect({ name, brokers: service(name).environment?.KAFKA_BROKERS }).toEqual({ name, brokers: 'kafka:9092' });
    }
  });
});
