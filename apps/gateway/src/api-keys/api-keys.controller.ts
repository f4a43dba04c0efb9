import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import type { ApiKeyView } from './api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { TenantScoped } from '../http/dto/tenant-scoped';
import { RevokeApiKeyDto } from './dto/revoke-api-key.dto';
import { CreateApiKeyUseCase, type CreatedApiKey } from './use-cases/create-api-key.use-case';
import { ListApiKeysUseCase } from './use-cases/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './use-cases/revoke-api-key.use-case';

@ApiTags('API keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @Access({ scope: 'write:keys' })
  @ApiOperation({ summary: 'Create an API key. plainKey is returned once: store it securely immediately.' })
  @ApiResponse({
    status: 201,
    description: 'The key, with its secret shown this once.',
    schema: {
      example: {
        success: true,
        data: {
          id: 'key_abc123def456',
          name: 'Production API Key',
          keyPrefix: 'hb_prod_abc123',
          plainKey: 'hb_prod_abc123def456789012345678901234567890',
          environment: 'production',
          scopes: ['read:memories', 'write:memories'],
          rateLimit: { requestsPerMinute: 60, requestsPerHour: 1000, requestsPerDay: 10000 },
          createdAt: '2025-11-19T10:00:00Z',
        },
        metadata: { request_id: 'req_1234567890', timestamp: '2025-11-19T10:00:00Z', version: 'v1' },
      },
    },
  })
  create(@CurrentPrincipal() principal: Principal, @ActingTenant() tenantId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.createKey.execute({
      principal,
      tenantId,
      name: body.name,
      kind: body.environment ?? 'production',
      scopes: body.scopes,
      expiresAt: body.expiresAt,
    });
  }

  @Get()
  @Access({ scope: 'read:keys' })
  @ApiOperation({ summary: "List your tenant's API keys (never their secrets)." })
  list(@ActingTenant() tenantId: string, @Query() _query: TenantScoped): Promise<{ keys: ApiKeyView[] }> {
    return this.listKeys.execute(tenantId);
  }

  @Post('revoke')
  @HttpCode(200)
  @Access({ scope: 'write:keys' })
  @ApiOperation({ summary: 'Revoke an API key; every gateway replica refuses it within a second.' })
  revoke(@ActingTenant() tenantId: string, @Body() body: RevokeApiKeyDto): Promise<ApiKeyView> {
    return this.revokeKey.execute({ tenantId, keyId: body.keyId });
  }
}
