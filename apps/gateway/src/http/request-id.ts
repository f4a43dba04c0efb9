import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../auth/principal';

export const REQUEST_ID_HEADER = 'X-Request-Id';

export interface GatewayRequest extends Request {
  requestId: string;
  principal?: Principal;
}

/** Every request gets an id: in the response header, the Memory API's metadata, and the logs. */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const id = `req_${randomUUID().replace(/-/g, '')}`;
  (req as GatewayRequest).requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: Request): string {
  return (req as Partial<GatewayRequest>).requestId ?? 'req_unknown';
}
