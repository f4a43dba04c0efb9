import { Module } from '@nestjs/common';
import { secretBoxFromEnv } from '@hb/platform';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthModule } from '../auth/auth.module';
import { MemoryQuotaResolver } from '../memories/memory-quota.resolver';
import { TenantsModule } from '../tenants/tenants.module';
import { AgentKeysController } from './agent-keys.controller';
import { AgentsController } from './agents.controller';
import { McpServersController } from './mcp-servers.controller';
import { RunEventStream } from './run-event-stream';
import { RunStreamHub } from './run-stream-hub';
import { SkillsController } from './skills.controller';

@Module({
  imports: [AuthModule, TenantsModule, ApiKeysModule],
  controllers: [AgentsController, AgentKeysController, SkillsController, McpServersController],
  providers: [MemoryQuotaResolver, RunStreamHub, RunEventStream, secretBoxFromEnv],
})
export class AgentsModule {}
