import { Module } from '@nestjs/common';
import { MemoryQuotaResolver } from '../memories/memory-quota.resolver';
import { TenantsModule } from '../tenants/tenants.module';
import { BotsController } from './bots.controller';
import { HeartbeatAccess } from './heartbeat-access';
import { HeartbeatsController } from './heartbeats.controller';

@Module({
  imports: [TenantsModule],
  controllers: [BotsController, HeartbeatsController],
  providers: [MemoryQuotaResolver, HeartbeatAccess],
  exports: [HeartbeatAccess],
})
export class BotsModule {}
