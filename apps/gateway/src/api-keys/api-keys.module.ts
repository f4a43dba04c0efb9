import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TenantsModule } from '../tenants/tenants.module';
import { ApiKeysController } from './api-keys.controller';
import { CreateApiKeyUseCase } from './use-cases/create-api-key.use-case';
import { ListApiKeysUseCase } from './use-cases/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './use-cases/revoke-api-key.use-case';

const USE_CASES = [CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase];

@Module({
  imports: [AuthModule, TenantsModule],
  controllers: [ApiKeysController],
  providers: USE_CASES,
  exports: [CreateApiKeyUseCase, RevokeApiKeyUseCase],
})
export class ApiKeysModule {}
