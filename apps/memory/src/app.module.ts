import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { MemoryEnv } from './config/env';
import { DATABASE } from './database';
import { MemoriesModule } from './memories/memories.module';

@Module({})
export class AppModule {
  static forRoot(env: MemoryEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'memory', env, logger, database: DATABASE }), MemoriesModule],
    };
  }
}
