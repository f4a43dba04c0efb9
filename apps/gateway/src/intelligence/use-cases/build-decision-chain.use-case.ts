import { Injectable } from '@nestjs/common';
import { MemoryCommands, type DecisionChainResponse } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { DecisionChainDto } from '../dto/decision-chain.dto';

@Injectable()
export class BuildDecisionChainUseCase {
  constructor(private readonly commands: CommandClient) {}

  execute(tenantId: string, body: DecisionChainDto): Promise<DecisionChainResponse> {
    return this.commands.request(
      MemoryCommands.DecisionChain,
      { tenantId, topic: body.topic, timeRange: body.timeRange },
      { tenantId, timeoutMs: 15_000 },
    );
  }
}
