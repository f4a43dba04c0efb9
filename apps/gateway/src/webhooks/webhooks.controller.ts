import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookCommands, type AttemptView, type DeliveryView, type Page, type WebhookView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { PageQuery } from '../agents/dto/agent.dto';
import { TenantQuery } from '../api-keys/dto/list-api-keys.query';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { CreateWebhookDto, RecoverDto, UpdateWebhookDto } from './dto/webhook.dto';

/** The attempt of a test delivery may take the whole attempt timeout (15 s). */
const TEST_TIMEOUT_MS = 20_000;

/**
 * Spec 003's webhooks (create, list, test) and, in the same style, get, update (secret rotation,
 * re-enabling), delete, deliveries with their attempts, resend and recover.
 */
@ApiTags('Webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly commands: CommandClient) {}

  @Post()
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Register a webhook: deliveries are signed (Standard Webhooks) and retried on the Svix schedule.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookDto): Promise<WebhookView> {
    const { tenantId, ...fields } = body;
    return this.commands.request(WebhookCommands.Create, { ...fields, tenantId: tenantOf(principal, tenantId) });
  }

  @Get()
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: "Your tenant's webhooks (never their secrets)." })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TenantQuery): Promise<{ webhooks: WebhookView[] }> {
    return this.commands.request(WebhookCommands.List, { tenantId: tenantOf(principal, query.tenantId) });
  }

  @Get(':id')
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: 'One webhook.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TenantQuery): Promise<WebhookView> {
    return this.commands.request(WebhookCommands.Get, { tenantId: tenantOf(principal, query.tenantId), webhookId: id });
  }

  @Patch(':id')
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Change name, url, events or status (active re-enables a disabled webhook); a new secret rotates: both sign for 24 hours.' })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateWebhookDto): Promise<WebhookView> {
    const { tenantId, ...fields } = body;
    return this.commands.request(WebhookCommands.Update, { ...fields, tenantId: tenantOf(principal, tenantId), webhookId: id });
  }

  @Delete(':id')
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Delete a webhook and its deliveries.' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TenantQuery): Promise<{ id: string }> {
    return this.commands.request(WebhookCommands.Delete, { tenantId: tenantOf(principal, query.tenantId), webhookId: id });
  }

  @Post(':id/test')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send a test payload now; answers the attempt: delivered, statusCode, latencyMs, error.' })
  test(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TenantQuery): Promise<AttemptView & { delivered: boolean }> {
    const tenantId = tenantOf(principal, query.tenantId);
    return this.commands.request(WebhookCommands.Test, { tenantId, webhookId: id }, { tenantId, timeoutMs: TEST_TIMEOUT_MS });
  }

  @Get(':id/deliveries')
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: 'Deliveries, newest first, each with its attempts (status code, latency, response excerpt) and next retry.' })
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: PageQuery): Promise<Page<DeliveryView>> {
    return this.commands.request(WebhookCommands.Deliveries, {
      tenantId: tenantOf(principal, query.tenantId),
      webhookId: id,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send one delivery again, from the start of the retry schedule, under the same webhook-id.' })
  resend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string, @Query() query: TenantQuery): Promise<DeliveryView> {
    return this.commands.request(WebhookCommands.Resend, { tenantId: tenantOf(principal, query.tenantId), webhookId: id, deliveryId });
  }

  @Post(':id/recover')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send again every delivery that failed since a time.' })
  recover(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: RecoverDto): Promise<{ recovered: number }> {
    return this.commands.request(WebhookCommands.Recover, { tenantId: tenantOf(principal, body.tenantId), webhookId: id, since: body.since });
  }
}
