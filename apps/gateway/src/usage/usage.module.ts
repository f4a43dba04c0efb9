import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TenantsModule } from '../tenants/tenants.module';
import { GetUsageMetricsUseCase } from './use-cases/get-usage-metrics.use-case';
import { UsageController } from './usage.controller';

@Module({
  imports: [AuthModule, TenantsModule],
  controllers: [UsageController],
  providers: [GetUsageMetricsUseCase],
})
export class UsageModule {}
