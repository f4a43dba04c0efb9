import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GATEWAY_SETTINGS, type GatewaySettings } from './gateway-settings';
import { DEFAULT_PLAN } from './tenants/use-cases/create-tenant.use-case';

@Global()
@Module({})
export class GatewaySettingsModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: GatewaySettingsModule,
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: settings },
        { provide: DEFAULT_PLAN, useValue: settings.defaultPlan },
      ],
      exports: [GATEWAY_SETTINGS, DEFAULT_PLAN],
    };
  }
}
