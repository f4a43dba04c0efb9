import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to be published, written in the same transaction as the change it describes
 * (Debezium's outbox shape: the aggregate id is the message key). The table lives in each
 * service's own schema.
 */
@Entity('outbox')
export class OutboxRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') topic!: string;
  /** The deployment (Kafka namespace) that wrote it: only that deployment's relay publishes it. */
  @Column('text') namespace!: string;
  @Column('text', { name: 'aggregate_id' }) aggregateId!: string;
  @Column('text') type!: string;
  @Column('jsonb') envelope!: object;
  /** The writer's trace context (traceparent, tracestate), sent as the message's headers; null untraced. */
  @Column('jsonb', { name: 'trace_context', nullable: true }) traceContext!: Record<string, string> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
}
