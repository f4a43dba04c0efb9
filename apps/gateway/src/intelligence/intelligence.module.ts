import { Module } from '@nestjs/common';
import { IntelligenceController } from './intelligence.controller';
import { FindImplicitPatternsUseCase } from './use-cases/find-implicit-patterns.use-case';

@Module({
  controllers: [IntelligenceController],
  providers: [FindImplicitPatternsUseCase],
})
export class IntelligenceModule {}
