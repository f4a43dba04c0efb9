import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics, WEBHOOK_EVENTS, type EventEnvelope } from '@hb/contracts';
import { EventConsumer, prefixedId, storedTraceContext, type Handled } from '@hb/platform';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { DeliveryWorker } from '../delivery/delivery-worker';

const SUBSCRIBABLE = new Set<string>(WEBHOOK_EVENTS);

/**
 * Every domain event of the platform, from the services over Kafka (their outboxes, and each
 * search's search.performed), becomes one delivery per active webhook of its tenant subscribed
 * to it: recorded (once per webhook and event, so a redelivered event adds nothing) before any
 * attempt, with spec 003's payload {event, data, metadata: {request_id, timestamp, version}}.
 * The offset moves on only after.
 */
@Injectable()
export class EventIntake implements OnModuleInit {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventConsumer,
    private readonly worker: DeliveryWorker,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      group: 'webhook-dispatcher.intake',
      topics: [Topics.MemoryEvents, Topics.GatewayEvents, Topics.AgentEvents, Topics.HeartbeatEvents],
      fromBeginning: false,
      handle: (event) => this.take(event),
    });
  }

  async take(event: EventEnvelope): Promise<Handled> {
    if (!SUBSCRIBABLE.has(event.type)) return;
    const body = JSON.stringify({
      event: event.type,
      data: event.payload,
      metadata: { request_id: `req_${event.id.replace(/-/g, '')}`, timestamp: event.occurredAt, version: 'v1' },
    });
    const { subscribers, added } = await this.deliveries.addForSubscribers({
      messageId: prefixedId('msg'),
      eventId: event.id,
      eventType: event.type,
      tenantId: event.tenantId,
      body,
      // The consumer's span: the deliveries' attempts continue the event's trace.
      traceContext: storedTraceContext(),
    });
    if (added > 0) this.worker.kick();
    if (subscribers > 0 && added < subscribers) return 'duplicate';
  }
}
