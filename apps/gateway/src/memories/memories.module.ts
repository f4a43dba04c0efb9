import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { MemoriesController } from './memories.controller';
import { MemoryQuotaResolver } from './memory-quota.resolver';
import { CreateMemoriesUseCase } from './use-cases/create-memories.use-case';
import { DeleteMemoryUseCase } from './use-cases/delete-memory.use-case';
import { FindMemoryUseCase } from './use-cases/find-memory.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { SearchMemoriesUseCase } from './use-cases/search-memories.use-case';
import { WriteMemoryUseCase } from './use-cases/write-memory.use-case';

const USE_CASES = [WriteMemoryUseCase, CreateMemoriesUseCase, ListMemoriesUseCase, FindMemoryUseCase, DeleteMemoryUseCase, SearchMemoriesUseCase];

@Module({
  imports: [TenantsModule],
  controllers: [MemoriesController],
  providers: [...USE_CASES, MemoryQuotaResolver],
})
export class MemoriesModule {}
