import { Resource, path } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import type { AnswerOf, ApiKey, BodyOf, CreatedApiKey, DecisionChain, ImplicitPatterns, Params, UsageMetrics } from '../types.js';

export type ApiKeyCreateParams = Params<BodyOf<'ApiKeysController_create'>>;
export type DecisionChainParams = Params<BodyOf<'IntelligenceController_decisionChain'>>;
export type ImplicitPatternsParams = Params<BodyOf<'IntelligenceController_implicitPatterns'>>;

/** Spec 003's API keys. A new key's `plainKey` is in the create's answer only. */
export class ApiKeys extends Resource {
  create(params: ApiKeyCreateParams, options?: RequestOptions): Promise<CreatedApiKey> {
    return this.data('POST', '/api/v1/api-keys', { body: params }, options);
  }

  async list(options?: RequestOptions): Promise<ApiKey[]> {
    return (await this.data<AnswerOf<'ApiKeysController_list'>>('GET', '/api/v1/api-keys', {}, options)).keys;
  }

  /** Every gateway replica refuses the key within a second. */
  revoke(keyId: string, options?: RequestOptions): Promise<ApiKey> {
    return this.data('POST', '/api/v1/api-keys/revoke', { body: { keyId } }, options);
  }
}

/** Spec 003's intelligence: decision chains and implicit patterns over the tenant's memories. */
export class Intelligence extends Resource {
  decisionChain(params: DecisionChainParams, options?: RequestOptions): Promise<DecisionChain> {
    return this.data('POST', '/api/v1/intelligence/decision-chain', { body: params }, options);
  }

  implicitPatterns(params: ImplicitPatternsParams = {}, options?: RequestOptions): Promise<ImplicitPatterns> {
    return this.data('POST', '/api/v1/intelligence/implicit-patterns', { body: params }, options);
  }
}

export class Usage extends Resource {
  /** API calls today and this month, memories and storage, each beside the plan's limit. */
  metrics(options: RequestOptions & { tenantId?: string } = {}): Promise<UsageMetrics> {
    return this.data('GET', path`/api/v1/usage/metrics/${this.tenant(options.tenantId)}`, { tenant: 'none' }, options);
  }
}
