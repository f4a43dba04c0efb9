import type { MigrationInterface, QueryRunner } from 'typeorm';

export interface SqlSteps {
  /** Statements applied in order, in the migration's transaction. */
  up: readonly string[];
  /** Statements that undo `up`, in order. */
  down: readonly string[];
}

/**
 * A migration written as its SQL: TypeORM gets the class it expects, named `name` (which ends in the
 * migration's timestamp), and each migration file holds only its statements. An applied migration
 * never changes; a later change to a table is a migration of its own.
 */
export function sqlMigration(name: string, steps: SqlSteps): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of steps.up) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of steps.down) await queryRunner.query(statement);
    }
  };
  // The class carries the name too, as a class written out would: lists of migrations filter by it.
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
