import { Injectable } from '@nestjs/common';
import { MemoryCommands, type MemoryView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';

@Injectable()
export class FindMemoryUseCase {
  constructor(private readonly commands: CommandClient) {}

  execute(tenantId: string, id: string): Promise<MemoryView> {
    return this.commands.request(MemoryCommands.Get, { tenantId, id }, { tenantId });
  }
}
