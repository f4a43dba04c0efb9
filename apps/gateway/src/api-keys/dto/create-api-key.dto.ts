import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Min } from 'class-validator';
import { TENANT_SCOPES, type TenantScope } from '../../auth/scopes';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export const KEY_ENVIRONMENTS = ['development', 'production'] as const;

export class CreateApiKeyDto extends TenantScoped {
  @ApiProperty({ example: 'Production API Key', minLength: 1, maxLength: 255 })
  @IsString() @Length(1, 255)
  name!: string;


  @ApiPropertyOptional({ enum: KEY_ENVIRONMENTS, default: 'production' })
  @IsOptional() @IsIn(KEY_ENVIRONMENTS)
  environment?: (typeof KEY_ENVIRONMENTS)[number];

  @ApiPropertyOptional({ enum: TENANT_SCOPES, isArray: true, example: ['read:memories', 'write:memories'], description: 'Omitted: every scope of the creating key.' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(TENANT_SCOPES, { each: true })
  scopes?: TenantScope[];

  @ApiPropertyOptional({ example: 1798761600, description: 'Expiration timestamp, Unix seconds (milliseconds also accepted).' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0)
  expiresAt?: number;
}
