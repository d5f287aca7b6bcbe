import { sleep } from "../http/abort.js";
import type { HeaderPaces } from "./header-paces.js";
import type { AcquireOptions, AttemptOutcome, Limiter, LimiterBudget } from "./limiter.js";
import { Window } from "./window.js";

export type { AcquireOptions, LimiterBudget } from "./limiter.js";

export interface RateLimiterOptions {
  /** Requests allowed per window for everything that shares this limiter (an account's budget). No budget when omitted. */
  limit?: number;
  /** The window of `limit`, in seconds. Default 60. */
  windowSeconds?: number;
  /**
   * The most endpoint windows kept at once. Default 1 000. Past it, windows with no request in their last
   * window are dropped first (they know nothing a new one would not), then the least recently used.
   */
  maxWindows?: number;
  /**
   * Pace by what Zendesk's responses say is left of the account's budget and of an endpoint's own
   * (`x-rate-limit-remaining`, `ratelimit-reset`, `zendesk-ratelimit-tickets-index`): the requests left are
   * spread over the time until the window resets, so that a long run uses nearly all of the budget without
   * running into a 429, whatever the plan's limit. Default true; without those headers nothing changes.
   */
  fromHeaders?: boolean;
}

const NONE: readonly LimiterBudget[] = [];
const DEFAULT_MAX_WINDOWS = 1_000;

/**
 * Paces requests. Every client has one (its own, unless given one with the
 * `limiter` option); create one and pass it to several clients of the same
 * account to share what it knows:
 *
 * - a pause: when any request gets a 429 (or a 503 with `Retry-After`), every
 *   request through this limiter waits until the moment the server named, so
 *   one 429 does not turn into a storm of retries;
 * - an optional budget of `limit` requests per `windowSeconds`, shared by all;
 * - the endpoint budgets each client works out for its requests (the
 *   incremental exports' 10 a minute, say), honoured by waiting.
 *
 * An endpoint window is known by its key, its scope *and* its numbers: two
 * clients that give one endpoint the same budget count in one window, while a
 * client with a budget of its own for it (another preset, an `endpointLimits`
 * override) counts in another, so neither rewrites the other's limit.
 *
 * It also reads the rate-limit headers of every response (`fromHeaders`) and spreads the requests left in the
 * account's budget, and in an endpoint's own, over the time until each resets.
 *
 * Waiting is abortable with the request's signal.
 */
export class RateLimiter implements Limiter {
  #pausedUntil = 0;
  /** Requests let through whose answer has not come yet: the server may not have counted them. */
  #inflight = 0;
  readonly #fromHeaders: boolean;
  /** What the headers said, loaded with the first answer that sent any. */
  #paces: HeaderPaces | undefined;
  readonly #budget: Window | undefined;
  /** In order of last use, least recent first. */
  readonly #windows = new Map<string, Window>();
  readonly #maxWindows: number;

  constructor(options: RateLimiterOptions = {}) {
    const { limit, windowSeconds = 60, maxWindows = DEFAULT_MAX_WINDOWS, fromHeaders = true } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new TypeError(`RateLimiter: limit must be a positive whole number; got ${String(limit)}`);
    }
    if (!(Number.isFinite(windowSeconds) && windowSeconds > 0)) {
      throw new TypeError(`RateLimiter: windowSeconds must be a positive number; got ${String(windowSeconds)}`);
    }
    if (!(Number.isInteger(maxWindows) && maxWindows > 0)) {
      throw new TypeError(`RateLimiter: maxWindows must be a positive whole number; got ${String(maxWindows)}`);
    }
    this.#budget = limit === undefined ? undefined : new Window(limit, windowSeconds * 1000);
    this.#maxWindows = maxWindows;
    this.#fromHeaders = fromHeaders;
  }

  /** Milliseconds left of the current pause (0 when there is none). */
  get pausedForMs(): number {
    return Math.max(0, this.#pausedUntil - Date.now());
  }

  /** How many endpoint windows this limiter holds now. */
  get windowCount(): number {
    return this.#windows.size;
  }

  /** Holds every request through this limiter for `ms` from now. Never shortens a pause already in force. */
  pause(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }

  /** How long a request counting against `budgets` (and the account's budget) would wait now (0: it may go). */
  waitMs(budgets?: LimiterBudget | readonly LimiterBudget[], now = Date.now(), endpoint?: string): number {
    let wait = this.#pausedUntil - now;
    if (this.#budget) wait = Math.max(wait, this.#budget.waitMs(now));
    for (const budget of listOf(budgets)) {
      // A window not made yet has nothing in it: no wait, and none is made just to be asked.
      const window = this.#windows.get(identity(budget));
      if (window) wait = Math.max(wait, window.waitMs(now));
    }
    if (this.#paces) wait = Math.max(wait, this.#paces.waitMs(endpoint, now));
    return Math.max(0, wait);
  }

  /**
   * Counts a request and returns true when it may go now without waiting (nothing to wait for: the
   * common case, checked without a promise); false, counting nothing, when it must `acquire()`.
   */
  tryAcquire(options: AcquireOptions = {}): boolean {
    const { signal, endpoint } = options;
    if (signal?.aborted) return false;
    const budgets = options.budgets ?? listOf(options.operation);
    const now = Date.now();
    if (this.waitMs(budgets, now, endpoint) > 0) return false;
    this.#budget?.record(now);
    for (const budget of budgets) this.#use(budget, now).record(now);
    this.#paces?.sent(endpoint, now);
    this.#inflight++;
    return true;
  }

  /**
   * Told how a request let through ended, once: it is no longer in flight, and what its answer's rate-limit
   * headers said becomes the pace of the requests after it.
   */
  settle(outcome: AttemptOutcome): void {
    if (this.#inflight > 0) this.#inflight--;
    const { quota, endpoint, budgets } = outcome;
    const now = Date.now();
    // The server counted the request by now: each window it counts in runs from now.
    this.#budget?.settle(now);
    for (const budget of budgets ?? NONE) this.#windows.get(identity(budget))?.settle(now);
    if (!quota || !this.#fromHeaders) return;
    const inflight = this.#inflight;
    if (this.#paces) this.#paces.read(quota, endpoint, inflight, now);
    else {
      // The pacing code loads with the first answer that has rate-limit headers, and takes that answer then.
      import("./header-paces.js").then(
        (m) => {
          this.#paces ??= new m.HeaderPaces();
          this.#paces.read(quota, endpoint, inflight, now);
        },
        () => {},
      );
    }
  }

  /** Resolves when a request may be sent, and counts it; rejects with the signal's reason on abort. */
  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal, endpoint } = options;
    const budgets = options.budgets ?? listOf(options.operation);
    for (;;) {
      signal?.throwIfAborted();
      if (this.tryAcquire({ signal, budgets, endpoint })) return;
      // A pause longer than a timer holds (2^31−1 ms) is slept in parts: one timer that long would fire at
      // once, and spin.
      await sleep(Math.min(this.waitMs(budgets, Date.now(), endpoint), 2 ** 31 - 1), signal);
    }
  }

  /** The budget's window, made if need be, moved to the most recently used end. */
  #use(budget: LimiterBudget, now: number): Window {
    const id = identity(budget);
    let window = this.#windows.get(id);
    if (window) {
      this.#windows.delete(id);
    } else {
      if (this.#windows.size >= this.#maxWindows) this.#makeRoom(now);
      window = new Window(budget.limit, budget.windowSeconds * 1000);
    }
    this.#windows.set(id, window);
    return window;
  }

  #makeRoom(now: number): void {
    for (const [id, window] of this.#windows) if (window.idle(now)) this.#windows.delete(id);
    // Every window is busy: forget the least recently used, which may let a request through early once.
    for (const id of this.#windows.keys()) {
      if (this.#windows.size < this.#maxWindows) break;
      this.#windows.delete(id);
    }
  }
}

function listOf(budgets: LimiterBudget | readonly LimiterBudget[] | undefined): readonly LimiterBudget[] {
  return budgets === undefined ? NONE : ([] as readonly LimiterBudget[]).concat(budgets);
}

/** A window is the budget's key, scope and numbers: another budget for the same requests is another window. */
const identity = (budget: LimiterBudget) =>
  `${budget.key}\n${budget.scope ?? ""}\n${budget.limit}/${budget.windowSeconds}`;
