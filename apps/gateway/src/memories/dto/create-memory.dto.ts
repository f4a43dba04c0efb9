import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_MEMORY_CONTENT, MAX_TAGS, MEMORY_TYPES, type MemoryType } from '@hb/contracts';

export class CreateMemoryDto {
  @ApiProperty({ example: 'Met with Sarah Chen about Q4 goals. Focus on revenue growth.', minLength: 1, maxLength: MAX_MEMORY_CONTENT })
  @IsString() @Length(1, MAX_MEMORY_CONTENT, { message: 'content must be 1 to 10000 characters' })
  content!: string;

  @ApiProperty({ enum: MEMORY_TYPES, example: 'episodic' })
  @IsIn(MEMORY_TYPES, { message: `type must be one of ${MEMORY_TYPES.join(', ')}` })
  type!: MemoryType;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, example: 0.8 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  importance?: number;

  @ApiPropertyOptional({ type: [String], example: ['meeting', 'q4'] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { source: 'meeting', contact_name: 'Sarah Chen', sentiment: 'positive' } })
  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;

  @ApiProperty({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
