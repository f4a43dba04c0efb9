import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { JsonLogger } from '@hb/platform';
import type { Principal } from '../auth/principal';

export const REQUEST_ID_HEADER = 'X-Request-Id';

export interface GatewayRequest extends Request {
  requestId: string;
  principal?: Principal;
}

/**
 * Every request gets an id, in the response header, the Memory API's metadata and the logs: one
 * access line per request with who called, what, the status and how long it took.
 */
export function requestIds(logger: JsonLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const id = `req_${randomUUID().replace(/-/g, '')}`;
    (req as GatewayRequest).requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    res.on('finish', () => {
      const principal = (req as GatewayRequest).principal;
      logger.log(
        {
          msg: 'request',
          requestId: id,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 100) / 100,
          ...(principal?.kind === 'key' ? { tenantId: principal.tenantId, keyId: principal.keyId } : {}),
          ...(principal?.kind === 'admin' ? { admin: true } : {}),
        },
        'Http',
      );
    });
    next();
  };
}

export function requestIdOf(req: Request): string {
  return (req as Partial<GatewayRequest>).requestId ?? 'req_unknown';
}
