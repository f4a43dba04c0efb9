import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { GatewayEnv } from './config/env';
import { DATABASE } from './database';
import { SystemModule } from './system/system.module';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          env,
          logger,
          database: DATABASE,
          requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
        }),
        SystemModule,
      ],
    };
  }
}
