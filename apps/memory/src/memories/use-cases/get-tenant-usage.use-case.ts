import { Injectable } from '@nestjs/common';
import type { TenantUsageRequest, TenantUsageResponse } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';

@Injectable()
export class GetTenantUsageUseCase {
  constructor(private readonly memories: MemoriesRepository) {}

  execute(input: TenantUsageRequest): Promise<TenantUsageResponse> {
    return this.memories.usage(input.tenantId);
  }
}
