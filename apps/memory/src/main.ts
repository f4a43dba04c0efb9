import './instrument';
import { runService } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';
import { MemoriesModule } from './memories/memories.module';

void runService({
  service: 'memory',
  loadEnv,
  platform: () => ({ database: DATABASE }),
  imports: () => [MemoriesModule],
});
