import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_MEMORY_CONTENT, MEMORY_TYPES, NewMemory, type MemoryType } from '@hb/contracts';

/** Spec 003's create: the contract's rules for a new memory, documented, and the admin key's tenant. */
export class CreateMemoryDto extends NewMemory {
  @ApiProperty({ example: 'Met with Sarah Chen about Q4 goals. Focus on revenue growth.', minLength: 1, maxLength: MAX_MEMORY_CONTENT })
  declare content: string;

  @ApiProperty({ enum: MEMORY_TYPES, example: 'episodic' })
  declare type: MemoryType;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, example: 0.8 })
  declare importance?: number;

  @ApiPropertyOptional({ type: [String], example: ['meeting', 'q4'] })
  declare tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { source: 'meeting', contact_name: 'Sarah Chen', sentiment: 'positive' } })
  declare metadata?: Record<string, unknown>;

  @ApiProperty({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
