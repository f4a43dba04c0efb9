import type { DataSource, EntityManager } from 'typeorm';

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction as
 * the handler's writes, so a redelivered duplicate finds the id and changes nothing, while a
 * handler that fails leaves no record and is retried.
 */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  /** Returns false when the event had already been applied. */
  async once(eventId: string, work: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, eventId],
      );
      if (inserted.length === 0) return false;
      await work(manager);
      return true;
    });
  }
}
