import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, GatewayEventTypes, Topics, type ApiKeyEventPayload } from '@hb/contracts';
import { Outbox } from '@hb/platform';
import { KeyCache } from '../../auth/key-cache';
import { ApiKeysRepository } from '../api-keys.repository';
import { apiKeyView, type ApiKeyView } from '../api-key.view';

/**
 * Revokes a key of the tenant. The api_key.revoked event goes out through the outbox, and every
 * gateway replica evicts the key from its cache when it arrives; this replica evicts at once.
 * Revoking a revoked key is a no-op that answers the same; a key of another tenant is not found.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly outbox: Outbox,
    private readonly cache: KeyCache,
  ) {}

  async execute(input: { tenantId: string; keyId: string }): Promise<ApiKeyView> {
    const key = await this.outbox.transaction(async (manager, emit) => {
      const found = await this.keys.findInTenant(manager, input.tenantId, input.keyId);
      if (!found) throw new DomainError(ErrorCodes.ResourceNotFound, `API key ${input.keyId} not found`, 'keyId');
      const revokedAt = new Date();
      if (await this.keys.revoke(manager, found.id, revokedAt)) {
        found.revokedAt = revokedAt;
        emit({
          topic: Topics.GatewayEvents,
          aggregateId: found.id,
          tenantId: found.tenantId,
          type: GatewayEventTypes.ApiKeyRevoked,
          payload: {
            id: found.id,
            name: found.name,
            keyPrefix: found.keyPrefix,
            environment: found.environment,
            scopes: found.scopes,
            ...(found.agentId ? { agentId: found.agentId } : {}),
            createdAt: found.createdAt.toISOString(),
            revokedAt: revokedAt.toISOString(),
          } satisfies ApiKeyEventPayload,
        });
      }
      return found;
    });
    this.cache.evictKey(key.id);
    return apiKeyView(key);
  }
}
