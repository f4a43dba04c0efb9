import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { AgentRuntimeEnv } from './config/env';
import { DATABASE } from './database';
import { RunsModule } from './runs/runs.module';

@Module({})
export class AppModule {
  static forRoot(env: AgentRuntimeEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'agent-runtime', env, logger, database: DATABASE, callsServices: true }),
        RunsModule,
      ],
    };
  }
}
