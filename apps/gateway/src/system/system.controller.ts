import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Public } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { PingServiceUseCase, type PingResult } from './use-cases/ping-service.use-case';

@ApiTags('System')
@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly pingService: PingServiceUseCase) {}

  @Get('status')
  @Public()
  @ApiOperation({ summary: 'Unauthenticated: the gateway answers.' })
  status(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('whoami')
  // It answers only the caller's own standing, so an agent key may ask too (a client's login does).
  @Access({ agentKeys: 'kept-on-their-agent-inside' })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller as the gateway sees it: an admin, a key or a signed-in user; its tenant and scopes.' })
  whoami(@CurrentPrincipal() principal: Principal): object {
    if (principal.kind === 'admin') return { kind: 'admin', scopes: principal.scopes };
    const { kind, tenantId, agentId, scopes } = principal;
    if (principal.kind === 'user') return { kind, userId: principal.userId, tenantId, agentId, scopes };
    return { kind, keyId: principal.keyId, tenantId, agentId, scopes };
  }

  @Get('ping/:service')
  @Access({})
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Round-trips a ping to one service over Kafka and reports the latency.' })
  ping(@Param('service') service: string, @Query('echo') echo?: string): Promise<PingResult> {
    return this.pingService.execute({ service, echo });
  }
}
