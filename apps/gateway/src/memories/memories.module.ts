import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { MemoriesController } from './memories.controller';
import { MemoryQuotaResolver } from './memory-quota.resolver';
import { CreateMemoriesUseCase } from './use-cases/create-memories.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { WriteMemoryUseCase } from './use-cases/write-memory.use-case';

const USE_CASES = [WriteMemoryUseCase, CreateMemoriesUseCase, ListMemoriesUseCase];

@Module({
  imports: [TenantsModule],
  controllers: [MemoriesController],
  providers: [...USE_CASES, MemoryQuotaResolver],
  exports: [WriteMemoryUseCase, MemoryQuotaResolver],
})
export class MemoriesModule {}
