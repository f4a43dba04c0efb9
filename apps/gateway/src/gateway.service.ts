import type { ServiceSpec } from '@hb/platform';
import { AppModule } from './app.module';
import { loadEnv, type GatewayEnv } from './config/env';
import { configureGateway } from './configure-gateway';

/** How the gateway boots: main.ts runs it; in-process tests create it with their own env. */
export const GATEWAY_SERVICE: ServiceSpec<GatewayEnv> = {
  service: 'gateway',
  loadEnv,
  module: (env, logger) => AppModule.forRoot(env, logger),
  configure: configureGateway,
};
