import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantEntity } from './tenant.entity';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { CreateTenantUseCase } from './use-cases/create-tenant.use-case';
import { GetTenantUseCase } from './use-cases/get-tenant.use-case';
import { ListTenantsUseCase } from './use-cases/list-tenants.use-case';
import { UpdateTenantUseCase } from './use-cases/update-tenant.use-case';

const USE_CASES = [CreateTenantUseCase, ListTenantsUseCase, GetTenantUseCase, UpdateTenantUseCase];

@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity])],
  controllers: [TenantsController],
  providers: [...USE_CASES, TenantsRepository],
  exports: [TenantsRepository],
})
export class TenantsModule {}
