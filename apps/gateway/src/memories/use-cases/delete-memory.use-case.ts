import { Injectable } from '@nestjs/common';
import { MemoryCommands } from '@hb/contracts';
import { CommandClient } from '@hb/platform';

@Injectable()
export class DeleteMemoryUseCase {
  constructor(private readonly commands: CommandClient) {}

  async execute(tenantId: string, id: string): Promise<{ id: string; deleted: true }> {
    await this.commands.request(MemoryCommands.Delete, { tenantId, id }, { tenantId });
    return { id, deleted: true };
  }
}
