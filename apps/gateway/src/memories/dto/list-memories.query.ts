import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { MEMORY_SORTS, MEMORY_TYPES, type MemoryType } from '@hb/contracts';
import { PageQuery } from '../../http/dto/tenant-scoped';

/** Spec 003's list: a page (50 memories unless told), filtered and sorted. */
export class ListMemoriesQuery extends PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  declare limit?: number;

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
