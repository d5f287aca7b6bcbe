import { sleep } from "../http/abort.js";
import { Window } from "./window.js";

export interface RateLimiterOptions {
  /** Requests allowed per window for everything that shares this limiter (an account's budget). No budget when omitted. */
  limit?: number;
  /** The window of `limit`, in seconds. Default 60. */
  windowSeconds?: number;
}

export interface AcquireOptions {
  signal?: AbortSignal | null;
  /** An endpoint's own budget (the operation's `rateLimit` metadata), counted under `key`. */
  operation?: { key: string; limit: number; windowSeconds: number };
}

/**
 * Paces requests. Every client has one (its own, unless given one with the
 * `limiter` option); create one and pass it to several clients of the same
 * account to share what it knows:
 *
 * - a pause: when any request gets a 429 (or a 503 with `Retry-After`), every
 *   request through this limiter waits until the moment the server named, so
 *   one 429 does not turn into a storm of retries;
 * - an optional budget of `limit` requests per `windowSeconds`;
 * - each operation's own budget (`rateLimit` metadata, e.g. the incremental
 *   exports' 10 a minute), honoured by waiting.
 *
 * Waiting is abortable with the request's signal.
 */
export class RateLimiter {
  #pausedUntil = 0;
  readonly #budget: Window | undefined;
  readonly #operations = new Map<string, Window>();

  constructor(options: RateLimiterOptions = {}) {
    const { limit, windowSeconds = 60 } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new TypeError(`RateLimiter: limit must be a positive whole number; got ${String(limit)}`);
    }
    if (!(Number.isFinite(windowSeconds) && windowSeconds > 0)) {
      throw new TypeError(`RateLimiter: windowSeconds must be a positive number; got ${String(windowSeconds)}`);
    }
    this.#budget = limit === undefined ? undefined : new Window(limit, windowSeconds * 1000);
  }

  /** Milliseconds left of the current pause (0 when there is none). */
  get pausedForMs(): number {
    return Math.max(0, this.#pausedUntil - Date.now());
  }

  /** Holds every request through this limiter for `ms` from now. Never shortens a pause already in force. */
  pause(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }

  /** How long a request would wait now (0: it may go). */
  waitMs(operation?: AcquireOptions["operation"], now = Date.now()): number {
    let wait = this.#pausedUntil - now;
    if (this.#budget) wait = Math.max(wait, this.#budget.waitMs(now));
    if (operation) wait = Math.max(wait, this.#window(operation).waitMs(now));
    return Math.max(0, wait);
  }

  /**
   * Counts a request and returns true when it may go now without waiting (nothing to wait for: the
   * common case, checked without a promise); false, counting nothing, when it must `acquire()`.
   */
  tryAcquire(options: AcquireOptions = {}): boolean {
    const { signal, operation } = options;
    if (signal?.aborted) return false;
    const now = Date.now();
    if (this.waitMs(operation, now) > 0) return false;
    this.#budget?.record(now);
    if (operation) this.#window(operation).record(now);
    return true;
  }

  /** Resolves when a request may be sent, and counts it; rejects with the signal's reason on abort. */
  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal, operation } = options;
    for (;;) {
      signal?.throwIfAborted();
      if (this.tryAcquire(options)) return;
      await sleep(this.waitMs(operation), signal);
    }
  }

  #window(operation: NonNullable<AcquireOptions["operation"]>): Window {
    const windowMs = operation.windowSeconds * 1000;
    let window = this.#operations.get(operation.key);
    if (!window) {
      window = new Window(operation.limit, windowMs);
      this.#operations.set(operation.key, window);
    }
    window.limit = operation.limit;
    window.windowMs = windowMs;
    return window;
  }
}
