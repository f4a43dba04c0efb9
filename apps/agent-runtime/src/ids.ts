import { randomBytes } from 'node:crypto';

/** Prefixed random ids: agt_…, conv_…, run_…, msg_…, skl_…. */
export function newId(prefix: 'agt' | 'conv' | 'run' | 'msg' | 'skl'): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 16)}`;
}
