import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { WebhookDispatcherEnv } from './config/env';
import { DATABASE } from './database';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(env: WebhookDispatcherEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'webhook-dispatcher', env, logger, database: DATABASE }), WebhooksModule],
    };
  }
}
