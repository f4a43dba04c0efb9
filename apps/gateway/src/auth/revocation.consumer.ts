import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { GatewayEventTypes, Topics } from '@hb/contracts';
import { EventConsumer, PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
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
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      group: `gateway.key-cache.${this.options.env.INSTANCE_ID}`,
      topics: [Topics.GatewayEvents],
      fromBeginning: false,
      handle: async (event) => {
        if (event.type === GatewayEventTypes.ApiKeyRevoked) this.cache.evictKey(String(event.payload.id));
      },
    });
  }
}
