import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_MEMORY_CONTENT, MemoryChanges } from '@hb/contracts';

/** Spec 003's update: the contract's rules for what may change, documented, and the admin key's tenant. */
export class UpdateMemoryDto extends MemoryChanges {
  @ApiPropertyOptional({ maxLength: MAX_MEMORY_CONTENT })
  declare content?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.9 })
  declare importance?: number;

  @ApiPropertyOptional({ type: [String], example: ['meeting', 'q4', 'important'] })
  declare tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  declare metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
