import { Module } from '@nestjs/common';
import { IntelligenceController } from './intelligence.controller';
import { BuildDecisionChainUseCase } from './use-cases/build-decision-chain.use-case';
import { FindImplicitPatternsUseCase } from './use-cases/find-implicit-patterns.use-case';

@Module({
  controllers: [IntelligenceController],
  providers: [FindImplicitPatternsUseCase, BuildDecisionChainUseCase],
})
export class IntelligenceModule {}
