import type { Call, Method, RequestOptions, Transport } from './transport.js';

type Where = 'query' | 'body' | 'none';

interface Input {
  query?: object;
  body?: object;
  /** Where the route takes the tenant: the query (GET, DELETE, a POST without a body), the body, or nowhere. */
  tenant?: Where;
  /** The route honours Idempotency-Key (see Call.idempotent). */
  idempotent?: boolean;
}

/** A group of operations; fills in the tenant where the route takes it and the caller did not. */
export abstract class Resource {
  /** The Heartbeat API names the tenant project_id; the rest of the API, tenantId. */
  protected readonly tenantField: 'tenantId' | 'project_id' = 'tenantId';

  constructor(protected readonly transport: Transport) {}

  protected request<T>(method: Method, path: string, input: Input = {}, options?: RequestOptions): Promise<T> {
    return this.transport.json<T>(this.call(method, path, input, options));
  }

  /** A Memory-face operation: its envelope's `data`. */
  protected async data<T>(method: Method, path: string, input: Input = {}, options?: RequestOptions): Promise<T> {
    return (await this.request<{ data: T }>(method, path, input, options)).data;
  }

  protected call(method: Method, path: string, { query, body, tenant, idempotent }: Input, options?: RequestOptions): Call {
    const where = tenant ?? (method === 'GET' || method === 'DELETE' || body === undefined ? 'query' : 'body');
    const filled = this.transport.tenantId === undefined ? {} : { [this.tenantField]: this.transport.tenantId };
    return {
      method,
      path,
      query: where === 'query' ? { ...filled, ...query } : query,
      body: where === 'body' ? { ...filled, ...body } : body,
      options,
      idempotent,
    };
  }

  protected tenant(given?: string): string {
    const tenantId = given ?? this.transport.tenantId;
    if (!tenantId) throw new Error('This call needs a tenant: pass tenantId to the client or to the call');
    return tenantId;
  }
}

/** A path with its parameters escaped. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, part, index) => out + part + (index < values.length ? encodeURIComponent(values[index]!) : ''), '');
}
