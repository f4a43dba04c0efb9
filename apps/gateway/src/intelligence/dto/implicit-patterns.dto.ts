import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export class ImplicitPatternsDto extends TenantScoped {
  @ApiPropertyOptional({ default: 3, minimum: 2, maximum: 1000 })
  @IsOptional() @IsInt() @Min(2) @Max(1000)
  minOccurrences?: number;
}
