import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { tracer } from '../src/tracing/spans';
import { QuerySpans, operationOf } from '../src/tracing/query-spans';
import { aTestSchema, testEnv, type TestSchema } from './support/test-env';

describe(QuerySpans.name, () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    schema = await aTestSchema(['CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)']);
    dataSource = new DataSource({ ...dataSourceOptions({ url: testEnv.databaseUrl, schema: schema.name, entities: [], migrations: [] }), subscribers: [QuerySpans] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await schema.drop();
    trace.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  const database = new URL(testEnv.databaseUrl);
  const namespace = () => `${database.pathname.slice(1)}.${schema.name}`;
  const statementSpans = () => exporter.getFinishedSpans().filter((span) => span.attributes['db.system.name'] === 'postgresql');

  it('makes a CLIENT span, a child of the active span, for each statement of a traced piece of work', async () => {
    await tracer.startActiveSpan('process notes.write', async (parent) => {
      await dataSource.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'first']);
      await dataSource.transaction(async (manager) => {
        await manager.query('UPDATE notes SET body = $2 WHERE id = $1', [1, 'second']);
      });
      parent.end();
    });

    const spans = statementSpans();
    const parent = exporter.getFinishedSpans().find((span) => span.name === 'process notes.write')!;
    expect(spans.map((span) => span.name)).toEqual([
      `INSERT ${namespace()}`,
      `START ${namespace()}`,
      `UPDATE ${namespace()}`,
      `COMMIT ${namespace()}`,
    ]);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    }
    expect(spans[0].attributes).toEqual({
      'db.system.name': 'postgresql',
      'db.namespace': namespace(),
      'db.operation.name': 'INSERT',
      'db.query.text': 'INSERT INTO notes (id, body) VALUES ($1, $2)',
      'server.address': database.hostname,
      'server.port': Number(database.port || 5432),
    });
  });

  it('keeps apart the spans of statements running at once, each on its own connection', async () => {
    await tracer.startActiveSpan('process notes.read', async (parent) => {
      await Promise.all([dataSource.query('SELECT pg_sleep(0.05), 1 AS slow'), dataSource.query('SELECT 2 AS quick'), dataSource.query('SELECT 2 AS quick')]);
      parent.end();
    });
    const texts = statementSpans().map((span) => span.attributes['db.query.text']);
    expect(texts.sort()).toEqual(['SELECT 2 AS quick', 'SELECT 2 AS quick', 'SELECT pg_sleep(0.05), 1 AS slow']);
    const slow = statementSpans().find((span) => span.attributes['db.query.text'] === 'SELECT pg_sleep(0.05), 1 AS slow')!;
    expect(slow.duration[0] * 1e3 + slow.duration[1] / 1e6).toBeGreaterThanOrEqual(45);
  });

  it('records a failed statement as an error, with its SQLSTATE', async () => {
    await tracer.startActiveSpan('process notes.write', async (parent) => {
      await expect(dataSource.query('INSERT INTO notes (id, body) VALUES ($1, NULL)', [2])).rejects.toThrow(/null value/);
      parent.end();
    });
    const [failed] = statementSpans();
    expect(failed.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(failed.attributes).toMatchObject({ 'db.response.status_code': '23502', 'error.type': '23502' });
    expect(failed.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('makes none for a statement outside any trace, such as a poller’s', async () => {
    await dataSource.query('SELECT count(*) FROM notes');
    expect(statementSpans()).toEqual([]);
  });

  it('names the operation by the statement’s first keyword, past leading comments', () => {
    expect(operationOf('  select 1')).toBe('SELECT');
    expect(operationOf('-- why\n/* how */ WITH x AS (SELECT 1) SELECT * FROM x')).toBe('WITH');
    expect(operationOf('(SELECT 1)')).toBe('QUERY');
  });
});
