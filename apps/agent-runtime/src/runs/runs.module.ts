import { Module } from '@nestjs/common';
import { modelProviderFromEnv, secretBoxFromEnv } from '@hb/platform';
import { AgentsRepository } from '../agents/agents.repository';
import { AgentsService } from '../agents/agents.service';
import { DeprecatedModelsCheck } from '../agents/deprecated-models.check';
import { SkillsRepository } from '../skills/skills.repository';
import { SkillsService } from '../skills/skills.service';
import { McpServersRepository } from '../mcp/mcp-servers.repository';
import { McpServersService } from '../mcp/mcp-servers.service';
import { McpToolbox } from '../mcp/mcp-toolbox';
import { AgentTurn } from './agent-turn';
import { ConversationsRepository } from './conversations.repository';
import { MemoryExtraction } from './memory-extraction';
import { MessagesRepository } from './messages.repository';
import { RunStreams } from './run-stream';
import { RunMetrics } from './run-metrics';
import { RunWorker } from './run-worker';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';
import { AgentTools } from './tools';

@Module({
  providers: [
    AgentsService,
    AgentsRepository,
    DeprecatedModelsCheck,
    SkillsService,
    SkillsRepository,
    RunsService,
    RunsRepository,
    MessagesRepository,
    ConversationsRepository,
    RunWorker,
    RunMetrics,
    AgentTurn,
    MemoryExtraction,
    RunStreams,
    AgentTools,
    McpServersService,
    McpServersRepository,
    McpToolbox,
    secretBoxFromEnv,
    modelProviderFromEnv,
  ],
})
export class RunsModule {}
