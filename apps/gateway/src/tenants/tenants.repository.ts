import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { TenantEntity } from './tenant.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class TenantsRepository {
  constructor(@InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>) {}

  async create(tenant: Pick<TenantEntity, 'id' | 'name' | 'plan' | 'limitOverrides'>): Promise<TenantEntity> {
    try {
      await this.tenants.insert(tenant);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCodes.DuplicateResource, `Tenant ${tenant.id} already exists`, 'id');
      }
      throw error;
    }
    return this.get(tenant.id);
  }

  async find(id: string): Promise<TenantEntity | null> {
    return this.tenants.findOneBy({ id });
  }

  async get(id: string): Promise<TenantEntity> {
    const tenant = await this.find(id);
    if (!tenant) throw new DomainError(ErrorCodes.ResourceNotFound, `Tenant ${id} not found`);
    return tenant;
  }

  async list(): Promise<TenantEntity[]> {
    return this.tenants.find({ order: { createdAt: 'ASC' } });
  }

  async update(id: string, patch: Partial<Pick<TenantEntity, 'name' | 'plan' | 'limitOverrides'>>): Promise<TenantEntity> {
    const result = await this.tenants.update({ id }, patch);
    if (!result.affected) throw new DomainError(ErrorCodes.ResourceNotFound, `Tenant ${id} not found`);
    return this.get(id);
  }
}
