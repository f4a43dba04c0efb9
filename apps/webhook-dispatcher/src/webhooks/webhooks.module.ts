import { Module } from '@nestjs/common';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { EventIntake } from './event-intake';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhooksRepository, DeliveriesRepository, WebhooksService, DeliveryWorker, EventIntake],
})
export class WebhooksModule {}
