import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { AgentRuntimeEnv } from './config/env';
import { DATABASE } from './database';

@Module({})
export class AppModule {
  static forRoot(env: AgentRuntimeEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'agent-runtime', env, logger, database: DATABASE })],
    };
  }
}
