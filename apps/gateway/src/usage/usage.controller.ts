import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { GetUsageMetricsUseCase, type UsageMetrics } from './use-cases/get-usage-metrics.use-case';

@ApiTags('Usage & Billing')
@ApiBearerAuth()
@Controller('api/v1/usage')
export class UsageController {
  constructor(private readonly getUsage: GetUsageMetricsUseCase) {}

  @Get('metrics/:tenantId')
  @Access({ scope: 'read:usage' })
  @ApiOperation({ summary: 'Current usage: API calls today and this month, memories, storage, with plan limits.' })
  metrics(@CurrentPrincipal() principal: Principal, @Param('tenantId') tenantId: string): Promise<UsageMetrics> {
    return this.getUsage.execute(tenantOf(principal, tenantId));
  }
}
