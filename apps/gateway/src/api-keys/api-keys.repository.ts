import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { TenantEntity } from '../tenants/tenant.entity';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A usable key (not revoked, not expired) and its tenant, found through the hash index. */
  async findActiveByHash(hash: string): Promise<{ key: ApiKeyEntity; tenant: TenantEntity } | undefined> {
    const key = await this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where('k.key_hash = :hash', { hash })
      .andWhere('k.revoked_at IS NULL')
      .andWhere('(k.expires_at IS NULL OR k.expires_at > now())')
      .getOne();
    if (!key) return undefined;
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id: key.tenantId });
    return tenant ? { key, tenant } : undefined;
  }

  async insert(manager: EntityManager, key: Omit<ApiKeyEntity, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyEntity> {
    await manager.insert(ApiKeyEntity, key);
    return manager.findOneByOrFail(ApiKeyEntity, { id: key.id });
  }

  async listByTenant(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ where: { tenantId }, order: { createdAt: 'DESC' } });
  }

  async findInTenant(manager: EntityManager, tenantId: string, id: string): Promise<ApiKeyEntity | null> {
    return manager.findOne(ApiKeyEntity, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Marks the key revoked unless it already is; returns whether this call revoked it. */
  async revoke(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await manager.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiKeyEntity).update({ id }, { lastUsedAt: at });
  }
}
