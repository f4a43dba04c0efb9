import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { context, endServerSpan, startServerSpan, type JsonLogger, type Metrics } from '@hb/platform';
import type { Principal } from '../auth/principal';
import { faceOf } from '../faces/face';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const UNTRACED = /^\/(health|metrics)(\/|$)/;
/** The status recorded for a request whose client closed the connection first. */
const CLIENT_CLOSED = 499;

export interface GatewayRequest extends Request {
  requestId: string;
  principal?: Principal;
}

/**
 * Every request gets an id, in the response header, the Memory API's metadata and the logs: one
 * access line per request with who called, what, the status and how long it took; and is counted
 * and timed by face, route template and status.
 */
export function requestIds(logger: JsonLogger, metrics: Metrics): RequestHandler {
  const labels = ['face', 'method', 'route', 'status'] as const;
  const requests = metrics.counter('http_requests_total', 'HTTP requests answered, by API face, method, route template and status.', labels);
  const durations = metrics.histogram('http_request_duration_seconds', 'Time to answer an HTTP request, by API face, method, route template and status.', labels);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    // Probes and scrapes would be most of the spans and say nothing.
    const traced = UNTRACED.test(req.path) ? undefined : startServerSpan(req.method, req.path, req.headers);
    const id = `req_${randomUUID().replace(/-/g, '')}`;
    (req as GatewayRequest).requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    // 'close' comes for every request, also one whose client went away before the answer was
    // sent ('finish' would not): that one is counted as 499, as proxies do.
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
      const seconds = (performance.now() - started) / 1000;
      // The template the router matched (/api/v1/memories/:id), never the path itself: ids stay out of labels.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const observed = { face: faceOf(req.path), method: req.method, route, status: String(status) };
      if (traced) endServerSpan(traced.span, req.method, req.route?.path ? route : undefined, status);
      requests.inc(observed);
      durations.observe(observed, seconds);
      const principal = (req as GatewayRequest).principal;
      const line = {
        msg: 'request',
        requestId: id,
        method: req.method,
        path: req.path,
        status,
        ms: Math.round(seconds * 100_000) / 100,
        ...(principal?.kind === 'key' ? { tenantId: principal.tenantId, keyId: principal.keyId } : {}),
        ...(principal?.kind === 'user' ? { tenantId: principal.tenantId, userId: principal.userId } : {}),
        ...(principal?.kind === 'admin' ? { admin: true } : {}),
      };
      // The access line carries the request's trace ids, wherever 'close' was emitted from.
      if (traced) context.with(traced.context, () => logger.log(line, 'Http'));
      else logger.log(line, 'Http');
    });
    // The rest of the request runs in its span: the commands it sends, the line logged at its end.
    if (traced) context.with(traced.context, next);
    else next();
  };
}

export function requestIdOf(req: Request): string {
  return (req as Partial<GatewayRequest>).requestId ?? 'req_unknown';
}
