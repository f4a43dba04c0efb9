import './instrument';
import { runService } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';
import { WebhooksModule } from './webhooks/webhooks.module';

void runService({
  service: 'webhook-dispatcher',
  loadEnv,
  platform: () => ({ database: DATABASE }),
  imports: () => [WebhooksModule],
});
