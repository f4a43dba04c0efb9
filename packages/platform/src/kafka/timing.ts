// Waiting on Kafka: keeping a consumer in its group through long work, and bounding a call's wait.

/**
 * Runs a message handler while heartbeating for its consumer: kafkajs heartbeats only between
 * messages, and a handler longer than the session timeout (a webhook delivery, a model call)
 * would otherwise get its consumer dropped from the group mid-work. kafkajs throttles the
 * heartbeats to its interval; a failed one (a rebalance starting) is left for the consumer's own
 * loop to act on.
 */
export async function keepAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>, everyMs = 500): Promise<T> {
  const timer = setInterval(() => heartbeat().catch(() => undefined), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
