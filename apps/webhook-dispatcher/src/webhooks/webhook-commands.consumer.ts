import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WebhookCommands } from '@hb/contracts';
import { CommandServer } from '@hb/platform';
import { WebhooksService } from './webhooks.service';

/** The Kafka edge of the dispatcher: each webhook command to its service, payloads validated. */
@Injectable()
export class WebhookCommandsConsumer implements OnModuleInit {
  constructor(
    private readonly commands: CommandServer,
    private readonly webhooks: WebhooksService,
  ) {}

  onModuleInit(): void {
    this.commands.handle(WebhookCommands.Create, (input) => this.webhooks.create(input));
    this.commands.handle(WebhookCommands.Get, (input) => this.webhooks.get(input));
    this.commands.handle(WebhookCommands.List, (input) => this.webhooks.list(input.tenantId));
    this.commands.handle(WebhookCommands.Update, (input) => this.webhooks.update(input));
    this.commands.handle(WebhookCommands.Delete, (input) => this.webhooks.delete(input));
    // An attempt may take the whole attempt timeout: it must not hold the consumer.
    this.commands.handle(WebhookCommands.Test, (input) => this.webhooks.test(input), { detached: true });
    this.commands.handle(WebhookCommands.Deliveries, (input) => this.webhooks.deliveries(input));
    this.commands.handle(WebhookCommands.Resend, (input) => this.webhooks.resend(input));
    this.commands.handle(WebhookCommands.Recover, (input) => this.webhooks.recover(input));
  }
}
