import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MemoryType } from '@hb/contracts';

@Entity('memories')
export class MemoryEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('text') content!: string;
  @Column('text') type!: MemoryType;
  @Column('real') importance!: number;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') metadata!: Record<string, unknown>;
  /** What the memory counts against the tenant's storage quota. */
  @Column('integer', { name: 'size_bytes' }) sizeBytes!: number;
  /** The client's Idempotency-Key of the create that stored it, unique per tenant. */
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
