import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { Dispatcher } from '../firing/dispatcher';
import { FIRE_QUEUE } from '../firing/fire-queue';
import { FireWorker } from '../firing/fire-worker';
import { Planner } from '../firing/planner';
import { HeartbeatMetrics } from '../firing/heartbeat-metrics';
import { Recorder } from '../firing/recorder';
import { RunResults } from '../firing/run-results';
import { ExecutionsRepository } from './executions.repository';
import { HeartbeatLogsService } from './heartbeat-logs.service';
import { HeartbeatsRepository } from './heartbeats.repository';
import { HeartbeatsService } from './heartbeats.service';

@Module({
  imports: [BullModule.registerQueue({ name: FIRE_QUEUE })],
  providers: [HeartbeatsRepository, ExecutionsRepository, HeartbeatsService, HeartbeatLogsService, Planner, Dispatcher, FireWorker, Recorder, RunResults, HeartbeatMetrics],
})
export class HeartbeatsModule {}
