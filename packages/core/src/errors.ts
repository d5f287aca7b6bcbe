import type { components } from "./generated/job-statuses.js";
import type { PaginationResume } from "./paginate.js";
import { parseRetryAfter } from "./rate-limit.js";
import { safeUrl, snippet } from "./redact.js";

type JobStatus = components["schemas"]["JobStatus"];

/** One entry of the `{ errors: [...] }` body that Zendesk's newer APIs send. */
export interface ZendeskErrorItem {
  code?: string;
  title?: string;
  detail?: string;
  status?: string | number;
  source?: { pointer?: string; parameter?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** One field's problem in a 422, from `details` or from the `{ errors: [...] }` body. */
export interface FieldError {
  field: string;
  error?: string;
  description?: string;
}

export interface ZendeskErrorInit {
  status?: number;
  method?: string;
  url?: string;
  /** Zendesk's error code, e.g. `RecordNotFound`, `RecordInvalid`. */
  error?: string;
  description?: string;
  details?: Record<string, unknown>;
  errors?: ZendeskErrorItem[];
  requestId?: string;
  cause?: unknown;
}

/**
 * The base of every error the runtime throws: HTTP errors (with `status`),
 * connection problems, pagination and job failures. Holds no Request or
 * Response, no headers and no credentials, so it can be logged as it is.
 */
export class ZendeskError extends Error {
  override name = "ZendeskError";
  /** The HTTP status, when a response came back. */
  readonly status: number | undefined;
  readonly method: string | undefined;
  /** The request URL, without userinfo. */
  readonly url: string | undefined;
  /** Zendesk's error code from the body (`error`, or the first `errors[].code`). */
  readonly error: string | undefined;
  /** Zendesk's description (`description`, or the first `errors[].detail`). */
  readonly description: string | undefined;
  /** Zendesk's `details` (for a 422: field → list of problems). */
  readonly details: Record<string, unknown> | undefined;
  /** The `errors` array of the newer `{ errors: [{ code, title, detail, status }] }` bodies. */
  readonly errors: ZendeskErrorItem[] | undefined;
  /** The `x-zendesk-request-id` response header: quote it to Zendesk support. */
  readonly requestId: string | undefined;
  /** Set on errors thrown by `paginate`: pass it back as `paginate(path, { ...init, resume })` to carry on. */
  resume?: PaginationResume;

  constructor(message: string, init: ZendeskErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : safeUrl(init.url);
    this.error = init.error;
    this.description = init.description;
    this.details = init.details;
    this.errors = init.errors;
    this.requestId = init.requestId;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined) out[key] = value;
    return out;
  }
}

/** 401: the credentials were refused. */
export class AuthenticationError extends ZendeskError {
  override name = "AuthenticationError";
  declare readonly status: number;
}

/** 403: the credentials are valid but may not do this. */
export class PermissionError extends ZendeskError {
  override name = "PermissionError";
  declare readonly status: number;
}

/** 404: no such resource (or no help desk at this subdomain). */
export class NotFoundError extends ZendeskError {
  override name = "NotFoundError";
  declare readonly status: number;
}

/** 422: the body did not validate; `fieldErrors` lists each field's problem. */
export class ValidationError extends ZendeskError {
  override name = "ValidationError";
  declare readonly status: number;
  readonly fieldErrors: FieldError[];

  constructor(message: string, init: ZendeskErrorInit = {}) {
    super(message, init);
    this.fieldErrors = fieldErrors(init);
  }
}

/** 429: rate limited, and either retries ran out or the server asked for a longer wait than `retry.maxRetryAfterMs`. */
export class RateLimitError extends ZendeskError {
  override name = "RateLimitError";
  declare readonly status: number;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: ZendeskErrorInit & { retryAfterMs?: number | undefined } = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx. For a 503, `retryAfterMs` is the wait the server asked for, if any. */
export class ServerError extends ZendeskError {
  override name = "ServerError";
  declare readonly status: number;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: ZendeskErrorInit & { retryAfterMs?: number | undefined } = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** A body that is not the JSON it should be: an HTML error page, a truncated or empty body. */
export class ResponseParseError extends ZendeskError {
  override name = "ResponseParseError";
  declare readonly status: number;
  /** The first 200 characters of the body. */
  readonly snippet: string;
  readonly contentType: string | undefined;

  constructor(message: string, init: ZendeskErrorInit & { snippet: string; contentType?: string | undefined }) {
    super(message, init);
    this.snippet = init.snippet;
    this.contentType = init.contentType;
  }
}

/** The request never got a response: DNS, refused or reset connection, TLS, a body cut off. `cause` says which. */
export class ConnectionError extends ZendeskError {
  override name = "ConnectionError";
}

/** An attempt took longer than `timeoutMs` (and retries, where allowed, ran out). A kind of `ConnectionError`. */
export class RequestTimeoutError extends ConnectionError {
  override name = "RequestTimeoutError";
  readonly timeoutMs: number;

  constructor(message: string, init: ZendeskErrorInit & { timeoutMs: number }) {
    super(message, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * `paginate` could not go on: a next link to another host, a cursor that
 * repeats, a page without its items array, a path that does not page.
 */
export class PaginationError extends ZendeskError {
  override name = "PaginationError";
}

/** The job ended `failed` or `killed`. `job` is its last status, results included. */
export class JobFailedError extends ZendeskError {
  override name = "JobFailedError";
  readonly job: JobStatus;
  /** From `waitForJobs`: every job's final status, in input order. */
  readonly jobs: JobStatus[] | undefined;

  constructor(job: JobStatus, jobs?: JobStatus[]) {
    const others = jobs && jobs.length > 1 ? ` (${jobs.filter(isFailed).length} of ${jobs.length} jobs failed)` : "";
    super(`Job ${job.id} ${job.status}${job.message ? `: ${job.message}` : ""}${others}`);
    this.job = job;
    this.jobs = jobs;
  }
}

/** The job was not finished within `timeoutMs`. `job` is the last status seen (undefined if none was). */
export class JobTimeoutError extends ZendeskError {
  override name = "JobTimeoutError";
  readonly jobId: string;
  readonly job: JobStatus | undefined;
  readonly timeoutMs: number;
  /** From `waitForJobs`: the last status seen of each job, in input order. */
  readonly jobs: (JobStatus | undefined)[] | undefined;

  constructor(jobId: string, job: JobStatus | undefined, timeoutMs: number, jobs?: (JobStatus | undefined)[]) {
    const seen = job
      ? `last seen ${job.status}${job.total ? `, ${job.progress ?? 0}/${job.total}` : ""}`
      : "never seen";
    super(`Job ${jobId} did not finish within ${timeoutMs} ms (${seen})`);
    this.jobId = jobId;
    this.job = job;
    this.timeoutMs = timeoutMs;
    this.jobs = jobs;
  }
}

/** The options given to `createZendeskClient` cannot work; the message says what to change. */
export class ZendeskConfigError extends TypeError {
  override name = "ZendeskConfigError";
}

const isFailed = (job: JobStatus) => job.status === "failed" || job.status === "killed";

/** An Error from any realm (an iframe, a vm context, a worker's structured clone). */
const isErrorObject = (value: unknown): value is Error =>
  value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";

// Guards that also work across realms and copies of this package: they check `name`. Each call is marked pure so a bundler drops the guards (and classes) an app never uses.
const guard =
  <T extends Error>(Class: abstract new (...args: never[]) => T, ...names: string[]) =>
  (value: unknown): value is T =>
    value instanceof Class || (isErrorObject(value) && names.includes(value.name));

export const isAuthenticationError = /* @__PURE__ */ guard(AuthenticationError, "AuthenticationError");
export const isPermissionError = /* @__PURE__ */ guard(PermissionError, "PermissionError");
export const isNotFoundError = /* @__PURE__ */ guard(NotFoundError, "NotFoundError");
export const isValidationError = /* @__PURE__ */ guard(ValidationError, "ValidationError");
export const isRateLimitError = /* @__PURE__ */ guard(RateLimitError, "RateLimitError");
export const isServerError = /* @__PURE__ */ guard(ServerError, "ServerError");
export const isResponseParseError = /* @__PURE__ */ guard(ResponseParseError, "ResponseParseError");
export const isConnectionError = /* @__PURE__ */ guard(ConnectionError, "ConnectionError", "RequestTimeoutError");
export const isRequestTimeoutError = /* @__PURE__ */ guard(RequestTimeoutError, "RequestTimeoutError");
export const isPaginationError = /* @__PURE__ */ guard(PaginationError, "PaginationError");
export const isJobFailedError = /* @__PURE__ */ guard(JobFailedError, "JobFailedError");
export const isJobTimeoutError = /* @__PURE__ */ guard(JobTimeoutError, "JobTimeoutError");
export const isZendeskConfigError = /* @__PURE__ */ guard(ZendeskConfigError, "ZendeskConfigError");
export const isZendeskError = /* @__PURE__ */ guard(
  ZendeskError,
  "ZendeskError",
  "AuthenticationError",
  "PermissionError",
  "NotFoundError",
  "ValidationError",
  "RateLimitError",
  "ServerError",
  "ResponseParseError",
  "ConnectionError",
  "RequestTimeoutError",
  "PaginationError",
  "JobFailedError",
  "JobTimeoutError",
);

// --- From a response to an error ---------------------------------------------------------------

/** Where a Response came from; the client sets it (non-enumerable) on each response it returns. */
export const REQUEST_INFO: unique symbol = Symbol.for("zenfetch.request-info") as never;
export interface ResponseOrigin {
  method: string;
  url: string;
}

export function requestInfoOf(response: Response): Partial<ResponseOrigin> {
  const info = (response as unknown as { [REQUEST_INFO]?: ResponseOrigin })[REQUEST_INFO];
  return info ?? { url: response.url || undefined };
}

export function tagResponse(response: Response, info: ResponseOrigin): void {
  if (Object.isExtensible(response) && !(REQUEST_INFO in response)) {
    Object.defineProperty(response, REQUEST_INFO, { value: info, enumerable: false });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Reads Zendesk's error body in its shapes: `{ error, description, details }`, `{ error: { title, message } }`, `{ errors: [...] }`, text. */
export function parseErrorBody(body: unknown): Pick<ZendeskErrorInit, "error" | "description" | "details" | "errors"> {
  if (!isRecord(body)) return {};
  const out: Pick<ZendeskErrorInit, "error" | "description" | "details" | "errors"> = {};
  if (typeof body.error === "string") out.error = body.error;
  else if (isRecord(body.error)) {
    out.error = str(body.error.title) ?? str(body.error.code);
    out.description = str(body.error.message) ?? str(body.error.detail);
  }
  out.description = str(body.description) ?? out.description;
  if (isRecord(body.details)) out.details = body.details;
  if (Array.isArray(body.errors)) {
    const errors = body.errors.filter(isRecord) as ZendeskErrorItem[];
    out.errors = errors;
    const first = errors[0];
    if (first) {
      out.error ??= str(first.code) ?? str(first.title);
      out.description ??= str(first.detail) ?? str(first.title);
    }
  }
  if (out.error === undefined && typeof body.message === "string") out.description ??= body.message;
  return out;
}

function fieldErrors(init: ZendeskErrorInit): FieldError[] {
  const out: FieldError[] = [];
  for (const [field, problems] of Object.entries(init.details ?? {})) {
    for (const problem of Array.isArray(problems) ? problems : [problems]) {
      if (isRecord(problem)) out.push({ field, error: str(problem.error), description: str(problem.description) });
      else if (typeof problem === "string") out.push({ field, description: problem });
    }
  }
  for (const item of init.errors ?? []) {
    const field = str(item.source?.pointer) ?? str(item.source?.parameter) ?? "";
    out.push({ field, error: str(item.code), description: str(item.detail) ?? str(item.title) });
  }
  return out;
}

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
  if (summary) parts[0] += ` — ${summary}`;
  if (status === 422) {
    const fields = fieldErrors(init)
      .map((f) => `${f.field || "(body)"}: ${f.description ?? f.error ?? "invalid"}`)
      .join("; ");
    if (fields) parts.push(fields);
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

/** The minimal shape of an openapi-fetch result. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** What `unwrap` returns: the body, or `undefined` for an operation that answers with no content (204). */
export type Unwrapped<Data> = [NonNullable<Data>] extends [never] ? undefined : NonNullable<Data>;

/**
 * `data` of a successful openapi-fetch result, or the matching `ZendeskError`:
 * `const { ticket } = unwrap(await client.GET("/api/v2/tickets/{ticket_id}", …))`.
 */
export function unwrap<R extends FetchResultLike>(result: R): Unwrapped<R["data"]> {
  if (result.response.ok) return result.data as Unwrapped<R["data"]>;
  throw errorFromResponse(result.response, result.error);
}
