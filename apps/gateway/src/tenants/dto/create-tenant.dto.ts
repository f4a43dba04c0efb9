import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PLANS, type Plan } from '../plans';
import { TenantLimitsDto } from './tenant-limits.dto';

export const TENANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export class CreateTenantDto {
  @ApiPropertyOptional({ example: 'user_12345', description: 'Chosen by the caller, or generated (a UUID) when omitted.' })
  @IsOptional() @IsString() @Matches(TENANT_ID_PATTERN, { message: 'id may hold letters, digits, _ . : - (at most 128)' })
  id?: string;

  @ApiProperty({ example: 'Acme Inc.' })
  @IsString() @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ enum: PLANS, example: 'pro' })
  @IsOptional() @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ type: TenantLimitsDto })
  @IsOptional() @ValidateNested() @Type(() => TenantLimitsDto)
  limits?: TenantLimitsDto;
}
