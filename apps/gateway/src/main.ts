import { runService } from '@hb/platform';
import { AppModule } from './app.module';
import { loadEnv } from './config/env';
import { configureGateway } from './configure-gateway';

void runService({
  service: 'gateway',
  loadEnv,
  module: (env, logger) => AppModule.forRoot(env, logger),
  configure: configureGateway,
});
