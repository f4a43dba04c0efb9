import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GatewayEvents, Topics } from '@hb/contracts';
import { EventConsumer, InjectEnv, on, type BaseEnv } from '@hb/platform';
import { KeyCache } from './key-cache';

/**
 * Every gateway replica listens to api_key.revoked in a consumer group of its own (a broadcast),
 * so a key revoked through any replica leaves every replica's cache at once.
 */
@Injectable()
export class RevocationConsumer implements OnModuleInit {
  constructor(
    private readonly events: EventConsumer,
    private readonly cache: KeyCache,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      group: `gateway.key-cache.${this.env.INSTANCE_ID}`,
      topics: [Topics.GatewayEvents],
      fromBeginning: false,
      handlers: [on(GatewayEvents.ApiKeyRevoked, async ({ payload }) => this.cache.evictKey(payload.id))],
    });
  }
}
