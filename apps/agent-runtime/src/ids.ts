import { randomBytes } from 'node:crypto';

/** Prefixed random ids: agt_…, conv_…, run_…, msg_…. */
export function newId(prefix: 'agt' | 'conv' | 'run' | 'msg'): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 16)}`;
}
