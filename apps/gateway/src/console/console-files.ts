import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonLogger } from '@hb/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';

export const CONSOLE_PATH = '/console';

/**
 * The console talks to nothing but this origin's API, so the page may load and reach nothing else.
 * No inline script or style: React sets its few style properties through the DOM, which CSP allows.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Where the @hb/console package's build lies: beside the gateway, in the workspace and in the image alike. */
function consoleDir(): string | null {
  try {
    return join(dirname(require.resolve('@hb/console/package.json')), 'dist');
  } catch {
    return null;
  }
}

function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * Serves the web console at /console: its hashed assets for a year, and its page for every other
 * path below, where the app's router takes over. The console is a client of the public API like
 * any other, so nothing here bypasses the gateway's guard.
 */
export function serveConsole(app: NestExpressApplication, logger: JsonLogger): void {
  const dir = consoleDir();
  const page = dir && join(dir, 'index.html');
  if (!page || !existsSync(page)) {
    logger.warn('the console is not built (pnpm --filter @hb/console build): /console answers 404', 'Console');
    app.use(CONSOLE_PATH, (_req: unknown, res: Response) => res.status(404).type('text/plain').send('The console is not built on this gateway.\n'));
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), {
    prefix: `${CONSOLE_PATH}/assets/`,
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: secure,
  });
  // An asset that is not there is a 404, not the page: a stale tab asking for an old build's file.
  app.use(`${CONSOLE_PATH}/assets`, (_req: unknown, res: Response) => res.status(404).type('text/plain').send('No such console file.\n'));
  app.use(CONSOLE_PATH, (req: { method: string }, res: Response, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    secure(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  });
}
