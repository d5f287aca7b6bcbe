import type { ResolvedOptions, RetryEvent } from "../config/options.js";
import { hasBudgets } from "../limits/budgets.js";
import type { Quota } from "../limits/limiter.js";
import { parseRetryAfter } from "../limits/retry-after.js";
import type { OperationMeta } from "../meta/operation-meta.js";
import { sleep } from "./abort.js";
import { lazy } from "./lazy.js";
import { PlainRequest } from "./plain-request.js";
import { safeUrl } from "./redact.js";

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
  /** The caller reads the body as a stream: it is handed over as it comes, not read within the timeout and size limit. */
  stream?: boolean;
  /** The request body is a stream, which can be read once: the request is sent once, never retried. */
  once?: boolean;
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
 * The fetch that openapi-fetch calls: each try is a `fetch` whose timer runs until the body is read whole
 * (at most `maxResponseBytes` of it, decoded); around it, this loop adds the credentials, waits on the rate
 * limiter, and decides what to retry:
 *
 * | failure                          | GET HEAD OPTIONS PUT DELETE | POST PATCH | with Idempotency-Key |
 * | -------------------------------- | --------------------------- | ---------- | -------------------- |
 * | 429, 503 (Zendesk did not act)   | retry                       | retry      | retry                |
 * | 502, 504, network error, timeout | retry                       | no         | retry                |
 * | body cut off, body too large     | no                          | no         | no                   |
 * | anything else                    | no                          | no         | no                   |
 *
 * A `Retry-After` (seconds or an HTTP date) sets the wait; longer than
 * `maxRetryAfterMs` returns the response at once, for the caller's error to
 * carry the wait. A 429 (or a 503 with `Retry-After`) pauses the whole limiter; a call made with
 * `retry429: false` gets its 429 back at once instead, nothing paused.
 */
export function createTransport(options: ResolvedOptions): Transport {
  const { authorization, retry, timeoutMs, maxResponseBytes, limiter, onRetry } = options;
  // Loaded by the first request that has a budget (a failed load is tried again).
  const pick = lazy(() => import("../limits/budget-picker.js").then((m) => m.createBudgets(options.budgets)));
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
    // Read the body once so that every attempt sends it whole; a stream (sent once) goes as it comes.
    const plain = request instanceof PlainRequest;
    const body = plain
      ? request.payload
      : request.body === null
        ? undefined
        : context?.once
          ? request.body
          : await request.arrayBuffer();

    // Loading the body reader now, while the request is on its way, costs the first response no time.
    reader().catch(() => {});

    for (let attempt = 1; ; attempt++) {
      const endpoint = context?.operation;
      const gate = { signal, budgets, endpoint };
      // A limiter from another copy of core may predate tryAcquire: then every request awaits acquire().
      if (!limiter.tryAcquire?.(gate)) await limiter.acquire(gate);
      // A PlainRequest's headers are the call's own, seen by nothing else; a Request's are copied, so that
      // middleware never sees the credentials.
      const headers = plain ? request.headers : new Headers(request.headers);
      headers.set("Authorization", authorization);
      const retriesLeft = attempt <= retry.limit && !context?.once;
      // One timer for the whole attempt, body included: a stalled or trickling body times out like silent headers.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        // The reason is not read: `timedOut` tells this abort from the caller's.
        controller.abort();
      }, timeoutMs);
      // Each attempt is built from these, so the body is sent whole every time.
      const init = {
        method,
        headers,
        body,
        // Asked for by fetch when the body is a stream, harmless otherwise.
        duplex: "half",
        // Redirects are decided in redirect.ts: fetch would carry the body, or the credentials, anywhere.
        redirect: "manual" as const,
        credentials: request.credentials,
        signal: controller.signal,
      };
      // The request's signal is its call's own (see linkSignals), so this listener goes with the call.
      signal?.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
      let response: Response | undefined;
      let quota: Quota | undefined;
      let retryAfterMs: number | undefined;
      try {
        // The limiter has just checked the signal.
        const send = (to: string) =>
          options.customFetch ? options.customFetch(new Request(to, init)) : globalThis.fetch(to, init);
        let answer = await send(request.url);
        // Followed within the attempt's timer; until an answer is in hand, a failure is one before a response.
        if (isRedirect(answer))
          answer = await (await import("./rare.js")).followRedirects(answer, request.url, init, send);
        response = answer;
        quota = (await reader()).readQuota(answer.headers);
        const status = response.status;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        const retryable =
          retriesLeft &&
          (status === 429 || status === 503 || ((status === 502 || status === 504) && safeToRepeat)) &&
          !(status === 429 && context?.retry429 === false) &&
          !(retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs);
        if (!retryable) {
          // A streamed body is the caller's to read; any other is read here, within the timer and the size limit.
          return context?.stream
            ? response
            : await (await reader()).readBody(response, maxResponseBytes, controller.signal, method, url);
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = (await reader()).attemptFailure(error, {
          method,
          url,
          response,
          attempt,
          timeoutMs: timedOut ? timeoutMs : undefined,
        });
        // A body cut off or too large is not tried again: the answer may have been acted on.
        // The client's own decisions (a refused redirect) come back as they are, and are not tried again.
        if (failure === error || !safeToRepeat || !retriesLeft || (response && !timedOut)) throw failure;
        const delayMs = backoffMs(attempt - 1, retry.baseDelayMs, retry.maxDelayMs);
        notify({ method, url, attempt, delayMs, error: failure });
        await sleep(delayMs, signal);
        continue;
      } finally {
        clearTimeout(timer);
        // Once per attempt let through, answered or not: the limiter paces the next ones by what this one said.
        limiter.settle?.({ endpoint, budgets, status: response?.status, quota });
      }

      const status = response.status;
      // A Retry-After of 0 (or a past date) still waits 250 ms, doubling each retry (retryFloorMs in
      // limits/wait-bounds.ts), so retries never come at once.
      const delayMs =
        retryAfterMs === undefined
          ? backoffMs(attempt - 1, retry.baseDelayMs, retry.maxDelayMs)
          : Math.max(retryAfterMs, Math.min(30_000, 250 * 2 ** (attempt - 1)));
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

/**
 * The body reader and the words of failures, loaded by the first request while it is on its way (so that
 * startup carries neither, at no cost in time); a failed load is tried again.
 */
export const reader = /* @__PURE__ */ lazy(() => import("./on-response.js"));

/**
 * A response the transport decides on rather than hands back: any 3xx (how Node's fetch shows a manual
 * redirect), a browser's opaque one (`opaqueredirect`: status 0, target hidden), or one a custom fetch followed.
 */
const isRedirect = (r: Response) => r.redirected || !r.status || (r.status > 299 && r.status < 400);
