import { serverSentEvents } from './sse';

/** A body arriving in the chunks given, as a network would split it. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of serverSentEvents(stream)) events.push(event);
  return events;
}

describe('serverSentEvents', () => {
  it('reads named events with JSON data, split anywhere across chunks, skipping keep-alive comments', async () => {
    const events = await all(body('event: run\ndata: {"run_id":', '"r1"}\n\n: keep-alive\n\nevent: del', 'ta\ndata: {"text":"Hi"}\r\n\r\nevent: done\ndata: {}\n\n'));
    expect(events).toEqual([
      { event: 'run', data: { run_id: 'r1' } },
      { event: 'delta', data: { text: 'Hi' } },
      { event: 'done', data: {} },
    ]);
  });

  it('joins multi-line data, keeps text that is not JSON, and names an unnamed event "message"', async () => {
    expect(await all(body('data: first\ndata: second\n\n'))).toEqual([{ event: 'message', data: 'first\nsecond' }]);
  });
});
