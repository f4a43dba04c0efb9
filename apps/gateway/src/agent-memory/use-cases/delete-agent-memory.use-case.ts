import { Injectable } from '@nestjs/common';
import { MemoryCommands } from '@hb/contracts';
import { CommandClient } from '@hb/platform';

/** Deletes a memory of this agent; another agent's memory, even in the tenant, is not found. */
@Injectable()
export class DeleteAgentMemoryUseCase {
  constructor(private readonly commands: CommandClient) {}

  async execute(input: { tenantId: string; agentId: string; memoryId: string }): Promise<void> {
    await this.commands.request(
      MemoryCommands.Delete,
      { tenantId: input.tenantId, id: input.memoryId, agentId: input.agentId },
      { tenantId: input.tenantId },
    );
  }
}
