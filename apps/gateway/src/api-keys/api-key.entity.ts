import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { KeyKind } from '../auth/api-key-format';
import type { RateLimits } from '../auth/principal';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('text') name!: string;
  @Column('text') environment!: KeyKind;
  @Column('text', { name: 'key_prefix' }) keyPrefix!: string;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  @Column('text', { name: 'key_hash' }) keyHash!: string;
  @Column('text', { array: true }) scopes!: string[];
  @Column('jsonb', { name: 'rate_limit' }) rateLimit!: RateLimits;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
