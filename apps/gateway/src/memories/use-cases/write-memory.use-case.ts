import { Injectable } from '@nestjs/common';
import { MemoryCommands, type MemoryView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { Principal } from '../../auth/principal';
import type { CreateMemoryDto } from '../dto/create-memory.dto';
import type { UpdateMemoryDto } from '../dto/update-memory.dto';
import { MemoryQuotaResolver } from '../memory-quota.resolver';

/** Creates or updates a memory with the tenant's memory and storage caps attached. */
@Injectable()
export class WriteMemoryUseCase {
  constructor(
    private readonly commands: CommandClient,
    private readonly quotas: MemoryQuotaResolver,
  ) {}

  async execute(input: {
    principal: Principal;
    tenantId: string;
    /** An agent key's agent: the memory is (or must already be) that agent's. */
    agentId?: string;
    id?: string;
    body: CreateMemoryDto | UpdateMemoryDto;
    idempotencyKey?: string;
  }): Promise<MemoryView> {
    const quota = await this.quotas.resolve(input.principal, input.tenantId);
    const { tenantId, agentId } = input;
    if (input.id === undefined) {
      const create = { ...(input.body as CreateMemoryDto), tenantId, agentId, quota, idempotencyKey: input.idempotencyKey };
      return this.commands.request(MemoryCommands.Create, create, { tenantId });
    }
    return this.commands.request(MemoryCommands.Update, { ...input.body, tenantId, agentId, id: input.id, quota }, { tenantId });
  }
}
