import { Injectable } from '@nestjs/common';
import { MemoryCommands, type ImplicitPatternsResponse } from '@hb/contracts';
import { CommandClient } from '@hb/platform';

/** Patterns take a full pass over the tenant's newest memories, so they get a longer deadline. */
const PATTERNS_TIMEOUT_MS = 15_000;

@Injectable()
export class FindImplicitPatternsUseCase {
  constructor(private readonly commands: CommandClient) {}

  execute(tenantId: string, minOccurrences = 3): Promise<ImplicitPatternsResponse> {
    return this.commands.request(MemoryCommands.ImplicitPatterns, { tenantId, minOccurrences }, { tenantId, timeoutMs: PATTERNS_TIMEOUT_MS });
  }
}
