import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of the scripted model: text, tool calls, an error, or a slow answer. */
export interface ScriptedTurn {
  text?: string;
  toolUses?: Array<{ name: string; input: Record<string, unknown> }>;
  usage?: { input_tokens: number; output_tokens: number };
  /** Answer this many milliseconds late (headers included). */
  delayMs?: number;
  /** Answer with this HTTP error in Anthropic's error shape instead. */
  error?: { status: number; type: string; message: string };
}

/** What the server was asked: the Messages API body and the headers that came with it. */
export interface ScriptedRequest {
  body: MessagesBody;
  headers: IncomingMessage['headers'];
}

export interface MessagesBody {
  model: string;
  max_tokens: number;
  system?: string | Array<{ type: 'text'; text: string }>;
  messages: Array<{ role: 'user' | 'assistant'; content: string | Array<Record<string, unknown>> }>;
  tools?: Array<{ name: string; description?: string; input_schema: object }>;
  stream?: boolean;
}

type Responder = (request: ScriptedRequest, index: number) => ScriptedTurn;

/**
 * An Anthropic-compatible HTTP server answering POST /v1/messages from a script, so tests drive
 * the real @anthropic-ai/sdk (through ANTHROPIC_BASE_URL) without a network: plain and streamed
 * (Server-Sent Events) answers, tool_use turns, errors and slow answers. It records every request.
 */
export class ScriptedAnthropic {
  readonly requests: ScriptedRequest[] = [];
  private server?: Server;
  private responder: Responder;

  constructor(responder: Responder | ScriptedTurn[] = []) {
    this.responder = ScriptedAnthropic.responderOf(responder);
  }

  /** Replaces the script: a function of the request, or turns answered in order (then "ok"). */
  script(responder: Responder | ScriptedTurn[]): void {
    this.responder = ScriptedAnthropic.responderOf(responder);
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private static responderOf(responder: Responder | ScriptedTurn[]): Responder {
    if (typeof responder === 'function') return responder;
    const turns = [...responder];
    return () => turns.shift() ?? { text: 'ok' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${req.method} ${req.url}` } });
    }
    const request: ScriptedRequest = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers };
    this.requests.push(request);
    const turn = this.responder(request, this.requests.length - 1);
    if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs));
    if (res.destroyed) return;
    if (turn.error) return json(res, turn.error.status, { type: 'error', error: { type: turn.error.type, message: turn.error.message } });
    const message = messageOf(request.body.model, turn);
    if (!request.body.stream) return json(res, 200, message);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of streamOf(message)) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    res.end();
  }
}

let counter = 0;

function messageOf(model: string, turn: ScriptedTurn) {
  const content: Array<Record<string, unknown>> = [];
  if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
  for (const use of turn.toolUses ?? []) content.push({ type: 'tool_use', id: `toolu_${++counter}`, name: use.name, input: use.input });
  return {
    id: `msg_${++counter}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: turn.toolUses?.length ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: turn.usage ?? { input_tokens: 10, output_tokens: 5 },
  };
}

/** The Messages API's streaming events for a whole message; text arrives in a few deltas. */
function streamOf(message: ReturnType<typeof messageOf>): Array<Record<string, unknown> & { type: string }> {
  const events: Array<Record<string, unknown> & { type: string }> = [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 0 } } },
  ];
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const piece of String(block.text).match(/.{1,8}/gs) ?? []) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
      }
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: message.usage.output_tokens } });
  events.push({ type: 'message_stop' });
  return events;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++counter}` });
  res.end(JSON.stringify(body));
}
