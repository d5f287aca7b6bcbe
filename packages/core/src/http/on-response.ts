// What a request needs only once it is on its way, loaded with the first one (see `createTransport`), so
// that startup carries none of it: reading the body within the limits, and the words of what went wrong.
import { isZendeskError } from "../errors/guards.js";
import { ConnectionError, RequestTimeoutError, ResponseParseError } from "../errors/http-errors.js";
import { ResponseTooLargeError } from "../errors/too-large-error.js";
import type { ZendeskError } from "../errors/zendesk-error.js";
import type { Quota, QuotaReading } from "../limits/limiter.js";
import { safeCause, snippet } from "./redact.js";
import { requestInfoOf } from "./request-info.js";

/**
 * Reads a response's body whole into a new Response, stopping at `maxBytes`: first on a `Content-Length`
 * over it (the encoded length, which a compressed body only grows from), then on the bytes read, counted
 * after decoding (fetch hands over the decoded stream), so that a small gzip body that unpacks to gigabytes
 * stops at the limit. Reading stops when `signal` aborts (the attempt's timer), even with a fetch whose body
 * stream ignores it.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  method: string,
  url: string,
): Promise<Response> {
  const body = response.body;
  if (!body) return response;
  signal.throwIfAborted();
  const { status } = response;
  const tooLarge = (declared: string) => {
    void body.cancel().catch(() => {});
    return new ResponseTooLargeError(
      `${method} ${url}: the response body${declared} is over the limit of ${maxBytes} bytes (status ${status}); ask for less (a smaller \`per_page\`) or raise the client's \`maxResponseBytes\``,
      { status, method, url, maxBytes, requestId: response.headers.get("x-zendesk-request-id") ?? undefined },
    );
  };
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(` (Content-Length ${declared})`);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const encoding = response.headers.get("content-encoding");
    if (response.headers.has("content-length") && (!encoding || encoding === "identity")) {
      // Declared and not compressed: the length is the size, already checked, so the platform reads it whole
      // (much faster than chunk by chunk), still within the timer.
      bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
    } else {
      bytes = await readCounting(body, maxBytes, aborted, () => tooLarge(""));
    }
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
  // A body of one chunk, the bytes themselves: a Response made from the bytes would copy them.
  const source =
    bytes.byteLength === 0
      ? bytes
      : new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        });
  const copy = new Response(source, { status, statusText: response.statusText, headers: response.headers });
  // Where it came from, for the errors made from it.
  Object.defineProperty(copy, "url", { value: response.url });
  bodies.set(copy, bytes);
  return copy;
}

/** The bytes `readBody` read for each Response it made, so that a JSON body is parsed from them directly. */
const bodies = new WeakMap<Response, Uint8Array>();
const utf8 = new TextDecoder();

/**
 * A success body parsed as JSON: from the bytes the transport read when the response is the one it made, else
 * from `body` (a response a middleware made). Empty is no data, as openapi-fetch has it; anything else that is
 * not JSON is a `ResponseParseError` showing what came.
 */
export async function jsonBody(response: Response, body: unknown): Promise<unknown> {
  const bytes = bodies.get(response);
  const text = bytes
    ? utf8.decode(bytes)
    : body instanceof ReadableStream
      ? await new Response(body).text()
      : String(body ?? "");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw parseFailure(response, text, error);
  }
}

/**
 * Why an attempt failed, as the error the caller gets (the transport decides whether to retry): a timeout
 * (`timeoutMs` given), a connection lost before or after the headers, or our own error (a body too large).
 */
export function attemptFailure(
  error: unknown,
  at: { method: string; url: string; response: Response | undefined; attempt: number; timeoutMs: number | undefined },
): ZendeskError {
  const { method, url, response, attempt, timeoutMs } = at;
  if (isZendeskError(error) && timeoutMs === undefined) return error;
  const status = response?.status;
  const requestId = response?.headers.get("x-zendesk-request-id") ?? undefined;
  return timeoutMs !== undefined
    ? new RequestTimeoutError(
        `${method} ${url} timed out after ${timeoutMs} ms${status ? ` reading the body (status ${status})` : ""} (attempt ${attempt})`,
        { method, url, status, requestId, timeoutMs },
      )
    : new ConnectionError(
        status
          ? `${method} ${url}: the response body was cut off (status ${status})`
          : `${method} ${url} failed before a response: ${describe(error)}${attempt > 1 ? ` (attempt ${attempt})` : ""}`,
        { method, url, status, requestId, cause: safeCause(error) },
      );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const detail = cause?.message && cause.message !== error.message ? ` (${cause.message})` : "";
  return `${error.message}${detail}${typeof code === "string" && !detail.includes(code) ? ` [${code}]` : ""}`;
}

/** A success body that should be JSON and is not: an HTML page, an empty or truncated body. */
export function parseFailure(response: Response, text: string, error: unknown): ResponseParseError {
  const { method, url } = requestInfoOf(response);
  const contentType = response.headers.get("content-type") ?? undefined;
  const what = text.trim() === "" ? "an empty body" : /^\s*</.test(text) ? "HTML" : "malformed or truncated JSON";
  return new ResponseParseError(
    `${method} ${url}: expected JSON, got ${what} (status ${response.status}${contentType ? `, ${contentType}` : ""}): ${snippet(text, 120)}`,
    {
      status: response.status,
      method,
      url,
      requestId: response.headers.get("x-zendesk-request-id") ?? undefined,
      snippet: snippet(text),
      contentType,
      cause: safeCause(error),
    },
  );
}

/** Reads a body of unknown or compressed size, counting the bytes as they come, and stops past `maxBytes`. */
async function readCounting(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  aborted: Promise<never>,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A header's whole number, or undefined when absent or anything else (a malformed header is not read). */
const whole = (value: string | null | undefined): number | undefined =>
  value != null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;

/** A reading from its three numbers; undefined without a `remaining`, or with more remaining than the limit. */
function reading(remaining: number | undefined, limit: number | undefined, resetSeconds: number | undefined) {
  if (remaining === undefined || (limit !== undefined && remaining > limit)) return undefined;
  const found: QuotaReading = { remaining };
  if (limit !== undefined) found.limit = limit;
  if (resetSeconds !== undefined) found.resetMs = resetSeconds * 1000;
  return found;
}

/**
 * What a response's rate-limit headers say (see `Quota`): the account's budget from `x-rate-limit` /
 * `ratelimit-limit`, `x-rate-limit-remaining` / `ratelimit-remaining` (the lower, when both are sent) and
 * `ratelimit-reset`; each endpoint's own from a `zendesk-ratelimit-{name}: total=100; remaining=99; resets=41`.
 * Undefined when none can be read.
 */
export function readQuota(headers: Headers): Quota | undefined {
  const remainings = [whole(headers.get("x-rate-limit-remaining")), whole(headers.get("ratelimit-remaining"))];
  const known = remainings.filter((n) => n !== undefined);
  const account = reading(
    known.length ? Math.min(...known) : undefined,
    whole(headers.get("x-rate-limit")) ?? whole(headers.get("ratelimit-limit")),
    whole(headers.get("ratelimit-reset")),
  );
  const endpoints: Record<string, QuotaReading> = {};
  let named = false;
  headers.forEach((value, name) => {
    if (!name.startsWith("zendesk-ratelimit-")) return;
    const fields = new Map(value.split(";").map((part) => part.split("=").map((s) => s.trim()) as [string, string]));
    const found = reading(whole(fields.get("remaining")), whole(fields.get("total")), whole(fields.get("resets")));
    if (!found) return;
    endpoints[name.slice("zendesk-ratelimit-".length)] = found;
    named = true;
  });
  if (!account && !named) return undefined;
  return { ...(account && { account }), ...(named ? { endpoints } : {}) };
}
