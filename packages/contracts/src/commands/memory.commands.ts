import { IsString, MinLength } from 'class-validator';
import { defineCommand } from './command';

export class TenantUsageRequest {
  @IsString() @MinLength(1) tenantId!: string;
}

export interface TenantUsageResponse {
  memories: number;
  storageBytes: number;
}

export const MemoryCommands = {
  /** How many memories a tenant holds and how many bytes they take, for usage and quotas. */
  TenantUsage: defineCommand<TenantUsageRequest, TenantUsageResponse>('memory.tenant-usage', TenantUsageRequest),
} as const;
