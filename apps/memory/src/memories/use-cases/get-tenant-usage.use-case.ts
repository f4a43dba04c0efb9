import { Injectable } from '@nestjs/common';
import type { TenantUsageRequest, TenantUsageResponse } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';
import { MemoryCommands } from '@hb/contracts';
import { OnCommand } from '@hb/platform';

@Injectable()
export class GetTenantUsageUseCase {
  constructor(private readonly memories: MemoriesRepository) {}

  @OnCommand(MemoryCommands.TenantUsage)
  execute(input: TenantUsageRequest): Promise<TenantUsageResponse> {
    return this.memories.usage(input.tenantId);
  }
}
