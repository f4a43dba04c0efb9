import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export class RevokeApiKeyDto extends TenantScoped {
  @ApiProperty({ example: 'key_abc123def456' })
  @IsString() @Length(1, 64)
  keyId!: string;
}
