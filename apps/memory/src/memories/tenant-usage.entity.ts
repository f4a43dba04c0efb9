import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Running totals per tenant, changed in the same transaction as the memories, so usage reads and
 * quota checks are one row instead of a count over the table.
 */
@Entity('tenant_usage')
export class TenantUsageEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('integer') memories!: number;
  @Column('bigint', { name: 'storage_bytes', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  storageBytes!: number;
}
