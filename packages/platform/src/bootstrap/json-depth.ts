import type { IncomingMessage } from 'node:http';

/** Deeper than any body the faces define (their deepest is a few levels of metadata). */
export const MAX_JSON_DEPTH = 64;

/** A body refused before parsing; body-parser hands it on with this status and type. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';

  constructor(readonly maxDepth: number) {
    super(`Request body nests deeper than ${maxDepth} levels`);
  }
}

/**
 * body-parser's `verify` hook: refuses JSON whose arrays and objects nest deeper than `maxDepth`.
 * JSON.parse itself copes with deep input, but every walk over the parsed value afterwards (the
 * validation's class-transformer, logging, serialisation) recurses and would overflow the stack.
 * One pass over the bytes, strings skipped, before anything is parsed.
 */
export function refuseDeepJson(maxDepth = MAX_JSON_DEPTH): (req: IncomingMessage, res: unknown, body: Buffer) => void {
  return (_req, _res, body) => {
    if (nestingDepth(body, maxDepth) > maxDepth) throw new JsonTooDeepError(maxDepth);
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of `[` and `{` outside strings, counting stops once past `stopAbove`. */
export function nestingDepth(body: Uint8Array, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}
