import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@hb/platform';
import { testInfra } from '@hb/testing';
import { DATABASE } from '../src/database';
import { MATCH_BUDGET, LexicalSearch } from '../src/search/lexical-search.repository';

const databaseUrl = testInfra.DATABASE_URL;

describe('lexical search', () => {
  const schema = `lx_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let sut: LexicalSearch;

  async function store(tenantId: string, contents: string[], prefix: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes)
       SELECT $3 || n, $1, content, 'semantic', 0.5, '{}', '{}', length(content)
         FROM unnest($2::text[]) WITH ORDINALITY AS t(content, n)`,
      [tenantId, contents, prefix],
    );
  }

  const search = async (tenantId: string, text: string) => (await sut.search({ tenantId, text, limit: 10, filter: {} })).map((hit) => hit.id);

  beforeAll(async () => {
    await runMigrations({ ...DATABASE, schema, url: databaseUrl });
    dataSource = new DataSource(dataSourceOptions({ ...DATABASE, schema, url: databaseUrl }));
    await dataSource.initialize();
    sut = new LexicalSearch(dataSource);
    // Tenant A: a large tenant where "customer" and "meeting" are everywhere.
    const filler = Array.from({ length: MATCH_BUDGET + 100 }, (_, i) => `Customer meeting number ${i} went fine`);
    await store('A', filler, 'fill_');
    await store('A', ['Customer asked about the Zephyrine invoice during the meeting', 'Quarterly planning notes'], 'a_');
    await store('B', ['Customer meeting about Zephyrine', 'Another customer meeting'], 'b_');
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('ranks memories sharing any of the words, more shared words first, within the tenant only', async () => {
    const hits = await search('B', 'customer meeting Zephyrine');
    expect(hits).toEqual(['b_1', 'b_2']);
  });

  it('scores by BM25: a rare word outweighs a common one', async () => {
    await store('C', ['Zephyrine invoice', 'customer call', 'customer note', 'customer chat'], 'c_');
    const hits = await sut.search({ tenantId: 'C', text: 'customer Zephyrine', limit: 10, filter: {} });
    expect(hits.map((hit) => hit.id)).toEqual(['c_1', 'c_2', 'c_3', 'c_4']);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('counts words only for a tenant large enough and only once until it changes', async () => {
    expect(await sut.countWords('B')).toBe(false);
    expect(await sut.countWords('A')).toBe(true);
    expect(await sut.countWords('A')).toBe(false);
    const common = await dataSource.query(`SELECT lexeme, documents FROM lexeme_documents WHERE tenant_id = 'A' ORDER BY lexeme`);
    const filler = MATCH_BUDGET + 100;
    expect(common).toEqual([
      { lexeme: 'custom', documents: filler + 1 },
      { lexeme: 'fine', documents: filler },
      { lexeme: 'meet', documents: filler + 1 },
      { lexeme: 'number', documents: filler },
      { lexeme: 'went', documents: filler },
    ]);
  });

  it("leaves a tenant's common words to the vector side and still finds its rare ones", async () => {
    expect(await search('A', 'what did the customer say about zephyrine in the meeting?')).toEqual(['a_1']);
  });

  it('leaves a query of common words only to the vector side', async () => {
    expect(await search('A', 'the customer meeting went fine')).toEqual([]);
    expect(await search('B', 'the customer meeting went fine')).toEqual(['b_1', 'b_2']);
  });

  it('counts again once the tenant has grown by a tenth', async () => {
    await store('A', Array.from({ length: 200 }, (_, i) => `Quarterly review ${i}`), 'q_');
    expect(await sut.countWords('A')).toBe(true);
  });
});
