import { outsideTraces } from '../tracing/spans';

/**
 * A worker's loop: runs `work` every `intervalMs` and whenever kicked, never twice at once; a kick
 * that comes while it runs makes it run once more right after, so no kick is lost. Work due at a
 * known time (a retry this replica scheduled) asks for a run then with `wakeIn`, so the interval
 * is only the net for work from elsewhere (another replica, one that died) and can be long: each
 * run of an idle loop is a database round trip or more.
 */
export class KickedLoop {
  private timer?: NodeJS.Timeout;
  private wake?: { at: number; timer: NodeJS.Timeout };
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  start(intervalMs: number): void {
    this.stopped = false;
    this.timer = outsideTraces(() => setInterval(() => this.kick(), intervalMs));
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.wake?.timer);
    this.wake = undefined;
  }

  /** Runs the work in `ms` (or sooner, if an earlier wake-up is already set). */
  wakeIn(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (this.wake && this.wake.at <= at) return;
    clearTimeout(this.wake?.timer);
    const timer = outsideTraces(() =>
      setTimeout(() => {
        this.wake = undefined;
        this.kick();
      }, ms),
    );
    timer.unref();
    this.wake = { at, timer };
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Runs the work now, or right after the run going. Never in the kicker's trace: the loop's work is its own. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void outsideTraces(() => this.work())
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }
}
