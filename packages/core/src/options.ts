import type { HeadersOptions } from "openapi-fetch";
import { ZendeskConfigError } from "./errors.js";
import { RateLimiter } from "./rate-limit.js";

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
  /** Per-attempt timeout in ms (until the response headers arrive). Default 30 000. */
  timeoutMs?: number;
  /** A fetch implementation. Default: `globalThis.fetch`, looked up at each call. */
  fetch?: FetchLike;
  /** Headers sent with every request. Put credentials in `auth`, not here. */
  headers?: HeadersOptions;
  /** Prepended to the `User-Agent` (`my-app/1.2 zenfetch/x.y.z`) where the runtime lets a request set it. */
  userAgent?: string;
  /** Aborts every request of this client (combined with each call's own `signal`). */
  signal?: AbortSignal;
  /** A `RateLimiter` shared with other clients of the same account. Default: one of the client's own. */
  limiter?: RateLimiter;
  /** Called before each retry's wait: for logging and metrics. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Overrides the per-endpoint budgets the spec declares (the incremental exports' 10 a minute, say), keyed
   * `"GET /api/v2/incremental/tickets/cursor"`: a budget of your own (30 a minute with Zendesk's High Volume
   * add-on), or `false` to rely on the server's 429s alone for that endpoint. `false` for the whole option turns
   * every declared budget off. Default: the budgets the spec declares.
   */
  endpointLimits?: Record<string, EndpointLimit | false> | false;
}

/** A request budget: at most `limit` requests in any `windowSeconds`. */
export interface EndpointLimit {
  limit: number;
  windowSeconds: number;
}

export interface ResolvedOptions {
  baseUrl: string;
  origin: string;
  authorization: string;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  /** The `fetch` option; undefined for `globalThis.fetch`, looked up at each attempt. */
  customFetch: FetchLike | undefined;
  headers: HeadersOptions | undefined;
  userAgent: string;
  signal: AbortSignal | undefined;
  limiter: RateLimiter;
  onRetry: ((event: RetryEvent) => void) | undefined;
  endpointLimits: Record<string, EndpointLimit | false> | false;
}

/** The runtime's version, sent in the User-Agent. */
export const VERSION = "0.0.0";

export const DEFAULTS = {
  retry: { limit: 3, maxRetryAfterMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 },
  timeoutMs: 30_000,
} as const;

/** `waitForJob`'s defaults (see `WaitForJobOptions`). */
export const JOB_DEFAULTS = {
  intervalMs: 1_000,
  maxIntervalMs: 10_000,
  timeoutMs: 5 * 60_000,
  notFoundGraceMs: 10_000,
} as const;

/** `show_many` takes up to this many ids per request. */
export const SHOW_MANY_BATCH = 100;

const MAX_TIMER_MS = 2_147_483_647;
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

const fail = (message: string): never => {
  throw new ZendeskConfigError(`createZendeskClient: ${message}`);
};

const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);

function resolveBaseUrl(options: ZendeskClientOptions): string {
  const { subdomain, baseUrl } = options;
  if (subdomain !== undefined && baseUrl !== undefined) {
    fail('give `subdomain` or `baseUrl`, not both (`subdomain: "acme"` means https://acme.zendesk.com)');
  }
  if (subdomain === undefined && baseUrl === undefined) {
    fail('give `subdomain` (e.g. `subdomain: "acme"` for https://acme.zendesk.com) or `baseUrl`');
  }
  if (subdomain !== undefined) {
    if (typeof subdomain !== "string" || subdomain.trim() === "") fail("`subdomain` is empty");
    const value = subdomain.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      let host = value;
      try {
        host = new URL(value).hostname;
      } catch {}
      const sub = host.endsWith(".zendesk.com") ? host.slice(0, -".zendesk.com".length) : undefined;
      fail(
        `\`subdomain\` is a URL (${JSON.stringify(value)}); pass ${sub ? `\`subdomain: ${JSON.stringify(sub)}\` or ` : ""}\`baseUrl: ${JSON.stringify(value.replace(/\/+$/, ""))}\``,
      );
    }
    if (value.includes(".")) {
      const lower = value.toLowerCase().replace(/\/+$/, "");
      if (lower.endsWith(".zendesk.com")) {
        const sub = lower.slice(0, -".zendesk.com".length);
        fail(
          `\`subdomain\` is a host name; pass \`subdomain: ${JSON.stringify(sub)}\` (or \`baseUrl: "https://${lower}"\`)`,
        );
      }
      fail(`\`subdomain\` is a host name; for a custom host pass \`baseUrl: "https://${lower}"\``);
    }
    if (!SUBDOMAIN.test(value)) {
      fail(`\`subdomain\` ${JSON.stringify(value)} is not a valid subdomain (letters, digits and hyphens)`);
    }
    return `https://${value.toLowerCase()}.zendesk.com`;
  }
  if (typeof baseUrl !== "string" || baseUrl.trim() === "") return fail("`baseUrl` is empty");
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return fail(`\`baseUrl\` ${JSON.stringify(baseUrl)} is not an absolute URL (e.g. "https://acme.zendesk.com")`);
  }
  if (url.username || url.password) {
    fail("`baseUrl` has credentials in it; remove them and pass `auth` instead");
  }
  if (url.protocol === "http:") {
    if (!isLoopback(url.hostname)) {
      fail(
        `\`baseUrl\` must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1]); use "https://${url.host}${url.pathname === "/" ? "" : url.pathname}"`,
      );
    }
  } else if (url.protocol !== "https:") {
    fail(`\`baseUrl\` must be an https URL; got ${url.protocol}`);
  }
  if (url.search || url.hash) fail("`baseUrl` must not have a query or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/api\/v2$/i.test(path)) {
    fail(
      `\`baseUrl\` must not end in /api/v2: the API paths already start with it; use "${url.origin}${path.slice(0, -"/api/v2".length)}"`,
    );
  }
  return `${url.origin}${path}`;
}

const nonEmpty = (value: unknown) => typeof value === "string" && value.trim() !== "";

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The Authorization header value. Messages here never include a credential's value. */
function resolveAuth(auth: unknown): string {
  if (auth === undefined || auth === null) {
    return fail("`auth` is missing; pass `{ email, apiToken }`, `{ oauthToken }` or `{ email, password }`");
  }
  if (typeof auth !== "object")
    return fail("`auth` must be an object: `{ email, apiToken }`, `{ oauthToken }` or `{ email, password }`");
  const a = auth as Record<string, unknown>;
  const kinds = ["apiToken", "oauthToken", "password"].filter((key) => key in a && a[key] !== undefined);
  if (kinds.length === 0) {
    return fail("`auth` has no credential; pass `apiToken` (with `email`), `oauthToken`, or `password` (with `email`)");
  }
  if (kinds.length > 1) return fail(`\`auth\` has both ${kinds.map((k) => `\`${k}\``).join(" and ")}; pass one kind`);
  const kind = kinds[0] as "apiToken" | "oauthToken" | "password";
  if (!nonEmpty(a[kind])) return fail(`\`auth.${kind}\` is empty`);
  if (kind === "oauthToken") return `Bearer ${String(a.oauthToken).trim()}`;
  if (!("email" in a) || a.email === undefined) {
    return fail(
      `\`auth.email\` is missing: ${kind === "apiToken" ? "API token" : "password"} auth is \`{ email, ${kind} }\``,
    );
  }
  if (!nonEmpty(a.email)) return fail("`auth.email` is empty");
  const email = String(a.email).trim();
  if (kind === "apiToken") {
    if (/\/token$/i.test(email)) fail("`auth.email` ends in /token; pass the bare email, the client adds /token");
    return `Basic ${base64(`${email}/token:${String(a.apiToken)}`)}`;
  }
  return `Basic ${base64(`${email}:${String(a.password)}`)}`;
}

function resolveRetry(retry: unknown): Required<RetryOptions> {
  if (retry === false) return { ...DEFAULTS.retry, limit: 0 };
  if (retry === undefined) return { ...DEFAULTS.retry };
  if (typeof retry !== "object" || retry === null)
    return fail("`retry` must be `{ limit, maxRetryAfterMs }` or `false`");
  const r = { ...DEFAULTS.retry, ...(retry as RetryOptions) };
  for (const key of ["limit", "maxRetryAfterMs", "baseDelayMs", "maxDelayMs"] as const) {
    const value = r[key] ?? DEFAULTS.retry[key];
    r[key] = value;
    if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      fail(`\`retry.${key}\` must be a number ≥ 0; got ${String(value)}`);
    }
  }
  if (!Number.isInteger(r.limit)) fail(`\`retry.limit\` must be a whole number; got ${r.limit}`);
  return r;
}

/** Checks the options and works out what the client needs; throws `ZendeskConfigError` saying what to change. */
export function resolveOptions(options: ZendeskClientOptions): ResolvedOptions {
  if (options === null || typeof options !== "object") return fail("pass an options object");
  const baseUrl = resolveBaseUrl(options);
  const authorization = resolveAuth(options.auth);
  const retry = resolveRetry(options.retry);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    fail(`\`timeoutMs\` must be a number of milliseconds between 1 and ${MAX_TIMER_MS}; got ${String(timeoutMs)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function");
  if (options.headers !== undefined) {
    const names =
      options.headers instanceof Headers
        ? [...options.headers.keys()]
        : Array.isArray(options.headers)
          ? options.headers.map(([name]) => name)
          : Object.keys(options.headers);
    if (names.some((name) => name.toLowerCase() === "authorization")) {
      fail("`headers` has an Authorization header; pass credentials as `auth`");
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail("`signal` must be an AbortSignal");
  const limiter = options.limiter ?? new RateLimiter();
  if (typeof limiter.acquire !== "function" || typeof limiter.pause !== "function") {
    fail("`limiter` must be a RateLimiter");
  }
  if (options.onRetry !== undefined && typeof options.onRetry !== "function") fail("`onRetry` must be a function");
  if (options.userAgent !== undefined && typeof options.userAgent !== "string") fail("`userAgent` must be a string");
  const endpointLimits = options.endpointLimits ?? {};
  if (endpointLimits !== false) {
    if (typeof endpointLimits !== "object" || endpointLimits === null)
      fail("`endpointLimits` must be an object or false");
    for (const [key, budget] of Object.entries(endpointLimits)) {
      if (!/^[A-Z]+ \/\S*$/.test(key))
        fail(`\`endpointLimits\` key ${JSON.stringify(key)} must look like "GET /api/v2/…"`);
      if (budget === false) continue;
      const ok = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n > 0;
      if (typeof budget !== "object" || budget === null || !ok(budget.limit) || !ok(budget.windowSeconds)) {
        fail(
          `\`endpointLimits[${JSON.stringify(key)}]\` must be false or { limit, windowSeconds } (positive whole numbers)`,
        );
      }
    }
  }
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    authorization,
    retry,
    timeoutMs,
    customFetch: options.fetch,
    headers: options.headers,
    userAgent: `${options.userAgent ? `${options.userAgent.trim()} ` : ""}zenfetch/${VERSION}`,
    signal: options.signal,
    limiter,
    onRetry: options.onRetry,
    endpointLimits,
  };
}
