import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MEMORY_TYPES, type MemoryType } from '@hb/contracts';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export class SearchMemoriesDto extends TenantScoped {
  @ApiProperty({ example: 'Q4 planning meetings' })
  @IsString() @Length(1, 1000)
  query!: string;


  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, example: 10 })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ enum: MEMORY_TYPES })
  @IsOptional() @IsIn(MEMORY_TYPES)
  type?: MemoryType;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    example: 0.7,
    description:
      'Minimum relevance. Relevance is the larger of semantic similarity (cosine mapped from 0.3–0.8 to 0–1) and the share of the query’s words the memory contains.',
  })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  minRelevance?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @IsString({ each: true })
  tags?: string[];
}
