import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgentEventTypes, Topics, type AgentRunEventPayload, type EventEnvelope } from '@hb/contracts';
import { EventConsumer } from '@hb/platform';
import { Recorder } from './recorder';
import { outcomeOfRun } from './run-outcome';

const ENDED = new Set<string>([AgentEventTypes.RunCompleted, AgentEventTypes.RunFailed]);

/**
 * Records each heartbeat run's end from the agent runtime's events: the run's idempotency key is
 * the execution's id. A redelivered event finds the execution already ended and changes nothing.
 */
@Injectable()
export class RunResults implements OnModuleInit {
  constructor(
    private readonly events: EventConsumer,
    private readonly recorder: Recorder,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      group: 'heartbeat-scheduler.runs',
      topics: [Topics.AgentEvents],
      handle: (event) => this.take(event),
    });
  }

  async take(event: EventEnvelope): Promise<void> {
    if (!ENDED.has(event.type)) return;
    const run = event.payload as unknown as AgentRunEventPayload;
    if (run.trigger !== 'heartbeat' || !run.idempotency_key?.startsWith('log_')) return;
    await this.recorder.finish(run.idempotency_key, outcomeOfRun(run, run.duration_ms));
  }
}
