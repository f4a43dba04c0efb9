import { runService } from '@hb/platform';
import { AppModule } from './app.module';
import { loadEnv } from './config/env';

void runService({
  service: 'memory',
  loadEnv,
  module: (env, logger) => AppModule.forRoot(env, logger),
});
