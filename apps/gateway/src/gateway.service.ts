import type { ServiceSpec } from '@hb/platform';
import { AgentMemoryModule } from './agent-memory/agent-memory.module';
import { AgentsModule } from './agents/agents.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { BotsModule } from './bots/bots.module';
import { loadEnv, type GatewayEnv } from './config/env';
import { configureGateway } from './configure-gateway';
import { DATABASE } from './database';
import { jwtSettingsOf } from './gateway-settings';
import { GatewaySettingsModule } from './gateway-settings.module';
import { IntelligenceModule } from './intelligence/intelligence.module';
import { McpModule } from './mcp/mcp.module';
import { MemoriesModule } from './memories/memories.module';
import { SystemModule } from './system/system.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsageModule } from './usage/usage.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** How the gateway boots: main.ts runs it; in-process tests create it with their own env. */
export const GATEWAY_SERVICE: ServiceSpec<GatewayEnv> = {
  service: 'gateway',
  loadEnv,
  platform: (env) => ({ database: DATABASE, requestTimeoutMs: env.REQUEST_TIMEOUT_MS }),
  imports: (env) => [
    GatewaySettingsModule.forRoot({
      adminKey: env.HB_ADMIN_KEY,
      defaultPlan: env.DEFAULT_PLAN,
      defaultKeyRateLimit: {
        requestsPerMinute: env.KEY_RATE_LIMIT_PER_MINUTE,
        requestsPerHour: env.KEY_RATE_LIMIT_PER_HOUR,
        requestsPerDay: env.KEY_RATE_LIMIT_PER_DAY,
      },
      keyCacheTtlMs: env.KEY_CACHE_TTL_MS,
      jwt: jwtSettingsOf(env),
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
    McpModule,
  ],
  configure: configureGateway,
};
