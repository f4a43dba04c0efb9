import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRepository } from './outbox.repository';

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction as
 * the handler's writes, so a redelivered duplicate finds the id and changes nothing, while a
 * handler that fails leaves no record and is retried.
 */
export class Inbox {
  private readonly rows: OutboxRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {
    this.rows = new OutboxRepository(dataSource);
  }

  /** Returns false when the event had already been applied. */
  async once(eventId: string, work: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.rows.markProcessed(manager, this.consumer, eventId))) return false;
      await work(manager);
      return true;
    });
  }
}
