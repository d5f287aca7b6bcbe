// What a call does with an answer it rarely gets: a redirect, a body cut off, a body that is not JSON. One
// module, loaded the first time one comes, so that an app that never meets them does not load their code.
import { ConnectionError, ResponseParseError } from "../errors/http-errors.js";
import { safeCause, snippet } from "./redact.js";
import { requestInfoOf } from "./request-info.js";

// Unused here: re-exported so that this chunk reaches the same startup modules as the page and job chunks do,
// and a code-splitting bundler keeps those in one shared chunk instead of cutting it in two (measured by
// `pnpm size`: about 80 B gzipped).
export { errorFromResponse } from "../errors/from-response.js";
export { isZendeskError } from "../errors/guards.js";
export { followRedirects } from "./redirect.js";

/** The response's headers came, its body did not come whole. */
export function cutOff(
  { response, method, url }: { response: Response; method: string; url: string },
  error: unknown,
): ConnectionError {
  return new ConnectionError(`${method} ${url}: the response body was cut off (status ${response.status})`, {
    status: response.status,
    method,
    url,
    requestId: response.headers.get("x-zendesk-request-id") ?? undefined,
    cause: safeCause(error),
  });
}

/** A success whose body `text` does not parse as JSON: what came instead. */
export function notJson(response: Response, text: string, error: unknown): ResponseParseError {
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
