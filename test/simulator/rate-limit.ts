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
  /**
   * Report this limit on every response it counts, as Zendesk reports an endpoint's own limit:
   * `header: "tickets-index"` sends `zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41`.
   */
  header?: string;
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
  /**
   * The account-wide limit, reported on every response in `X-Rate-Limit`, `X-Rate-Limit-Remaining` and
   * `ratelimit-limit`, `-remaining`, `-reset`; false (the default) limits nothing and sends none of them.
   */
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

interface Window {
  start: number;
  count: number;
}

/** One limit a request falls under: its window's key, its numbers, and the header that reports it, if any. */
interface Check {
  key: string;
  limit: WindowLimit;
  header?: string;
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
    const checks: Check[] = [];
    const account = this.options.account;
    if (account) checks.push({ key: "account", limit: account, header: "account" });
    const own = routeLimit ? this.options[routeLimit] : false;
    if (own && routePattern) checks.push({ key: `${routeLimit}:${routePattern}`, limit: own });
    this.endpointTests.forEach(({ limit, test }, index) => {
      if (!test(method, path)) return;
      checks.push({ key: `endpoint:${index}:${limit.perPath ? path : limit.match}`, limit, header: limit.header });
    });

    const windows = checks.map(({ key, limit }) => this.window(key, limit, now));
    const headers: Record<string, string> = {};
    for (let i = 0; i < checks.length; i++) {
      const { limit, key } = checks[i] as Check;
      const window = windows[i] as Window;
      if (window.count >= limit.limit) {
        const retryAfterMs = Math.max(1, window.start + (limit.windowMs ?? 60_000) - now);
        Object.assign(headers, this.headersFor(checks, windows, now));
        return { headers, retryAfterMs, limitedBy: key };
      }
    }
    for (const window of windows) window.count++;
    return { headers: this.headersFor(checks, windows, now) };
  }

  /** The headers of every limit that reports itself: the account's, and endpoints' with a `header` name. */
  private headersFor(checks: Check[], windows: Window[], now: number): Record<string, string> {
    const headers: Record<string, string> = {};
    checks.forEach(({ limit, header }, i) => {
      if (!header) return;
      const window = windows[i] as Window;
      const remaining = String(Math.max(0, limit.limit - window.count));
      const resets = String(Math.max(0, Math.ceil((window.start + (limit.windowMs ?? 60_000) - now) / 1000)));
      if (header === "account") {
        Object.assign(headers, {
          "X-Rate-Limit": String(limit.limit),
          "X-Rate-Limit-Remaining": remaining,
          "ratelimit-limit": String(limit.limit),
          "ratelimit-remaining": remaining,
          "ratelimit-reset": resets,
        });
      } else {
        headers[`zendesk-ratelimit-${header}`] = `total=${limit.limit}; remaining=${remaining}; resets=${resets}`;
      }
    });
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
