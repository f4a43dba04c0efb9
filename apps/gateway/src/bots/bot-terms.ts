import { DomainError, ErrorCodes } from '@hb/contracts';
import type { Principal } from '../auth/principal';

/** The project a request names, which a tenant key must own (the admin key may name any). */
export function projectOf(principal: Principal, projectId: string): string {
  if (principal.kind === 'key' && projectId !== principal.tenantId) {
    throw new DomainError(ErrorCodes.TenantMismatch, 'Resource belongs to different project', 'project_id');
  }
  return projectId;
}

/** The runtime names agents' fields; the bot face names them its own way. */
export async function inBotTerms<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof DomainError && error.field === 'agentId') throw new DomainError(error.code, error.message.replace(/^Agent /, 'Bot '), 'bot_id');
    throw error;
  }
}
