import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Per-tenant overrides of its plan's limits; null means unlimited. */
export class TenantLimitsDto {
  @ApiPropertyOptional({ nullable: true, example: 250_000 })
  @IsOptional() @IsInt() @Min(0)
  requestsPerMonth?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 2_000_000 })
  @IsOptional() @IsInt() @Min(0)
  memories?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 2_147_483_648 })
  @IsOptional() @IsInt() @Min(0)
  storageBytes?: number | null;

  @ApiPropertyOptional({ example: true })
  @IsOptional() @IsBoolean()
  heartbeatsAllowed?: boolean;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional() @IsInt() @Min(1) @Max(10_080)
  minHeartbeatIntervalMinutes?: number;
}
