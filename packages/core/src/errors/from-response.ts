import { safeUrl, snippet } from "../http/redact.js";
import { requestInfoOf } from "../http/request-info.js";
import { parseRetryAfter } from "../limits/retry-after.js";
import { fieldErrors, parseErrorBody } from "./error-body.js";
import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "./http-errors.js";
import { ZendeskError, type ZendeskErrorInit } from "./zendesk-error.js";

const HINTS: Record<number, string> = {
  401: "check `auth`: the email and API token (token access must be on in Admin Center), the OAuth token, or the password",
  403: "the credentials work but may not do this; check the user's role and the token's scopes",
};

/**
 * The error for a non-2xx response, picked by status, from the body openapi-fetch
 * returned as `error` (parsed JSON, or the text when it was not JSON).
 */
export function errorFromResponse(response: Response, body: unknown): ZendeskError {
  const { method, url } = requestInfoOf(response);
  const status = response.status;
  const parsed = parseErrorBody(body);
  const init: ZendeskErrorInit = {
    status,
    method,
    url,
    ...parsed,
    requestId: response.headers.get("x-zendesk-request-id") ?? undefined,
  };
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));

  const parts = [`Zendesk ${status}${response.statusText ? ` ${response.statusText}` : ""}`];
  let summary = [parsed.error, parsed.description].filter(Boolean).join(": ");
  if (!summary && typeof body === "string" && body.trim()) summary = `non-JSON body: ${snippet(body, 120)}`;
  // What the body says is quoted bounded and on one line, whatever the server sent.
  if (summary) parts[0] += ` — ${snippet(summary, 500)}`;
  if (status === 422) {
    const fields = fieldErrors(init)
      .map((f) => `${f.field || "(body)"}: ${f.description ?? f.error ?? "invalid"}`)
      .join("; ");
    if (fields) parts.push(snippet(fields, 500));
  }
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    parts.push(retryAfterMs === undefined ? "no Retry-After given" : `Retry-After ${Math.ceil(retryAfterMs / 1000)} s`);
  }
  const hint = HINTS[status];
  if (hint) parts.push(hint);
  const where = [method && url ? `${method} ${safeUrl(url)}` : url ? safeUrl(url) : undefined];
  if (init.requestId) where.push(`request id ${init.requestId}`);
  const message = `${parts.join("; ")} (${where.filter(Boolean).join(", ")})`;

  switch (true) {
    case status === 401:
      return new AuthenticationError(message, init);
    case status === 403:
      return new PermissionError(message, init);
    case status === 404:
      return new NotFoundError(message, init);
    case status === 422:
      return new ValidationError(message, init);
    case status === 429:
      return new RateLimitError(message, { ...init, retryAfterMs });
    case status >= 500:
      return new ServerError(message, { ...init, retryAfterMs });
    default:
      return new ZendeskError(message, init);
  }
}
