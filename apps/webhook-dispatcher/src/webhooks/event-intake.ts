import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Topics, WEBHOOK_EVENTS, type EventEnvelope } from '@hb/contracts';
import { EventConsumer } from '@hb/platform';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { messageId } from './webhooks.service';

const SUBSCRIBABLE = new Set<string>(WEBHOOK_EVENTS);

/**
 * Every domain event of the platform, from the services' outboxes over Kafka, becomes one
 * delivery per active webhook of its tenant subscribed to it: recorded (once per webhook and
 * event, so a redelivered event adds nothing) before any attempt, with spec 003's payload
 * {event, data, metadata: {request_id, timestamp, version}}. The offset moves on only after.
 */
@Injectable()
export class EventIntake implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  async take(event: EventEnvelope): Promise<void> {
    if (!SUBSCRIBABLE.has(event.type)) return;
    const body = JSON.stringify({
      event: event.type,
      data: event.payload,
      metadata: { request_id: `req_${event.id.replace(/-/g, '')}`, timestamp: event.occurredAt, version: 'v1' },
    });
    const added: unknown[] = await this.dataSource.query(
      `INSERT INTO deliveries (id, webhook_id, tenant_id, event_id, event_type, body, status, next_attempt_at)
       SELECT $1 || '_' || substr(md5(w.id), 1, 6), w.id, w.tenant_id, $2, $3, $4, 'pending', now()
         FROM webhooks w WHERE w.tenant_id = $5 AND w.status = 'active' AND $3 = ANY (w.events)
       ON CONFLICT (webhook_id, event_id) DO NOTHING
       RETURNING id`,
      [messageId(), event.id, event.type, body, event.tenantId],
    );
    if (added.length) this.worker.kick();
  }
}
