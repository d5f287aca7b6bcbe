/**
 * Rate limits in fixed windows on the simulator's clock: one account-wide limit and per-endpoint limits (the
 * incremental exports' 10 per minute, the sample export's 10 per 20 minutes, and any added by pattern). A request
 * over a limit is answered 429 with Retry-After and is not counted.
 */
import { compileRequestPattern } from "./request-pattern.js";
import type { RouteLimit } from "./types.js";

export interface WindowLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds (default 60,000). */
  windowMs?: number;
}

export interface EndpointLimit extends WindowLimit {
  /** `METHOD /path` with `{param}` segments and `*`, as fault patterns are written. */
  match: string;
  /** Count each concrete path on its own (one ticket's updates, say) instead of the pattern as a whole. */
  perPath?: boolean;
}

/**
 * Zendesk's documented per-endpoint limits on ticket writes, for `rateLimits: { endpoints: ZENDESK_TICKET_LIMITS }`:
 * 100 ticket updates a minute, at most 30 updates of one ticket in 10 minutes, 400 deletions a minute. Off by
 * default, so that tests that write many tickets are not slowed by them.
 */
export const ZENDESK_TICKET_LIMITS: readonly EndpointLimit[] = [
  { match: "PUT /api/v2/tickets/{ticket_id}", limit: 100, windowMs: 60_000 },
  { match: "PUT /api/v2/tickets/{ticket_id}", limit: 30, windowMs: 10 * 60_000, perPath: true },
  { match: "DELETE /api/v2/tickets/{ticket_id}", limit: 400, windowMs: 60_000 },
];

export interface RateLimitOptions {
  /** The account-wide limit; false (the default) counts requests for the headers but never refuses one. */
  account?: WindowLimit | false;
  /** Each incremental export endpoint's own limit (default 10 per minute); false turns it off. */
  incremental?: WindowLimit | false;
  /** The sample export's limit (default 10 per 20 minutes); false turns it off. */
  sample?: WindowLimit | false;
  /** Further per-endpoint limits (see ZENDESK_TICKET_LIMITS). */
  endpoints?: readonly EndpointLimit[];
  /** How Retry-After is written (default seconds). */
  retryAfterFormat?: "seconds" | "date";
}

/** The limit reported in X-Rate-Limit while the account limit is off. */
export const NOMINAL_ACCOUNT_LIMIT = 700;

interface Window {
  start: number;
  count: number;
}

export interface LimitVerdict {
  /** Headers for every response (X-Rate-Limit and friends). */
  headers: Record<string, string>;
  /** Set when the request must be refused: milliseconds until the window resets. */
  retryAfterMs?: number;
  /** Which limit refused it. */
  limitedBy?: string;
}

export class RateLimiter {
  private options: Required<Omit<RateLimitOptions, "endpoints">> & { endpoints: readonly EndpointLimit[] };
  private readonly windows = new Map<string, Window>();
  private endpointTests: { limit: EndpointLimit; test: (method: string, path: string) => boolean }[] = [];

  constructor(
    options: RateLimitOptions | undefined,
    private readonly now: () => number,
  ) {
    this.options = resolve(options);
    this.compileEndpoints();
  }

  /** Changes some limits; counts so far are kept. */
  configure(options: RateLimitOptions): void {
    this.options = resolve({ ...this.options, ...options });
    this.compileEndpoints();
  }

  /** Forgets every count (a fresh window for every limit). */
  reset(): void {
    this.windows.clear();
  }

  /** The limits in force. */
  get config(): Readonly<RateLimitOptions> {
    return this.options;
  }

  get retryAfterFormat(): "seconds" | "date" {
    return this.options.retryAfterFormat;
  }

  /** Counts a request against every limit it falls under, or refuses it without counting. */
  check(
    method: string,
    path: string,
    routeLimit: RouteLimit | undefined,
    routePattern: string | undefined,
  ): LimitVerdict {
    const now = this.now();
    const checks: { key: string; limit: WindowLimit; enforce: boolean }[] = [];
    const account = this.options.account;
    checks.push({
      key: "account",
      limit: account || { limit: NOMINAL_ACCOUNT_LIMIT, windowMs: 60_000 },
      enforce: account !== false,
    });
    const own = routeLimit ? this.options[routeLimit] : false;
    if (own && routePattern) checks.push({ key: `${routeLimit}:${routePattern}`, limit: own, enforce: true });
    this.endpointTests.forEach(({ limit, test }, index) => {
      if (!test(method, path)) return;
      checks.push({ key: `endpoint:${index}:${limit.perPath ? path : limit.match}`, limit, enforce: true });
    });

    const windows = checks.map(({ key, limit }) => this.window(key, limit, now));
    const headers: Record<string, string> = {};
    for (let i = 0; i < checks.length; i++) {
      const { limit, enforce, key } = checks[i] as (typeof checks)[number];
      const window = windows[i] as Window;
      if (enforce && window.count >= limit.limit) {
        const retryAfterMs = Math.max(1, window.start + (limit.windowMs ?? 60_000) - now);
        Object.assign(headers, this.headersFor(checks, windows, now));
        return { headers, retryAfterMs, limitedBy: key };
      }
    }
    for (const window of windows) window.count++;
    return { headers: this.headersFor(checks, windows, now) };
  }

  private headersFor(
    checks: { key: string; limit: WindowLimit }[],
    windows: Window[],
    now: number,
  ): Record<string, string> {
    const account = checks[0] as { limit: WindowLimit };
    const accountWindow = windows[0] as Window;
    const headers: Record<string, string> = {
      "X-Rate-Limit": String(account.limit.limit),
      "X-Rate-Limit-Remaining": String(Math.max(0, account.limit.limit - accountWindow.count)),
    };
    // The tightest other limit, reported with the IETF draft's names.
    let tightest: { remaining: number; limit: number; resetMs: number } | undefined;
    for (let i = 1; i < checks.length; i++) {
      const { limit } = checks[i] as { limit: WindowLimit };
      const window = windows[i] as Window;
      const remaining = Math.max(0, limit.limit - window.count);
      const resetMs = window.start + (limit.windowMs ?? 60_000) - now;
      if (!tightest || remaining < tightest.remaining) tightest = { remaining, limit: limit.limit, resetMs };
    }
    const reported = tightest ?? {
      remaining: Math.max(0, account.limit.limit - accountWindow.count),
      limit: account.limit.limit,
      resetMs: accountWindow.start + (account.limit.windowMs ?? 60_000) - now,
    };
    headers["ratelimit-limit"] = String(reported.limit);
    headers["ratelimit-remaining"] = String(reported.remaining);
    headers["ratelimit-reset"] = String(Math.max(0, Math.ceil(reported.resetMs / 1000)));
    return headers;
  }

  private window(key: string, limit: WindowLimit, now: number): Window {
    const windowMs = limit.windowMs ?? 60_000;
    let window = this.windows.get(key);
    if (!window || now >= window.start + windowMs || now < window.start) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private compileEndpoints(): void {
    this.endpointTests = this.options.endpoints.map((limit) => ({ limit, test: compileRequestPattern(limit.match) }));
  }
}

function resolve(options: RateLimitOptions | undefined): RateLimiter["options"] {
  return {
    account: options?.account ?? false,
    incremental: options?.incremental ?? { limit: 10, windowMs: 60_000 },
    sample: options?.sample ?? { limit: 10, windowMs: 20 * 60_000 },
    endpoints: options?.endpoints ?? [],
    retryAfterFormat: options?.retryAfterFormat ?? "seconds",
  };
}

/** Retry-After's value: whole seconds (at least 1), or an HTTP date. */
export function retryAfterValue(ms: number, format: "seconds" | "date", now: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return format === "date" ? new Date(now + seconds * 1000).toUTCString() : String(seconds);
}
