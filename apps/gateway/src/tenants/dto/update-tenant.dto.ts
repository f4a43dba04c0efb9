import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PLANS, type Plan } from '../plans';
import { TenantLimitsDto } from './tenant-limits.dto';

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Corporation' })
  @IsOptional() @IsString() @Length(1, 255)
  name?: string;

  @ApiPropertyOptional({ enum: PLANS })
  @IsOptional() @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ type: TenantLimitsDto, description: 'Merged into the current overrides.' })
  @IsOptional() @ValidateNested() @Type(() => TenantLimitsDto)
  limits?: TenantLimitsDto;
}
