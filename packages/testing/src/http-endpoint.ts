import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface HttpEndpoint {
  /** http://127.0.0.1:port, no trailing slash. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * An HTTP server on a free local port (or `port`) whose handler gets each request with its whole
 * body read: the stand-in for a webhook receiver or any outside endpoint.
 */
export async function startHttpEndpoint(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
  port = 0,
): Promise<HttpEndpoint> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
