import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNumber, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_MEMORY_CONTENT, MAX_TAGS } from '@hb/contracts';

export class UpdateMemoryDto {
  @ApiPropertyOptional({ maxLength: MAX_MEMORY_CONTENT })
  @IsOptional() @IsString() @Length(1, MAX_MEMORY_CONTENT, { message: 'content must be 1 to 10000 characters' })
  content?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.9 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  importance?: number;

  @ApiPropertyOptional({ type: [String], example: ['meeting', 'q4', 'important'] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
