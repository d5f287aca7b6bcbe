import { fieldErrors } from "./error-body.js";
import { type FieldError, ZendeskError, type ZendeskErrorInit } from "./zendesk-error.js";

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
 * The server answered with a redirect the client will not follow: to another origin, from https to http, for a
 * write, or one too many. `status` is the redirect's, `location` where it pointed (without userinfo; undefined
 * when the runtime hides it, as a browser does).
 */
export class RedirectError extends ZendeskError {
  override name = "RedirectError";
  location?: string;
}
