import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class TenantQuery {
  @ApiProperty({ example: 'user_12345', required: false })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
