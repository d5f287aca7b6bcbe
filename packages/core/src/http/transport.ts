import type { FetchLike, ResolvedOptions, RetryEvent } from "../config/options.js";
import { ConnectionError, RequestTimeoutError } from "../errors/http-errors.js";
import type { BudgetsOf } from "../limits/budget-picker.js";
import { hasBudgets } from "../limits/budgets.js";
import { parseRetryAfter } from "../limits/retry-after.js";
import type { OperationMeta } from "../meta/operation-meta.js";
import { sleep } from "./abort.js";
import { PlainRequest } from "./plain-request.js";
import { safeCause, safeUrl } from "./redact.js";

/** What the client knows of a request beyond the Request itself. */
export interface RequestContext {
  /** `"GET /api/v2/tickets"`: the method and the spec path. */
  operation: string;
  meta: OperationMeta | undefined;
  /** The request carries an Idempotency-Key the endpoint honours, so repeating it is safe. */
  idempotencyKey: boolean;
  /**
   * `false`: a 429 goes back to the caller at once, without a retry and without pausing the limiter, for a caller
   * that waits it out itself (the bulk helpers, whose `TooManyJobs` must not hold up the client's job polls).
   */
  retry429?: boolean;
}

/** Methods that may be repeated after a network error, a timeout, a 502 or a 504. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export type Transport = (request: Request | PlainRequest, context?: RequestContext) => Promise<Response>;

/** Exponential backoff with jitter: a random delay between half and all of `base·2^retry`, capped. */
export function backoffMs(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * The fetch that openapi-fetch calls: `fetchOnce` sends each try (with its timeout);
 * around it, this loop adds the credentials, waits on the rate limiter, and
 * decides what to retry:
 *
 * | failure                          | GET HEAD OPTIONS PUT DELETE | POST PATCH | with Idempotency-Key |
 * | -------------------------------- | --------------------------- | ---------- | -------------------- |
 * | 429, 503 (Zendesk did not act)   | retry                       | retry      | retry                |
 * | 502, 504, network error, timeout | retry                       | no         | retry                |
 * | anything else                    | no                          | no         | no                   |
 *
 * A `Retry-After` (seconds or an HTTP date) sets the wait; longer than
 * `maxRetryAfterMs` returns the response at once, for the caller's error to
 * carry the wait. A 429 (or a 503 with `Retry-After`) pauses the whole limiter; a call made with
 * `retry429: false` gets its 429 back at once instead, nothing paused.
 */
export function createTransport(options: ResolvedOptions): Transport {
  const { authorization, retry, timeoutMs, limiter, onRetry } = options;
  // The budget picker is loaded by the first request that has a budget (a failed load is tried again).
  let picker: Promise<BudgetsOf> | undefined;
  const pick = () => {
    picker ??= import("../limits/budget-picker.js").then(
      (m) => m.createBudgets(options.budgets),
      (error: unknown) => {
        picker = undefined;
        throw error;
      },
    );
    return picker;
  };
  const notify = (event: RetryEvent) => {
    if (!onRetry) return;
    try {
      onRetry(event);
    } catch {
      // A logging hook must not break the request.
    }
  };

  return async function send(request, context) {
    const method = request.method.toUpperCase();
    const url = safeUrl(request.url);
    const signal = request.signal;
    const safeToRepeat = IDEMPOTENT.has(method) || context?.idempotencyKey === true;
    // Chosen from the request as sent (its page, its path parameters), once: every attempt counts against them.
    const budgets =
      context && hasBudgets(context.operation, context.meta, options.budgets)
        ? (await pick())(context.operation, context.meta, request.url)
        : undefined;
    // Read the body once so that every attempt sends it whole.
    const plain = request instanceof PlainRequest;
    const body = plain ? request.payload : request.body === null ? undefined : await request.arrayBuffer();

    for (let attempt = 1; ; attempt++) {
      const gate = { signal, budgets };
      // A limiter from another copy of core may predate tryAcquire: then every request awaits acquire().
      if (!limiter.tryAcquire?.(gate)) await limiter.acquire(gate);
      // A PlainRequest's headers are the call's own, seen by nothing else; a Request's are copied, so that
      // middleware never sees the credentials.
      const headers = plain ? request.headers : new Headers(request.headers);
      headers.set("Authorization", authorization);
      // Each attempt is built from these, so the body is sent whole every time.
      const attemptInit = {
        method,
        headers,
        body,
        signal,
        // Redirects are decided in redirect.ts: fetch would carry the body, or the credentials, anywhere.
        redirect: "manual" as const,
        credentials: request.credentials,
      };
      const retriesLeft = attempt <= retry.limit;

      let response: Response;
      try {
        response = await fetchOnce(options.customFetch, request.url, attemptInit, timeoutMs);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure =
          error instanceof AttemptTimeout
            ? new RequestTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms (attempt ${attempt})`, {
                method,
                url,
                timeoutMs,
              })
            : new ConnectionError(
                `${method} ${url} failed before a response: ${describe(error)}${attempt > 1 ? ` (attempt ${attempt})` : ""}`,
                { method, url, cause: safeCause(error) },
              );
        if (!safeToRepeat || !retriesLeft) throw failure;
        const delayMs = backoffMs(attempt - 1, retry.baseDelayMs, retry.maxDelayMs);
        notify({ method, url, attempt, delayMs, error: failure });
        await sleep(delayMs, signal);
        continue;
      }

      if (isRedirect(response)) {
        const { followRedirects } = await import("./rare.js");
        response = await followRedirects(response, request.url, attemptInit, (to) =>
          fetchOnce(options.customFetch, to, attemptInit, timeoutMs),
        );
      }
      const status = response.status;
      if (status === 429 && context?.retry429 === false) return response;
      const retryable = status === 429 || status === 503 || ((status === 502 || status === 504) && safeToRepeat);
      if (!retryable || !retriesLeft) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
      const delayMs = retryAfterMs ?? backoffMs(attempt - 1, retry.baseDelayMs, retry.maxDelayMs);
      void response.body?.cancel().catch(() => {});
      notify({ method, url, attempt, delayMs, status });
      if (status === 429 || retryAfterMs !== undefined) {
        // Everyone through this limiter waits: the next acquire() sleeps until then.
        limiter.pause(delayMs);
      } else {
        await sleep(delayMs, signal);
      }
    }
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const detail = cause?.message && cause.message !== error.message ? ` (${cause.message})` : "";
  return `${error.message}${detail}${typeof code === "string" && !detail.includes(code) ? ` [${code}]` : ""}`;
}

/**
 * A response the transport decides on rather than hands back: any 3xx (how Node's fetch shows a manual
 * redirect), a browser's opaque one (`opaqueredirect`: status 0, target hidden), or one a custom fetch followed.
 */
const isRedirect = (r: Response) => r.redirected || !r.status || (r.status > 299 && r.status < 400);

/** Thrown by `fetchOnce` when the response headers did not arrive within the timeout. */
class AttemptTimeout extends Error {}

type AttemptInit = RequestInit & { signal: AbortSignal | undefined };

/**
 * One try: `fetch` with a timer on the response headers. The request's own
 * signal still aborts it, body included; a custom `fetch` gets a Request, the
 * global one the URL and init (so it builds the only Request itself).
 */
async function fetchOnce(
  custom: FetchLike | undefined,
  url: string,
  init: AttemptInit,
  timeoutMs: number,
): Promise<Response> {
  const outer = init.signal;
  outer?.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new AttemptTimeout());
  }, timeoutMs);
  // `outer` belongs to this call's Request, so the listener goes when the request does.
  outer?.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
  const attemptInit = { ...init, signal: controller.signal };
  try {
    return await (custom ? custom(new Request(url, attemptInit)) : globalThis.fetch(url, attemptInit));
  } catch (error) {
    if (timedOut && !outer?.aborted) throw new AttemptTimeout();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
