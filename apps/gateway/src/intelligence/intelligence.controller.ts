import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANALYSIS_TIMEOUT_MS, MemoryCommands, type DecisionChainResponse, type ImplicitPatternsResponse } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { DecisionChainDto } from './dto/decision-chain.dto';
import { ImplicitPatternsDto } from './dto/implicit-patterns.dto';

@ApiTags('Intelligence')
@ApiBearerAuth()
@Controller('api/v1/intelligence')
export class IntelligenceController {
  constructor(private readonly commands: CommandClient) {}

  @Post('decision-chain')
  @HttpCode(200)
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'The memories that bear on a topic, in time order, each linked to what led to it, decisions marked.' })
  decisionChain(@ActingTenant() tenantId: string, @Body() { topic, timeRange }: DecisionChainDto): Promise<DecisionChainResponse> {
    return this.commands.request(MemoryCommands.DecisionChain, { tenantId, topic, timeRange }, { tenantId, timeoutMs: ANALYSIS_TIMEOUT_MS });
  }

  @Post('implicit-patterns')
  @HttpCode(200)
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'Recurring themes, tag combinations and times in your memories, none below minOccurrences.' })
  implicitPatterns(@ActingTenant() tenantId: string, @Body() { minOccurrences = 3 }: ImplicitPatternsDto): Promise<ImplicitPatternsResponse> {
    return this.commands.request(MemoryCommands.ImplicitPatterns, { tenantId, minOccurrences }, { tenantId, timeoutMs: ANALYSIS_TIMEOUT_MS });
  }
}
