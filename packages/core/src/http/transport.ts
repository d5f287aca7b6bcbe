import type { ResolvedOptions, RetryEvent } from "../config/options.js";
import { isZendeskError } from "../errors/guards.js";
import { ConnectionError, RequestTimeoutError } from "../errors/http-errors.js";
import type { BudgetsOf } from "../limits/budget-picker.js";
import { hasBudgets } from "../limits/budgets.js";
import { parseRetryAfter } from "../limits/retry-after.js";
import type { OperationMeta } from "../meta/operation-meta.js";
import { sleep } from "./abort.js";
import { PlainRequest } from "./plain-request.js";
import { readBody } from "./read-body.js";
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
  /** The caller reads the body as a stream: it is handed over as it comes, not read within the timeout and size limit. */
  stream?: boolean;
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
      const init = {
        method,
        headers,
        body,
        redirect: request.redirect,
        credentials: request.credentials,
      };
      const retriesLeft = attempt <= retry.limit;

      // One timer for the whole attempt, body included: a stalled or trickling body times out like silent headers.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new AttemptTimeout());
      }, timeoutMs);
      // Taken off again when the attempt ends, so that a signal outliving the request keeps no listener of it.
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort);
      let response: Response | undefined;
      let retryAfterMs: number | undefined;
      try {
        signal?.throwIfAborted();
        const attemptInit = { ...init, signal: controller.signal };
        response = await (options.customFetch
          ? options.customFetch(new Request(request.url, attemptInit))
          : globalThis.fetch(request.url, attemptInit));
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
            : await readBody(response, maxResponseBytes, controller.signal, method, url);
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isZendeskError(error) && !timedOut) throw error;
        const status = response?.status;
        const failure = timedOut
          ? new RequestTimeoutError(
              `${method} ${url} timed out after ${timeoutMs} ms${status ? ` reading the body (status ${status})` : ""} (attempt ${attempt})`,
              { method, url, status, timeoutMs },
            )
          : new ConnectionError(
              status
                ? `${method} ${url}: the response body was cut off (status ${status})`
                : `${method} ${url} failed before a response: ${describe(error)}${attempt > 1 ? ` (attempt ${attempt})` : ""}`,
              { method, url, status, cause: safeCause(error) },
            );
        // A body cut off is not tried again: the answer may have been acted on.
        if (!safeToRepeat || !retriesLeft || (status && !timedOut)) throw failure;
        const delayMs = backoffMs(attempt - 1, retry.baseDelayMs, retry.maxDelayMs);
        notify({ method, url, attempt, delayMs, error: failure });
        await sleep(delayMs, signal);
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }

      const status = response.status;
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

/** Aborts an attempt whose time ran out, told apart from the caller's abort. */
class AttemptTimeout extends Error {}
