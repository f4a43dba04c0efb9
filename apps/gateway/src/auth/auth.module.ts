import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-settings';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AuthService } from './auth.service';
import { GatewayGuard } from './gateway.guard';
import { KeyCache } from './key-cache';
import { RevocationConsumer } from './revocation.consumer';

@Module({
  providers: [
    AuthService,
    ApiKeysRepository,
    RateLimiter,
    RevocationConsumer,
    {
      provide: KeyCache,
      useFactory: (settings: GatewaySettings) => new KeyCache(settings.keyCacheTtlMs),
      inject: [GATEWAY_SETTINGS],
    },
    { provide: APP_GUARD, useClass: GatewayGuard },
  ],
  exports: [AuthService, ApiKeysRepository, KeyCache, RateLimiter],
})
export class AuthModule {}
