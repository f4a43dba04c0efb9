import { DataSource } from 'typeorm';
import { testInfra } from '@hb/testing';
import { vectorParameter } from '../src/search/vector-index';

/** The binary parameter must store exactly what pgvector's text form stores. */
describe(vectorParameter.name, () => {
  const dataSource = new DataSource({ type: 'postgres', url: testInfra.DATABASE_URL });

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query('CREATE EXTENSION IF NOT EXISTS vector');
  });
  afterAll(() => dataSource.destroy());

  it('reads back as the vector its text form makes, component for component', async () => {
    const vectors = [
      Array.from({ length: 384 }, () => Math.random() - 0.5),
      [1, -1, 0, 1e-7, -3.4e38, 0.1, 1 / 3],
    ];
    for (const vector of vectors) {
      const [row] = await dataSource.query(`SELECT $1::vector::text AS binary, $2::vector::text AS text, vector_dims($1::vector) AS dims`, [
        vectorParameter(vector),
        `[${vector.join(',')}]`,
      ]);
      expect(row.dims).toBe(vector.length);
      expect(row.binary).toBe(row.text);
    }
  });

  it('is refused where the column wants other dimensions', async () => {
    await expect(dataSource.query(`SELECT $1::vector(384)`, [vectorParameter([0.6, 0.8])])).rejects.toThrow(/expected 384 dimensions, not 2/);
  });

  it('is refused when a component is not finite, as the text form is', async () => {
    await expect(dataSource.query(`SELECT $1::vector`, [vectorParameter([0.5, Number.NaN])])).rejects.toThrow(/NaN not allowed in vector/);
  });
});
