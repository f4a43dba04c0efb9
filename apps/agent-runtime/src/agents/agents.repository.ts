import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The agents table, as far as its queries have moved out of the services. */
@Injectable()
export class AgentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The models agents name (null ones use the deployment's default), with how many name each. */
  async modelsInUse(): Promise<Array<{ model: string; agents: number }>> {
    return this.dataSource.query(`SELECT model, count(*)::int AS agents FROM agents WHERE model IS NOT NULL GROUP BY model ORDER BY model`);
  }
}
