import { SetMetadata } from '@nestjs/common';
import type { Scope } from './scopes';

export const ACCESS = 'hb:access';

export interface AccessRule {
  public?: boolean;
  /** The scope a key needs; omitted: any valid key. */
  scope?: Scope;
  /** Route parameter naming an agent: agent keys may reach only routes whose parameter is theirs. */
  agentParam?: string;
  /** Agent keys may call this route without an agent parameter: the route keeps them on their agent itself (MCP). */
  agentKeys?: 'kept-on-their-agent-inside';
}

/** Declares who may call a route. A route without a rule is refused: access is never implicit. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS, rule);
export const Public = () => Access({ public: true });
