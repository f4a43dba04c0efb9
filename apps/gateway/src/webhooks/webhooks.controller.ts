import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookCommands, type AttemptView, type DeliveryView, type Page, type WebhookView } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { PageQuery, TenantScoped } from '../http/dto/tenant-scoped';
import { Access } from '../auth/access.decorator';
import { ActingTenant } from '../auth/acting-tenant.decorator';
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
  create(@ActingTenant() tenantId: string, @Body() body: CreateWebhookDto): Promise<WebhookView> {
    return this.commands.request(WebhookCommands.Create, { ...body, tenantId });
  }

  @Get()
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: "Your tenant's webhooks (never their secrets)." })
  list(@ActingTenant() tenantId: string, @Query() _query: TenantScoped): Promise<{ webhooks: WebhookView[] }> {
    return this.commands.request(WebhookCommands.List, { tenantId });
  }

  @Get(':id')
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: 'One webhook.' })
  get(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() _query: TenantScoped): Promise<WebhookView> {
    return this.commands.request(WebhookCommands.Get, { tenantId, webhookId: id });
  }

  @Patch(':id')
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Change name, url, events or status (active re-enables a disabled webhook); a new secret rotates: both sign for 24 hours.' })
  update(@ActingTenant() tenantId: string, @Param('id') id: string, @Body() body: UpdateWebhookDto): Promise<WebhookView> {
    return this.commands.request(WebhookCommands.Update, { ...body, tenantId, webhookId: id });
  }

  @Delete(':id')
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Delete a webhook and its deliveries.' })
  remove(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() _query: TenantScoped): Promise<{ id: string }> {
    return this.commands.request(WebhookCommands.Delete, { tenantId, webhookId: id });
  }

  @Post(':id/test')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send a test payload now; answers the attempt: delivered, statusCode, latencyMs, error.' })
  test(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() _query: TenantScoped): Promise<AttemptView & { delivered: boolean }> {
    return this.commands.request(WebhookCommands.Test, { tenantId, webhookId: id }, { tenantId, timeoutMs: TEST_TIMEOUT_MS });
  }

  @Get(':id/deliveries')
  @Access({ scope: 'read:webhooks' })
  @ApiOperation({ summary: 'Deliveries, newest first, each with its attempts (status code, latency, response excerpt) and next retry.' })
  deliveries(@ActingTenant() tenantId: string, @Param('id') id: string, @Query() query: PageQuery): Promise<Page<DeliveryView>> {
    return this.commands.request(WebhookCommands.Deliveries, {
      tenantId,
      webhookId: id,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
    });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send one delivery again, from the start of the retry schedule, under the same webhook-id.' })
  resend(@ActingTenant() tenantId: string, @Param('id') id: string, @Param('deliveryId') deliveryId: string, @Query() _query: TenantScoped): Promise<DeliveryView> {
    return this.commands.request(WebhookCommands.Resend, { tenantId, webhookId: id, deliveryId });
  }

  @Post(':id/recover')
  @HttpCode(200)
  @Access({ scope: 'write:webhooks' })
  @ApiOperation({ summary: 'Send again every delivery that failed since a time.' })
  recover(@ActingTenant() tenantId: string, @Param('id') id: string, @Body() body: RecoverDto): Promise<{ recovered: number }> {
    return this.commands.request(WebhookCommands.Recover, { tenantId, webhookId: id, since: body.since });
  }
}
