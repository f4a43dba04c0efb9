import { Module } from '@nestjs/common';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { EventIntake } from './event-intake';
import { WebhookCommandsConsumer } from './webhook-commands.consumer';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhooksRepository, DeliveriesRepository, WebhooksService, DeliveryWorker, EventIntake, WebhookCommandsConsumer],
})
export class WebhooksModule {}
