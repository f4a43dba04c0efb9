import { IsArray, IsISO8601, IsOptional, IsString } from 'class-validator';
import { defineEvent } from './event-definition';

/** Events the gateway publishes on Topics.GatewayEvents (spec 003's api_key.* webhooks). */
export const GatewayEventTypes = {
  ApiKeyCreated: 'api_key.created',
  ApiKeyRevoked: 'api_key.revoked',
} as const;

export class ApiKeyEventPayload {
  @IsString() id!: string;
  @IsString() name!: string;
  @IsString() keyPrefix!: string;
  @IsString() environment!: string;
  @IsArray() @IsString({ each: true }) scopes!: string[];
  @IsOptional() @IsString() agentId?: string;
  @IsISO8601() createdAt!: string;
  @IsOptional() @IsISO8601() revokedAt?: string;
}

/** What a revocation's consumers need: the key. Kept to that, so no other field can stop an eviction. */
export class RevokedKey {
  @IsString() id!: string;
}

export const GatewayEvents = {
  ApiKeyCreated: defineEvent(GatewayEventTypes.ApiKeyCreated, ApiKeyEventPayload),
  ApiKeyRevoked: defineEvent(GatewayEventTypes.ApiKeyRevoked, RevokedKey),
};
