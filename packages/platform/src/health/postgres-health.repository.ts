import type { DataSource } from 'typeorm';

/** The readiness probe's one statement: Postgres answers on this service's pool. */
export class PostgresHealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
