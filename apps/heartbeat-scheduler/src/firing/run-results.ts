import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgentEvents, Topics, type AgentRunEventPayload } from '@hb/contracts';
import { EventConsumer, on, type Handled } from '@hb/platform';
import { Recorder } from './recorder';
import { outcomeOfRun } from './run-outcome';

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
      handlers: [on(AgentEvents.RunCompleted, ({ payload }) => this.take(payload)), on(AgentEvents.RunFailed, ({ payload }) => this.take(payload))],
    });
  }

  async take(run: AgentRunEventPayload): Promise<Handled> {
    if (run.trigger !== 'heartbeat' || !run.idempotency_key?.startsWith('log_')) return;
    // Already ended: by this event's first delivery, or by the trigger's reply that came first.
    if (!(await this.recorder.finish(run.idempotency_key, outcomeOfRun(run, run.duration_ms)))) return 'duplicate';
  }
}
