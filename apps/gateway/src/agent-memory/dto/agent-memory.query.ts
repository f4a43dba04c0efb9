import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MEMORY_TYPES, type MemoryType } from '@hb/contracts';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export class AgentMemoryQuery extends TenantScoped {
  @ApiPropertyOptional({ enum: MEMORY_TYPES, example: 'semantic' })
  @IsOptional() @IsIn(MEMORY_TYPES)
  type?: MemoryType;

  @ApiPropertyOptional({ example: 'customer preferences', description: 'Semantic search; without it, newest first.' })
  @IsOptional() @IsString() @Length(1, 1000)
  query?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, example: 5 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
