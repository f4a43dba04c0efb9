import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';

/** How long the offset of a message safe to handle twice may wait to be committed with others. */
const COMMIT_DELAY_MS = 1000;

/**
 * A consumer's offsets, committed by hand. kafkajs's auto-commit commits after every batch, and
 * at a modest load a batch is one message: an OffsetCommit request (and a write to the broker's
 * offsets log) per message, about a third of a round trip's Kafka requests. Here a message whose
 * handling must not be repeated (a command that may have changed state) is committed at once,
 * before the next one is taken, so a replica that dies afterwards leaves nothing to do twice, as
 * with auto-commit. The others (a read, an event, whose handlers are idempotent) are committed
 * within COMMIT_DELAY_MS, with whatever else is waiting: a replica that dies in that window leaves
 * them to be handled again (a read still within its deadline is answered twice, and its caller
 * keeps the first answer).
 */
export class OffsetCommits {
  /** The next offset to read, by topic and partition: what a commit records. */
  private readonly pending = new Map<string, TopicPartitionOffsetAndMetadata>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly commit: (offsets: TopicPartitionOffsetAndMetadata[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Records a handled message; `durable` commits it (and anything waiting) before resolving. */
  async handled(topic: string, partition: number, offset: string, durable: boolean): Promise<void> {
    this.pending.set(`${topic}:${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    if (durable) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), COMMIT_DELAY_MS);
  }

  /**
   * Commits what is waiting. A failed commit (its partition moved in a rebalance, the coordinator
   * away) is logged, not thrown: the message is handled, and handling it again here would be the
   * duplicate the commit exists to prevent. Its offsets are not retried: the next message of the
   * partition commits past them, and a partition that moved is no longer this replica's to commit.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    await this.commit(offsets).catch(this.onError);
  }
}
