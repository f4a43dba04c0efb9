/** Events the gateway publishes on Topics.GatewayEvents (spec 003's api_key.* webhooks). */
export const GatewayEventTypes = {
  ApiKeyCreated: 'api_key.created',
  ApiKeyRevoked: 'api_key.revoked',
} as const;

export interface ApiKeyEventPayload {
  id: string;
  name: string;
  keyPrefix: string;
  environment: string;
  scopes: string[];
  agentId?: string;
  createdAt: string;
  revokedAt?: string;
}
