import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { CommandClient, InjectEnv } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import { Dispatcher } from './dispatcher';
import { FIRE_QUEUE, type FireJob } from './fire-queue';

const READY_POLL_MS = 50;

/**
 * Takes fire jobs off the Bull queue as their delay ends, HEARTBEAT_DISPATCH_CONCURRENCY at once.
 * It starts once the replica can reach the agent runtime, so jobs due at start-up are not failed
 * for nothing. A dispatch that cannot reach the runtime throws and Bull retries it with backoff.
 */
@Injectable()
export class FireWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(FireWorker.name);

  constructor(
    @InjectQueue(FIRE_QUEUE) private readonly queue: Queue<FireJob>,
    private readonly commands: CommandClient,
    private readonly dispatcher: Dispatcher,
    @InjectEnv() private readonly env: HeartbeatSchedulerEnv,
  ) {}

  onApplicationBootstrap(): void {
    void this.startWhenConnected();
  }

  private async startWhenConnected(): Promise<void> {
    while (!this.commands.isReady) await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    this.queue
      .process(this.env.HEARTBEAT_DISPATCH_CONCURRENCY, async (job) => {
        await this.dispatcher.fireMany(job.data.executionIds);
      })
      .catch((error: Error) => this.logger.error(`the fire queue stopped: ${error.message}`));
  }
}
