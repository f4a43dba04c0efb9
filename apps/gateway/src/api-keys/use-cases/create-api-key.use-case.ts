import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, GatewayEventTypes, Topics, type ApiKeyEventPayload } from '@hb/contracts';
import { Outbox, prefixedId } from '@hb/platform';
import { issueKey, type KeyKind } from '../../auth/api-key-format';
import type { Principal, RateLimits } from '../../auth/principal';
import { AGENT_KEY_SCOPES, TENANT_SCOPES, type TenantScope } from '../../auth/scopes';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { TenantsRepository } from '../../tenants/tenants.repository';
import { ApiKeysRepository } from '../api-keys.repository';

export interface CreateApiKeyInput {
  principal: Principal;
  tenantId: string;
  name: string;
  kind: KeyKind;
  scopes?: TenantScope[];
  /** Unix seconds, or milliseconds when the number is too large to be seconds. */
  expiresAt?: number;
  /** For agent keys: the one agent the key reaches. */
  agentId?: string;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  plainKey: string;
  environment: string;
  scopes: string[];
  rateLimit: RateLimits;
  agentId?: string;
  expiresAt?: string;
  createdAt: string;
}

@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly tenants: TenantsRepository,
    private readonly outbox: Outbox,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async execute(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    if (!(await this.tenants.find(input.tenantId))) {
      throw new DomainError(ErrorCodes.ResourceNotFound, `Tenant ${input.tenantId} not found`, 'tenantId');
    }
    const scopes = this.grantedScopes(input);
    const expiresAt = input.expiresAt === undefined ? null : toDate(input.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new DomainError(ErrorCodes.ValidationError, 'expiresAt must be in the future', 'expiresAt');
    }
    const issued = issueKey(input.kind);
    const key = await this.outbox.transaction(async (manager, emit) => {
      const saved = await this.keys.insert(manager, {
        id: prefixedId('key'),
        tenantId: input.tenantId,
        agentId: input.agentId ?? null,
        name: input.name,
        environment: input.kind,
        keyPrefix: issued.keyPrefix,
        keyHash: issued.hash,
        scopes,
        rateLimit: this.settings.defaultKeyRateLimit,
        expiresAt,
      });
      emit({
        topic: Topics.GatewayEvents,
        aggregateId: saved.id,
        tenantId: saved.tenantId,
        type: GatewayEventTypes.ApiKeyCreated,
        payload: {
          id: saved.id,
          name: saved.name,
          keyPrefix: saved.keyPrefix,
          environment: saved.environment,
          scopes: saved.scopes,
          ...(saved.agentId ? { agentId: saved.agentId } : {}),
          createdAt: saved.createdAt.toISOString(),
        } satisfies ApiKeyEventPayload,
      });
      return saved;
    });
    return {
      id: key.id,
      name: key.name,
      keyPrefix: key.keyPrefix,
      plainKey: issued.plainKey,
      environment: key.environment,
      scopes: key.scopes,
      rateLimit: key.rateLimit,
      ...(key.agentId ? { agentId: key.agentId } : {}),
      ...(key.expiresAt ? { expiresAt: key.expiresAt.toISOString() } : {}),
      createdAt: key.createdAt.toISOString(),
    };
  }

  /** A key never holds a scope its creator lacks; omitted scopes mean all the creator may give. */
  private grantedScopes(input: CreateApiKeyInput): TenantScope[] {
    const ceiling = input.kind === 'agent' ? AGENT_KEY_SCOPES : TENANT_SCOPES;
    const creatorHas = (scope: TenantScope) => input.principal.scopes.includes(scope);
    const requested = input.scopes ?? ceiling.filter(creatorHas);
    const beyond = requested.find((scope) => !creatorHas(scope) || !ceiling.includes(scope));
    if (beyond) {
      throw new DomainError(ErrorCodes.InsufficientScope, `Cannot grant scope '${beyond}': the creating key does not hold it`, 'scopes');
    }
    return [...requested];
  }
}

function toDate(timestamp: number): Date {
  // Unix seconds stay below 1e11 until the year 5138; anything larger is milliseconds.
  return new Date(timestamp < 1e11 ? timestamp * 1000 : timestamp);
}
