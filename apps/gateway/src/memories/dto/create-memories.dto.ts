import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MAX_BATCH_MEMORIES } from '@hb/contracts';
import { CreateMemoryDto } from './create-memory.dto';
import { TenantScoped } from '../../http/dto/tenant-scoped';

/**
 * A batch of memories for one tenant. Each item is checked by the create's own rules and answered
 * on its own line, so one bad item does not refuse the rest.
 */
export class CreateMemoriesDto extends TenantScoped {
  @ApiProperty({
    type: [CreateMemoryDto],
    minItems: 1,
    maxItems: MAX_BATCH_MEMORIES,
    example: [
      { content: 'Met with Sarah Chen about Q4 goals. Focus on revenue growth.', type: 'episodic', importance: 0.8, tags: ['meeting', 'q4'] },
      { content: 'Sarah prefers written summaries after meetings.', type: 'semantic' },
    ],
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_MEMORIES, { message: `memories must hold at most ${MAX_BATCH_MEMORIES} items` })
  memories!: unknown[];
}
