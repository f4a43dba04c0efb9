// Child process for the outbox test: commits a state change with its event, then dies by SIGKILL
// before any relay could publish it, as a crashed service would.
const { DataSource } = require('typeorm');
const { Outbox, OutboxRelay, dataSourceOptions } = require('../../dist');

(async () => {
  const [url, schema, aggregateId, namespace] = process.argv.slice(2);
  const dataSource = new DataSource(dataSourceOptions({ url, schema, entities: [], migrations: [] }));
  await dataSource.initialize();
  // A relay that is never started: nudges are ignored, exactly like a process that dies too soon.
  // Its bus is only asked for the namespace the rows belong to.
  const relay = new OutboxRelay(dataSource, { namespace }, console);
  const outbox = new Outbox(dataSource, relay);
  await outbox.transaction(async (manager, emit) => {
    await manager.query('INSERT INTO things (id) VALUES ($1)', [aggregateId]);
    emit({ topic: 'memory.events.v1', aggregateId, type: 'memory.created', tenantId: 'tenant-a', payload: { id: aggregateId } });
  });
  process.kill(process.pid, 'SIGKILL');
})();
