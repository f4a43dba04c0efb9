import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { MemoriesController } from './memories.controller';
import { MemoryQuotaResolver } from './memory-quota.resolver';

@Module({
  imports: [TenantsModule],
  controllers: [MemoriesController],
  providers: [MemoryQuotaResolver],
})
export class MemoriesModule {}
