import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { DEFAULT_MCP_TIMEOUT_MS, MAX_MCP_HEADERS, McpServerChanges, NewMcpServer } from '@hb/contracts';

const NAME = {
  description: "Names the server in the agent: its tools reach the model as `<name>__<tool>`. Lowercase letters, digits and -, unique in the agent.",
  example: 'github',
};
const URL_DOC = {
  description: 'Its Streamable HTTP endpoint: https, or plain http to a host WEBHOOK_ALLOWED_HOSTS names. Private and local addresses are refused unless allowlisted.',
  example: 'https://mcp.example.com/mcp',
};
const HEADERS = {
  description: `Sent with every request to the server (up to ${MAX_MCP_HEADERS}), typically Authorization. Stored encrypted; answers show only their names (header_names).`,
  example: { Authorization: 'Bearer <token>' },
  type: 'object',
  additionalProperties: { type: 'string' },
} as const;
const TIMEOUT = { description: 'Deadline of each request to the server: the tool list at run start, and each call.', minimum: 1000, maximum: 120000, default: DEFAULT_MCP_TIMEOUT_MS };

/** An MCP server given to an agent: the contract's rules, documented, and the admin key's tenant. */
export class CreateMcpServerDto extends NewMcpServer {
  @ApiProperty(NAME) declare name: string;
  @ApiProperty(URL_DOC) declare url: string;
  @ApiPropertyOptional(HEADERS) declare headers?: Record<string, string>;
  @ApiPropertyOptional(TIMEOUT) declare timeout_ms?: number;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.', example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

export class UpdateMcpServerDto extends McpServerChanges {
  @ApiPropertyOptional(NAME) declare name?: string;
  @ApiPropertyOptional({ ...URL_DOC, description: `${URL_DOC.description} Moving to another origin requires headers to be given again.` })
  declare url?: string;
  @ApiPropertyOptional({ ...HEADERS, description: `Replaces every header ({} removes them). ${HEADERS.description}` })
  declare headers?: Record<string, string>;
  @ApiPropertyOptional(TIMEOUT) declare timeout_ms?: number;

  @ApiPropertyOptional({ description: 'Admin key only: the tenant.', example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
