import { VERSION } from "../generated/version.js";
import { resolveBudgetSettings } from "../limits/budgets.js";
import { RateLimiter } from "../limits/rate-limiter.js";
import { resolveAuth } from "./auth.js";
import { resolveBaseUrl } from "./base-url.js";
import { DEFAULTS } from "./defaults.js";
import { checkChars, fail } from "./fail.js";
import type { ResolvedOptions, RetryOptions, ZendeskClientOptions } from "./options.js";

const MAX_TIMER_MS = 2_147_483_647;

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
export function resolveOptions(options: ZendeskClientOptions, products: readonly string[] = []): ResolvedOptions {
  if (options === null || typeof options !== "object") return fail("pass an options object");
  const baseUrl = resolveBaseUrl(options);
  const authorization = resolveAuth(options.auth);
  const retry = resolveRetry(options.retry);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    fail(`\`timeoutMs\` must be a number of milliseconds between 1 and ${MAX_TIMER_MS}; got ${String(timeoutMs)}`);
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    fail(`\`maxResponseBytes\` must be a whole number of bytes ≥ 1; got ${String(maxResponseBytes)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function");
  if (options.headers !== undefined) {
    const h = options.headers;
    // Headers and arrays of pairs iterate as [name, value]; a record does not.
    for (const [name, value] of Symbol.iterator in h ? (h as Iterable<[string, unknown]>) : Object.entries(h)) {
      if (name.toLowerCase() === "authorization")
        fail("`headers` has an Authorization header; pass credentials as `auth`");
      // A CR or LF would let a value start headers (or a body) of its own.
      checkChars(`\`headers\` ${name}`, name + [value].flat().join(""));
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail("`signal` must be an AbortSignal");
  const limiter = options.limiter ?? new RateLimiter();
  if (typeof limiter.acquire !== "function" || typeof limiter.pause !== "function") {
    fail("`limiter` must be a RateLimiter, or a limiter with acquire() and pause() (such as @zenfetch/limiter-redis)");
  }
  if (options.onRetry !== undefined && typeof options.onRetry !== "function") fail("`onRetry` must be a function");
  if (options.userAgent !== undefined && typeof options.userAgent !== "string") fail("`userAgent` must be a string");
  checkChars("`userAgent`", options.userAgent ?? "");
  const budgets = resolveBudgetSettings(options);
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    authorization,
    retry,
    timeoutMs,
    maxResponseBytes,
    customFetch: options.fetch,
    headers: options.headers,
    // `my-app/1.2 zenfetch/0.3.0 tickets/0.4.1`: the app, the runtime, then each domain package with its release.
    userAgent: [options.userAgent?.trim(), `zenfetch/${VERSION}`, ...products].filter(Boolean).join(" "),
    signal: options.signal,
    limiter,
    onRetry: options.onRetry,
    budgets,
  };
}
