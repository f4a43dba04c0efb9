import './instrument';
import { runService } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';
import { RunsModule } from './runs/runs.module';

void runService({
  service: 'agent-runtime',
  loadEnv,
  platform: () => ({ database: DATABASE, callsServices: true }),
  imports: () => [RunsModule],
});
