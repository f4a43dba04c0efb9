import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LOGGER, type JsonLogger } from '@hb/platform';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-settings';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { TenantsModule } from '../tenants/tenants.module';
import { AuthService } from './auth.service';
import { GatewayGuard } from './gateway.guard';
import { JwtVerifier } from './jwt-verifier';
import { KeyCache } from './key-cache';
import { RevocationConsumer } from './revocation.consumer';

@Module({
  imports: [TenantsModule],
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
    {
      // null when the deployment names no key set: a JWT is then just another malformed key.
      provide: JwtVerifier,
      useFactory: (settings: GatewaySettings, logger: JsonLogger) => (settings.jwt ? new JwtVerifier(settings.jwt, logger) : null),
      inject: [GATEWAY_SETTINGS, LOGGER],
    },
    { provide: APP_GUARD, useClass: GatewayGuard },
  ],
  exports: [AuthService, ApiKeysRepository, KeyCache, RateLimiter],
})
export class AuthModule {}
