import { Module } from '@nestjs/common';
import { MemoriesConsumer } from './memories.consumer';
import { MemoriesRepository } from './memories.repository';
import { CreateMemoryUseCase } from './use-cases/create-memory.use-case';
import { DeleteMemoryUseCase } from './use-cases/delete-memory.use-case';
import { GetMemoryUseCase } from './use-cases/get-memory.use-case';
import { GetTenantUsageUseCase } from './use-cases/get-tenant-usage.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { UpdateMemoryUseCase } from './use-cases/update-memory.use-case';

const USE_CASES = [CreateMemoryUseCase, GetMemoryUseCase, ListMemoriesUseCase, UpdateMemoryUseCase, DeleteMemoryUseCase, GetTenantUsageUseCase];

@Module({
  providers: [...USE_CASES, MemoriesRepository, MemoriesConsumer],
})
export class MemoriesModule {}
