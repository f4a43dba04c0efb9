import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from './config/env';
import { DATABASE } from './database';

@Module({})
export class AppModule {
  static forRoot(env: HeartbeatSchedulerEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'heartbeat-scheduler', env, logger, database: DATABASE })],
    };
  }
}
