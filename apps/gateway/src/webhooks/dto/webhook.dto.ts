import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { MAX_WEBHOOK_URL, WEBHOOK_EVENTS, WEBHOOK_STATUSES, type WebhookEvent } from '@hb/contracts';

const EVENTS_MESSAGE = `events must be a non-empty list of: ${WEBHOOK_EVENTS.join(', ')}`;

/** Spec 003's create: name, url, events and secret required. */
export class CreateWebhookDto {
  @ApiProperty({ example: 'Memory Sync' })
  @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'HTTPS endpoint URL.', example: 'https://your-app.com/webhooks/herobrain' })
  @IsString() @Length(1, MAX_WEBHOOK_URL)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['memory.created', 'memory.updated'] })
  @IsArray({ message: EVENTS_MESSAGE }) @ArrayMinSize(1, { message: EVENTS_MESSAGE }) @IsIn(WEBHOOK_EVENTS, { each: true, message: EVENTS_MESSAGE })
  events!: WebhookEvent[];

  @ApiProperty({ description: 'Signs every delivery (Standard Webhooks); a whsec_ secret is used base64-decoded.', example: 'your-webhook-secret' })
  @IsString() @Length(1, 500, { message: 'secret must be 1 to 500 characters' })
  secret!: string;

  @ApiPropertyOptional({ enum: WEBHOOK_STATUSES, default: 'active' })
  @IsOptional() @IsIn(WEBHOOK_STATUSES, { message: 'status must be active or inactive' })
  status?: 'active' | 'inactive';

  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

/** Every field of the create, each optional; a new secret starts a rotation (both sign for 24 hours). */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class RecoverDto {
  @ApiProperty({ description: 'Failed deliveries created since this time are sent again.', example: '2025-11-19T00:00:00Z' })
  @IsDateString({}, { message: 'since must be an ISO 8601 date-time' })
  since!: string;

  @ApiPropertyOptional({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}
