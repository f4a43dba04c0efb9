import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { GetUsageMetricsUseCase, type UsageMetrics } from './use-cases/get-usage-metrics.use-case';

@ApiTags('Usage & Billing')
@ApiBearerAuth()
@Controller('api/v1/usage')
export class UsageController {
  constructor(private readonly getUsage: GetUsageMetricsUseCase) {}

  @Get('metrics/:tenantId')
  @Access({ scope: 'read:usage' })
  @ApiParam({ name: 'tenantId', description: 'Your tenant; the admin key names any.' })
  @ApiOperation({ summary: 'Current usage: API calls today and this month, memories, storage, with plan limits.' })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        success: true,
        data: {
          apiCalls: { today: 150, thisMonth: 3200, limit: 100000 },
          memories: { count: 1250, limit: 1000000 },
          storage: { used: 52428800, limit: 1073741824 },
        },
        metadata: { request_id: 'req_1234567890', timestamp: '2025-11-19T10:00:00Z', version: 'v1' },
      },
    },
  })
  metrics(@ActingTenant() tenantId: string): Promise<UsageMetrics> {
    return this.getUsage.execute(tenantId);
  }
}
