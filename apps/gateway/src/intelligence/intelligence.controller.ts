import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DecisionChainResponse, ImplicitPatternsResponse } from '@hb/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { DecisionChainDto } from './dto/decision-chain.dto';
import { ImplicitPatternsDto } from './dto/implicit-patterns.dto';
import { BuildDecisionChainUseCase } from './use-cases/build-decision-chain.use-case';
import { FindImplicitPatternsUseCase } from './use-cases/find-implicit-patterns.use-case';

@ApiTags('Intelligence')
@ApiBearerAuth()
@Controller('api/v1/intelligence')
export class IntelligenceController {
  constructor(
    private readonly findPatterns: FindImplicitPatternsUseCase,
    private readonly buildChain: BuildDecisionChainUseCase,
  ) {}

  @Post('decision-chain')
  @HttpCode(200)
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'The memories that bear on a topic, in time order, each linked to what led to it, decisions marked.' })
  decisionChain(@CurrentPrincipal() principal: Principal, @Body() body: DecisionChainDto): Promise<DecisionChainResponse> {
    return this.buildChain.execute(tenantOf(principal, body.tenantId), body);
  }

  @Post('implicit-patterns')
  @HttpCode(200)
  @Access({ scope: 'read:memories' })
  @ApiOperation({ summary: 'Recurring themes, tag combinations and times in your memories, none below minOccurrences.' })
  implicitPatterns(@CurrentPrincipal() principal: Principal, @Body() body: ImplicitPatternsDto): Promise<ImplicitPatternsResponse> {
    return this.findPatterns.execute(tenantOf(principal, body.tenantId), body.minOccurrences);
  }
}
