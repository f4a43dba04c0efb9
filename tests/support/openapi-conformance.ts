import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

/**
 * The gateway's OpenAPI document as JSON. Tests reach into it along paths they name (an
 * operation's request body, a schema's properties), so below its two top-level maps it is untyped.
 */
export interface OpenApiDocument {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON reached into by path
  paths: Record<string, Record<string, any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON reached into by path
  components: { schemas: Record<string, any> };
}

/** The document a running gateway serves at /openapi.json. */
export async function openApiDocumentOf(gatewayUrl: string): Promise<OpenApiDocument> {
  return (await (await fetch(`${gatewayUrl}/openapi.json`)).json()) as OpenApiDocument;
}

/**
 * A fetch that checks every JSON answer against the schema the gateway's OpenAPI document gives it
 * for its operation and status, and keeps what does not conform. Objects are held to the fields
 * they document (no undocumented field passes), so the document cannot fall behind the answers.
 */
export class OpenApiConformance {
  readonly violations: string[] = [];
  /** Answers checked, by "METHOD template status": what a test run covered. */
  readonly checked = new Map<string, number>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: closed(rebase(document.components)) });
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        this.operations.push({ method: method.toUpperCase(), template, pattern, params, responses: (operation as { responses: Operation['responses'] }).responses });
      }
    }
    // A literal segment wins over a parameter: /memories/search before /memories/{id}.
    this.operations.sort((a, b) => a.params - b.params);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('application/json')) return response;
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = await response.clone().json();
    this.check(method, url.pathname, response.status, body);
    return response;
  };

  private check(method: string, pathname: string, status: number, body: unknown): void {
    const operation = this.operations.find((candidate) => candidate.method === method && candidate.pattern.test(pathname));
    const name = `${method} ${operation?.template ?? pathname} ${status}`;
    this.checked.set(name, (this.checked.get(name) ?? 0) + 1);
    if (!operation) return void this.violations.push(`${name}: no such operation in the document`);
    const key = operation.responses[String(status)] ? String(status) : 'default';
    const schema = operation.responses[key]?.content?.['application/json']?.schema;
    if (!schema) return void this.violations.push(`${name}: the document gives no JSON schema for this answer`);
    const id = `${method} ${operation.template} ${key}`;
    let validate = this.validators.get(id);
    if (!validate) {
      validate = this.ajv.compile(closed(rebase(schema)));
      this.validators.set(id, validate);
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
      this.violations.push(`${name}: ${errors.slice(0, 5).join('; ')} in ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
}

/** The document's local references, pointed at the schema registered as "doc". */
function rebase<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

/** Every object schema that lists its fields and says nothing of others refuses others. */
function closed<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closed) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'example' ? value : closed(value)]));
  if (out.properties && out.additionalProperties === undefined && !out.allOf && !out.oneOf) out.additionalProperties = false;
  return out as T;
}
