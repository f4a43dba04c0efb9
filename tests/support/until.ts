/**
 * Polls `probe` until it answers something other than undefined, and answers that; fails naming
 * `what` after `timeoutMs`. For what the platform does a moment after a request: an event consumed,
 * a delivery made, a page read again.
 */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
