import './instrument';
import { BullModule } from '@nestjs/bull';
import { ScheduleModule } from '@nestjs/schedule';
import { runService } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';
import { HeartbeatsModule } from './heartbeats/heartbeats.module';

/** Retries of a dispatch that could not reach the agent runtime, one second apart and doubling. */
const DISPATCH_ATTEMPTS = 6;

void runService({
  service: 'heartbeat-scheduler',
  loadEnv,
  platform: () => ({ database: DATABASE, callsServices: true }),
  imports: (env) => [
    ScheduleModule.forRoot(),
    BullModule.forRoot({
      url: env.REDIS_URL,
      // Deployments sharing a Redis (or test runs) keep their queues apart, as their topics.
      prefix: env.KAFKA_NAMESPACE ? `bull-${env.KAFKA_NAMESPACE}` : 'bull',
      defaultJobOptions: {
        attempts: DISPATCH_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    }),
    HeartbeatsModule,
  ],
});
