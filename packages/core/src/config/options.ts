import type { HeadersOptions } from "openapi-fetch";
import type { BudgetSettings } from "../limits/budgets.js";
import type { Limiter } from "../limits/limiter.js";
import type { BudgetPreset, EndpointLimit } from "../meta/operation-meta.js";

/** The three ways Zendesk accepts credentials. */
export type ZendeskAuth =
  /** An API token: HTTP basic as `{email}/token:{apiToken}`. */
  | { email: string; apiToken: string }
  /** An OAuth access token: `Authorization: Bearer …`. */
  | { oauthToken: string }
  /** Email and password: HTTP basic (only if password access is on for the account). */
  | { email: string; password: string };

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  limit?: number;
  /**
   * The longest `Retry-After` the client will sleep for, in ms. When the server
   * asks for more, the request fails at once (`RateLimitError`, or `ServerError`
   * for a 503) with `retryAfterMs` set. Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** First backoff when the server gives no `Retry-After`, in ms; doubles per retry, with jitter. Default 1 000. */
  baseDelayMs?: number;
  /** Cap of that backoff, in ms. Default 30 000. */
  maxDelayMs?: number;
}

/** Passed to `onRetry` before each retry's wait. Holds no headers or credentials. */
export interface RetryEvent {
  method: string;
  /** The request URL, without userinfo. */
  url: string;
  /** The attempt that just failed: 1 for the first. */
  attempt: number;
  /** How long the client waits before the next attempt, in ms. */
  delayMs: number;
  /** The status that caused the retry, when a response came back. */
  status?: number;
  /** What failed, when no response came back (a `ConnectionError` or `RequestTimeoutError`). */
  error?: Error;
}

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface ZendeskClientOptions {
  /** Your Zendesk subdomain: `"acme"` for https://acme.zendesk.com. Give this or `baseUrl`. */
  subdomain?: string;
  /** A full base URL instead (a host mapping, a proxy, a test server). https, or http on a loopback address only. */
  baseUrl?: string;
  auth: ZendeskAuth;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /**
   * Per-attempt timeout in ms: the whole response, headers and body, must arrive within it (a stalled or
   * trickling body fails with `RequestTimeoutError`, retried where a timeout is). A `parseAs: "stream"` call's
   * body is not covered: reading it is the caller's. Default 30 000.
   */
  timeoutMs?: number;
  /**
   * The largest response body the client reads, in bytes, counted after decoding (a gzip body is measured
   * unpacked); a `Content-Length` over it is refused before reading. Beyond it the call fails with
   * `ResponseTooLargeError`, not retried, and nothing past the limit is kept. Not applied to a
   * `parseAs: "stream"` call. Default 64 MiB.
   */
  maxResponseBytes?: number;
  /** A fetch implementation. Default: `globalThis.fetch`, looked up at each call. */
  fetch?: FetchLike;
  /** Headers sent with every request. Put credentials in `auth`, not here. */
  headers?: HeadersOptions;
  /** Prepended to the `User-Agent` (`my-app/1.2 zenfetch/x.y.z`) where the runtime lets a request set it. */
  userAgent?: string;
  /** Aborts every request of this client (combined with each call's own `signal`). */
  signal?: AbortSignal;
  /**
   * The limiter every request waits on: a `RateLimiter` shared with other clients of the same account, or one
   * that shares a budget across processes (`@zenfetch/limiter-redis`). Default: a `RateLimiter` of the client's own.
   */
  limiter?: Limiter;
  /** Called before each retry's wait: for logging and metrics. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Picks the budgets the spec declares for a kind of account: `"high-volume"` for one with Zendesk's High
   * Volume API add-on (the incremental exports: 30 requests a minute instead of 10). An endpoint that declares
   * nothing for the preset keeps its own budget. Default: none, the budgets every account has.
   */
  budgetPreset?: BudgetPreset;
  /**
   * Overrides the per-endpoint budgets, keyed `"GET /api/v2/incremental/tickets/cursor"`: a budget of your own
   * for all of that endpoint's requests (it replaces whatever the spec or the preset gives it), or `false` to
   * rely on the server's 429s alone for that endpoint. `false` for the whole option turns every endpoint budget
   * off. Default: the budgets the spec declares (and `budgetPreset` picks).
   */
  endpointLimits?: Record<string, EndpointLimit | false> | false;
}

export interface ResolvedOptions {
  baseUrl: string;
  origin: string;
  authorization: string;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  maxResponseBytes: number;
  /** The `fetch` option; undefined for `globalThis.fetch`, looked up at each attempt. */
  customFetch: FetchLike | undefined;
  headers: HeadersOptions | undefined;
  userAgent: string;
  signal: AbortSignal | undefined;
  limiter: Limiter;
  onRetry: ((event: RetryEvent) => void) | undefined;
  budgets: BudgetSettings;
}
