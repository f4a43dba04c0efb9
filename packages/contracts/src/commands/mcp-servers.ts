import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An MCP server given to an agent, as the Agent API shows it. Its header values (tokens, keys) are
 * stored sealed and never shown: only their names.
 */
export interface McpServerView {
  id: string;
  agent_id: string;
  /** Prefixes its tools' names as the model sees them: `<name>__<tool>`. */
  name: string;
  url: string;
  header_names: string[];
  /** Deadline of each request to the server: listing its tools, and each tool call. */
  timeout_ms: number;
  created_at: string;
  updated_at: string;
}

export const MCP_SERVER_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const MAX_MCP_SERVERS_PER_AGENT = 10;
export const MAX_MCP_HEADERS = 20;
export const MAX_MCP_HEADER_VALUE = 8192;
export const DEFAULT_MCP_TIMEOUT_MS = 30_000;
const MAX_MCP_URL = 2048;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Headers the transport sets itself, or that frame the request: a server's headers may not replace them. */
const RESERVED_HEADERS = new Set([
  'accept', 'connection', 'content-length', 'content-type', 'host', 'keep-alive', 'last-event-id',
  'mcp-protocol-version', 'mcp-session-id', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

/** Why a headers object cannot be sent, or null when it can. */
export function headersProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'headers must be an object of header names to string values';
  const entries = Object.entries(value);
  if (entries.length > MAX_MCP_HEADERS) return `headers may hold at most ${MAX_MCP_HEADERS} headers`;
  for (const [name, headerValue] of entries) {
    if (!HEADER_NAME.test(name)) return `headers: ${JSON.stringify(name.slice(0, 100))} is not a header name`;
    if (RESERVED_HEADERS.has(name.toLowerCase())) return `headers: ${name} is set by the platform and cannot be given`;
    if (typeof headerValue !== 'string' || headerValue.length > MAX_MCP_HEADER_VALUE || /[\r\n\0]/.test(headerValue)) {
      return `headers: the value of ${name} must be a string of at most ${MAX_MCP_HEADER_VALUE} characters, on one line`;
    }
  }
  return null;
}

function IsHeaderMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHeaderMap',
      validator: {
        validate: (value) => headersProblem(value) === null,
        defaultMessage: (args) => headersProblem(args?.value) ?? 'headers is invalid',
      },
    },
    options,
  );
}

const NAME_RULE = { message: 'name must be 1 to 32 lowercase letters, digits or -, starting with a letter or digit' };
const TIMEOUT_RULE = { message: 'timeout_ms must be an integer from 1000 to 120000' };

/** A server's settings but its headers, which travel apart (see CreateMcpServerRequest). */
class McpServerSettings {
  @IsString(NAME_RULE) @Matches(MCP_SERVER_NAME, NAME_RULE) name!: string;
  @IsString() @Length(1, MAX_MCP_URL) url!: string;
  @IsOptional() @IsInt(TIMEOUT_RULE) @Min(1000, TIMEOUT_RULE) @Max(120_000, TIMEOUT_RULE) timeout_ms?: number;
}

class McpServerSettingsChanges {
  @IsOptional() @IsString(NAME_RULE) @Matches(MCP_SERVER_NAME, NAME_RULE) name?: string;
  @IsOptional() @IsString() @Length(1, MAX_MCP_URL) url?: string;
  @IsOptional() @IsInt(TIMEOUT_RULE) @Min(1000, TIMEOUT_RULE) @Max(120_000, TIMEOUT_RULE) timeout_ms?: number;
}

/** What a create sets, as the Agent API takes it: a name, a URL, and optionally headers and a timeout. */
export class NewMcpServer extends McpServerSettings {
  @IsOptional() @IsHeaderMap() headers?: Record<string, string>;
}

/** What an update may change, as the Agent API takes it; `headers` replaces the whole set (`{}` removes them all). */
export class McpServerChanges extends McpServerSettingsChanges {
  @IsOptional() @IsHeaderMap() headers?: Record<string, string>;
}

/**
 * The context header values are sealed to while they cross Kafka: the gateway seals what the
 * caller gave (SecretBox, under the SECRETS_KEY it shares with the agent runtime), the runtime opens
 * it and seals it again for the row. Bound to the tenant and agent, so a sealed set cannot be
 * replayed onto another agent's server.
 */
export function mcpHeadersInTransit(tenantId: string, agentId: string): string {
  return `mcp-headers:${tenantId}:${agentId}`;
}

/** The header values, sealed: the JSON object of NewMcpServer.headers (a command topic holds no secret in the clear). */
const SEALED_HEADERS_RULE = { message: 'sealedHeaders must be a sealed value' };
const MAX_SEALED_HEADERS = 4 * MAX_MCP_HEADERS * (MAX_MCP_HEADER_VALUE + 128);

export class CreateMcpServerRequest extends McpServerSettings {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsOptional() @IsString(SEALED_HEADERS_RULE) @MaxLength(MAX_SEALED_HEADERS, SEALED_HEADERS_RULE) sealedHeaders?: string;
}

export class McpServerRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsString() @MinLength(1) @MaxLength(64) serverId!: string;
}

export class UpdateMcpServerRequest extends McpServerSettingsChanges {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) agentId!: string;
  @IsString() @MinLength(1) @MaxLength(64) serverId!: string;
  /** Replaces every header when given (a sealed `{}` removes them). */
  @IsOptional() @IsString(SEALED_HEADERS_RULE) @MaxLength(MAX_SEALED_HEADERS, SEALED_HEADERS_RULE) sealedHeaders?: string;
}
