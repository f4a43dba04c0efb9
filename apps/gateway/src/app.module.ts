import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import { AgentMemoryModule } from './agent-memory/agent-memory.module';
import { AgentsModule } from './agents/agents.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { BotsModule } from './bots/bots.module';
import type { GatewayEnv } from './config/env';
import { DATABASE } from './database';
import { GatewaySettingsModule } from './gateway-settings.module';
import { IntelligenceModule } from './intelligence/intelligence.module';
import { MemoriesModule } from './memories/memories.module';
import { SystemModule } from './system/system.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsageModule } from './usage/usage.module';
import { WebhooksModule } from './webhooks/webhooks.module';

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
        GatewaySettingsModule.forRoot({
          adminKey: env.HB_ADMIN_KEY,
          defaultPlan: env.DEFAULT_PLAN,
          defaultKeyRateLimit: {
            requestsPerMinute: env.KEY_RATE_LIMIT_PER_MINUTE,
            requestsPerHour: env.KEY_RATE_LIMIT_PER_HOUR,
            requestsPerDay: env.KEY_RATE_LIMIT_PER_DAY,
          },
          keyCacheTtlMs: env.KEY_CACHE_TTL_MS,
        }),
        AuthModule,
        TenantsModule,
        ApiKeysModule,
        UsageModule,
        MemoriesModule,
        AgentMemoryModule,
        AgentsModule,
        BotsModule,
        IntelligenceModule,
        SystemModule,
        WebhooksModule,
      ],
    };
  }
}
