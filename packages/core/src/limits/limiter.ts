// What the transport asks of a rate limiter. Core's `RateLimiter` is one, paced within a process; an adapter
// (such as `@zenfetch/limiter-redis`) is another, sharing one budget across processes. Types only: nothing here
// is in the startup bundle.

/** One endpoint budget a request counts against, besides the account's: `limit` requests per `windowSeconds`. */
export interface LimiterBudget {
  /** What it counts: the operation, `"GET /api/v2/incremental/tickets/cursor"`. */
  key: string;
  /** Which of the operation's requests: `"view_id=42"` (a budget per view), `"page>500"`. Absent: all of them. */
  scope?: string;
  limit: number;
  windowSeconds: number;
}

export interface AcquireOptions {
  signal?: AbortSignal | null;
  /** The endpoint budgets this request counts against, each a window of its own (see `RateLimiter`). */
  budgets?: readonly LimiterBudget[];
  /**
   * The operation the request is for, `"GET /api/v2/tickets"`: a limiter that has learned an endpoint's own
   * quota from Zendesk's headers (`zendesk-ratelimit-tickets-index`) paces that operation's requests by it.
   */
  endpoint?: string;
  /** @deprecated One endpoint budget; pass `budgets: [operation]` instead. Ignored when `budgets` is given. */
  operation?: LimiterBudget;
}

/**
 * One quota as a response reported it: how many requests are left in the current window and, where the
 * server says, the window's size and how long until it resets.
 */
export interface QuotaReading {
  /** Requests left in the window, as the server counted when it answered. */
  remaining: number;
  /** Requests per window (`x-rate-limit`, `total=`), when sent. */
  limit?: number;
  /** Milliseconds until the window resets (`ratelimit-reset`, `resets=`), when sent. */
  resetMs?: number;
}

/** What one response said of the budgets it counted against, read from its rate-limit headers. */
export interface Quota {
  /** The account's budget: `x-rate-limit` / `ratelimit-limit`, `x-rate-limit-remaining` / `ratelimit-remaining`, `ratelimit-reset`. */
  account?: QuotaReading;
  /** An endpoint's own budgets by name: `zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41` is `"tickets-index"`. */
  endpoints?: Readonly<Record<string, QuotaReading>>;
}

/** How one attempt that a limiter let through ended. */
export interface AttemptOutcome {
  /** The operation, as passed to `acquire` (`"GET /api/v2/tickets"`), when known. */
  endpoint?: string;
  /** The endpoint budgets, as passed to `acquire`: the server counted the request by now, at the latest. */
  budgets?: readonly LimiterBudget[];
  /** The response's status; absent when no response came back (a network error, a timeout, an abort). */
  status?: number;
  /** What the response's rate-limit headers said; absent when it sent none that could be read. */
  quota?: Quota;
}

/**
 * A rate limiter, as the client uses one (the `limiter` option). Every request waits on `acquire` (or passes
 * `tryAcquire`) before each attempt, and reports how that attempt ended with `settle`, exactly once; a 429
 * calls `pause` with the wait the server asked for.
 */
export interface Limiter {
  /** Resolves when a request may be sent, and counts it; rejects with the signal's reason on abort. */
  acquire(options?: AcquireOptions): Promise<void>;
  /** Counts a request and returns true when it may go now, without a promise; false, counting nothing, otherwise. */
  tryAcquire?(options?: AcquireOptions): boolean;
  /** Holds every request through this limiter for `ms` from now. */
  pause(ms: number): void;
  /** Told once per attempt let through, when it ends: what the response said of the budgets. */
  settle?(outcome: AttemptOutcome): void;
}
