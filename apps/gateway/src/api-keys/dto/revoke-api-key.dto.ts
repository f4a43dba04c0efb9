import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class RevokeApiKeyDto {
  @ApiProperty({ example: 'key_abc123def456' })
  @IsString() @Length(1, 64)
  keyId!: string;

  @ApiProperty({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
