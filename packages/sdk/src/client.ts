import { Resource, path } from './core/resource.js';
import { Transport, type ClientOptions, type RequestOptions } from './core/transport.js';
import { Agents, Skills } from './resources/agents.js';
import { Bots, Heartbeats } from './resources/heartbeats.js';
import { Memories } from './resources/memories.js';
import { ApiKeys, Intelligence, Usage } from './resources/platform.js';
import { Webhooks } from './resources/webhooks.js';
import type { AnswerOf, BodyOf, Tenant } from './types.js';

/** The management routes of the admin key: tenants and their plans. */
export class Tenants extends Resource {
  create(params: BodyOf<'TenantsController_create'>, options?: RequestOptions): Promise<Tenant> {
    return this.data('POST', '/api/v1/admin/tenants', { body: params, tenant: 'none' }, options);
  }

  async list(options?: RequestOptions): Promise<Tenant[]> {
    return (await this.data<AnswerOf<'TenantsController_list'>>('GET', '/api/v1/admin/tenants', { tenant: 'none' }, options)).tenants;
  }

  get(id: string, options?: RequestOptions): Promise<Tenant> {
    return this.data('GET', path`/api/v1/admin/tenants/${id}`, { tenant: 'none' }, options);
  }

  update(id: string, changes: BodyOf<'TenantsController_update'>, options?: RequestOptions): Promise<Tenant> {
    return this.data('PATCH', path`/api/v1/admin/tenants/${id}`, { body: changes, tenant: 'none' }, options);
  }
}

/**
 * The platform's client: `new HeroBrain({ apiKey, tenantId, baseUrl })`, then a property per part
 * of the API, as the Memory API reference shows (`hb.memories.create(...)`, `hb.memories.search(...)`).
 */
export class HeroBrain {
  readonly memories: Memories;
  readonly apiKeys: ApiKeys;
  readonly webhooks: Webhooks;
  readonly intelligence: Intelligence;
  readonly usage: Usage;
  readonly agents: Agents;
  readonly skills: Skills;
  readonly bots: Bots;
  readonly heartbeats: Heartbeats;
  readonly tenants: Tenants;
  private readonly transport: Transport;

  constructor(options: ClientOptions = {}) {
    this.transport = new Transport(options);
    this.memories = new Memories(this.transport);
    this.apiKeys = new ApiKeys(this.transport);
    this.webhooks = new Webhooks(this.transport);
    this.intelligence = new Intelligence(this.transport);
    this.usage = new Usage(this.transport);
    this.agents = new Agents(this.transport);
    this.skills = new Skills(this.transport);
    this.bots = new Bots(this.transport);
    this.heartbeats = new Heartbeats(this.transport);
    this.tenants = new Tenants(this.transport);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  get tenantId(): string | undefined {
    return this.transport.tenantId;
  }

  /** Who the key is: its kind, tenant, agent and scopes. */
  whoami(options?: RequestOptions): Promise<AnswerOf<'SystemController_whoami'>> {
    return this.transport.json<{ data: AnswerOf<'SystemController_whoami'> }>({ method: 'GET', path: '/api/v1/system/whoami', options }).then((answer) => answer.data);
  }
}
