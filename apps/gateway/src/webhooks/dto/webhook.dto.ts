import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { NewWebhook, WEBHOOK_EVENTS, WEBHOOK_STATUSES, type WebhookEvent } from '@hb/contracts';
import { TenantScoped } from '../../http/dto/tenant-scoped';

/** Spec 003's create: the contract's rules, documented, and the admin key's tenant. */
export class CreateWebhookDto extends NewWebhook {
  @ApiProperty({ example: 'Memory Sync' })
  declare name: string;

  @ApiProperty({ description: 'HTTPS endpoint URL.', example: 'https://your-app.com/webhooks/herobrain' })
  declare url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['memory.created', 'memory.updated'] })
  declare events: WebhookEvent[];

  @ApiProperty({ description: 'Signs every delivery (Standard Webhooks); a whsec_ secret is used base64-decoded.', example: 'your-webhook-secret' })
  declare secret: string;

  @ApiPropertyOptional({ enum: WEBHOOK_STATUSES, default: 'active' })
  declare status?: 'active' | 'inactive';

  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

/** Every field of the create, each optional; a new secret starts a rotation (both sign for 24 hours). */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class RecoverDto extends TenantScoped {
  @ApiProperty({ description: 'Failed deliveries created since this time are sent again.', example: '2025-11-19T00:00:00Z' })
  @IsDateString({}, { message: 'since must be an ISO 8601 date-time' })
  since!: string;
}
