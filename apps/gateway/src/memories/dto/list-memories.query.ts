import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE, MEMORY_SORTS, MEMORY_TYPES, type MemoryType } from '@hb/contracts';

export class ListMemoriesQuery {
  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ enum: MEMORY_TYPES })
  @IsOptional() @IsIn(MEMORY_TYPES)
  type?: MemoryType;

  @ApiPropertyOptional({ description: 'Comma-separated; a memory must carry every one.', example: 'meeting,q4' })
  @IsOptional() @IsString()
  tags?: string;

  @ApiPropertyOptional({ enum: MEMORY_SORTS, default: 'createdAt' })
  @IsOptional() @IsIn(MEMORY_SORTS)
  sort?: (typeof MEMORY_SORTS)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
