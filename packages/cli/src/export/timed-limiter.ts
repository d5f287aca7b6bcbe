import type { AcquireOptions, AttemptOutcome, Limiter } from "@zenfetch/incremental";

/**
 * A limiter that counts how long requests waited on the one it wraps: the export's budget (10 requests a minute
 * by default) and any pause a 429 asked for. Every request of the client passes through `acquire` (or
 * `tryAcquire`, which never waits), so `waitedMs` is the time requests stood still for the rate limit, nothing else.
 */
export class TimedLimiter implements Limiter {
  readonly #inner: Limiter;
  readonly #now: () => number;
  #waitedMs = 0;
  /** Requests waiting now, and since when the first of them waits. */
  #waiting = 0;
  #since = 0;

  constructor(inner: Limiter, now: () => number = () => performance.now()) {
    this.#inner = inner;
    this.#now = now;
  }

  /** Milliseconds requests have waited so far, a wait in progress included (overlapping waits count once). */
  get waitedMs(): number {
    return this.#waitedMs + (this.#waiting > 0 ? this.#now() - this.#since : 0);
  }

  tryAcquire(options?: AcquireOptions): boolean {
    return this.#inner.tryAcquire?.(options) ?? false;
  }

  async acquire(options?: AcquireOptions): Promise<void> {
    if (this.#waiting++ === 0) this.#since = this.#now();
    try {
      await this.#inner.acquire(options);
    } finally {
      if (--this.#waiting === 0) this.#waitedMs += this.#now() - this.#since;
    }
  }

  pause(ms: number): void {
    this.#inner.pause(ms);
  }

  settle(outcome: AttemptOutcome): void {
    this.#inner.settle?.(outcome);
  }
}
