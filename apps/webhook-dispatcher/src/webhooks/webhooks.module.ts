import { Module } from '@nestjs/common';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { EventIntake } from './event-intake';
import { WebhookCommandsConsumer } from './webhook-commands.consumer';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhooksService, DeliveryWorker, EventIntake, WebhookCommandsConsumer],
})
export class WebhooksModule {}
