import type { ErrorDetail } from '@hb/contracts';

/**
 * The API faces the gateway serves, each with its own response shapes:
 * - memory: the Memory API's `{success, data|errors, metadata}` envelope (everything under /api/v1
 *   that is not an agent route, including the platform's management routes);
 * - agent: the Agent API's plain bodies, errors as `{error: {code, message, field?}}`: agents and
 *   everything under them, and skills (agent management the spec mentions);
 * - heartbeat: the Heartbeat API's plain bodies under /v1/bot, errors likewise.
 */
export type Face = 'memory' | 'agent' | 'heartbeat';

export function faceOf(path: string): Face {
  if (path.startsWith('/v1/bot/') || path === '/v1/bot') return 'heartbeat';
  if (/^\/api\/v1\/(agents|skills)(\/|$|\?)/.test(path)) return 'agent';
  return 'memory';
}

export function metadataOf(requestId: string) {
  return { request_id: requestId, timestamp: new Date().toISOString(), version: 'v1' as const };
}

export function errorBody(face: Face, error: ErrorDetail, requestId: string): object {
  if (face === 'memory') return { success: false, errors: [error], metadata: metadataOf(requestId) };
  return { error };
}

export function successBody(data: unknown, requestId: string): object {
  return { success: true, data: data ?? null, metadata: metadataOf(requestId) };
}
