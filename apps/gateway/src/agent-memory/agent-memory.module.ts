import { Module } from '@nestjs/common';
import { AgentMemoryController } from './agent-memory.controller';
import { DeleteAgentMemoryUseCase } from './use-cases/delete-agent-memory.use-case';
import { ListAgentMemoryUseCase } from './use-cases/list-agent-memory.use-case';

@Module({
  controllers: [AgentMemoryController],
  providers: [ListAgentMemoryUseCase, DeleteAgentMemoryUseCase],
})
export class AgentMemoryModule {}
