import { parentPort, workerData } from 'node:worker_threads';
import { TextEncoder, type EncoderOptions } from './text-encoder';

export type WorkerRequest = { id: number; texts: string[] };
export type WorkerReply = { id: number; vectors: Float32Array[] } | { id: number; error: string };
export type WorkerReady = { ready: true; dimensions: number } | { ready: false; error: string };

/**
 * The embedding thread: onnxruntime-node runs a session synchronously on the calling thread, so
 * the model runs here, never on the service's event loop (Kafka heartbeats, other requests).
 * One request at a time; the provider batches what arrives meanwhile.
 */
async function serve(): Promise<void> {
  const port = parentPort!;
  let encoder: TextEncoder;
  try {
    encoder = await TextEncoder.load(workerData as EncoderOptions);
  } catch (error) {
    port.postMessage({ ready: false, error: String(error) } satisfies WorkerReady);
    return;
  }
  port.postMessage({ ready: true, dimensions: encoder.dimensions } satisfies WorkerReady);
  port.on('message', async (request: WorkerRequest) => {
    try {
      const vectors = await encoder.encode(request.texts);
      port.postMessage({ id: request.id, vectors } satisfies WorkerReply, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (error) {
      port.postMessage({ id: request.id, error: String(error) } satisfies WorkerReply);
    }
  });
}

void serve();
