import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MemoryCommands } from '@hb/contracts';
import { CommandServer } from '@hb/platform';
import { BuildDecisionChainUseCase } from '../intelligence/use-cases/build-decision-chain.use-case';
import { FindImplicitPatternsUseCase } from '../intelligence/use-cases/find-implicit-patterns.use-case';
import { SearchMemoriesUseCase } from '../search/use-cases/search-memories.use-case';
import { CreateMemoriesUseCase } from './use-cases/create-memories.use-case';
import { CreateMemoryUseCase } from './use-cases/create-memory.use-case';
import { DeleteMemoryUseCase } from './use-cases/delete-memory.use-case';
import { GetMemoryUseCase } from './use-cases/get-memory.use-case';
import { GetTenantUsageUseCase } from './use-cases/get-tenant-usage.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { UpdateMemoryUseCase } from './use-cases/update-memory.use-case';

/** The Kafka edge: each memory command goes to its use case, payloads already validated. */
@Injectable()
export class MemoriesConsumer implements OnModuleInit {
  constructor(
    private readonly commands: CommandServer,
    private readonly createMemory: CreateMemoryUseCase,
    private readonly createMemories: CreateMemoriesUseCase,
    private readonly getMemory: GetMemoryUseCase,
    private readonly listMemories: ListMemoriesUseCase,
    private readonly updateMemory: UpdateMemoryUseCase,
    private readonly deleteMemory: DeleteMemoryUseCase,
    private readonly tenantUsage: GetTenantUsageUseCase,
    private readonly searchMemories: SearchMemoriesUseCase,
    private readonly implicitPatterns: FindImplicitPatternsUseCase,
    private readonly decisionChain: BuildDecisionChainUseCase,
  ) {}

  onModuleInit(): void {
    this.commands.handle(MemoryCommands.Create, (input) => this.createMemory.execute(input));
    this.commands.handle(MemoryCommands.CreateBatch, (input) => this.createMemories.execute(input));
    this.commands.handle(MemoryCommands.Get, (input) => this.getMemory.execute(input));
    this.commands.handle(MemoryCommands.List, (input) => this.listMemories.execute(input));
    this.commands.handle(MemoryCommands.Update, (input) => this.updateMemory.execute(input));
    this.commands.handle(MemoryCommands.Delete, (input) => this.deleteMemory.execute(input));
    this.commands.handle(MemoryCommands.TenantUsage, (input) => this.tenantUsage.execute(input));
    // A read: run beside the consumer so concurrent searches share an embedding batch instead of
    // queueing behind one another on their partition (nothing to redo if the process dies).
    this.commands.handle(MemoryCommands.Search, (input) => this.searchMemories.execute(input), { detached: true });
    this.commands.handle(MemoryCommands.ImplicitPatterns, (input) => this.implicitPatterns.execute(input));
    this.commands.handle(MemoryCommands.DecisionChain, (input) => this.decisionChain.execute(input));
  }
}
