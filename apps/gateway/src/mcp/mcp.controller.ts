import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Response } from 'express';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { Access } from '../auth/access.decorator';
import type { GatewayRequest } from '../http/request-id';
import { PlatformTools } from './platform-tools';

/**
 * The platform as an MCP server (Streamable HTTP, stateless: each POST is one JSON-RPC exchange),
 * behind the same door as REST: the bearer key, its rate limits, its scopes. Every request gets a
 * server of the caller's tools, so nothing outlives it or crosses between keys.
 */
@ApiTags('MCP')
@ApiBearerAuth()
@Controller('mcp')
export class McpController {
  constructor(private readonly tools: PlatformTools) {}

  @Post()
  @Access({ agentKeys: 'kept-on-their-agent-inside' })
  @ApiOperation({ summary: 'MCP over Streamable HTTP: tools to search and keep memories, invoke agents, and read and trigger heartbeats.' })
  async handle(@Req() req: GatewayRequest, @Res() res: Response): Promise<void> {
    const principal = req.principal!;
    if (principal.kind === 'admin') {
      throw new DomainError(ErrorCodes.InsufficientScope, "MCP acts as one tenant or agent: use a tenant key, an agent key or a signed-in user's token, not the admin key");
    }
    const server = this.tools.serverFor(principal);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  /** No sessions, so no stream to open (GET) or to end (DELETE): a stateless server answers 405. */
  @Get()
  @Access({ agentKeys: 'kept-on-their-agent-inside' })
  @ApiOperation({ summary: 'Not offered: the server keeps no sessions, so there is no stream to open (405).' })
  openStream(@Res() res: Response): void {
    noSessions(res);
  }

  @Delete()
  @Access({ agentKeys: 'kept-on-their-agent-inside' })
  @ApiOperation({ summary: 'Not offered: the server keeps no sessions to end (405).' })
  endSession(@Res() res: Response): void {
    noSessions(res);
  }
}

function noSessions(res: Response): void {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server keeps no sessions; POST each request' }, id: null });
}
