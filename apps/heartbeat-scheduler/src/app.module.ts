import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { ScheduleModule } from '@nestjs/schedule';
import { PlatformModule, type JsonLogger } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from './config/env';
import { DATABASE } from './database';
import { HeartbeatsModule } from './heartbeats/heartbeats.module';

/** Retries of a dispatch that could not reach the agent runtime, one second apart and doubling. */
const DISPATCH_ATTEMPTS = 6;

@Module({})
export class AppModule {
  static forRoot(env: HeartbeatSchedulerEnv, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'heartbeat-scheduler', env, logger, database: DATABASE, callsServices: true }),
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
    };
  }
}
