import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Event ids a consumer has already applied, so a redelivered event changes nothing. */
@Entity('processed_events')
export class ProcessedEventRecord {
  @PrimaryColumn('text') consumer!: string;
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId!: string;
  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' }) processedAt!: Date;
}
