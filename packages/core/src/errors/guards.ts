import { ZendeskConfigError } from "./config-error.js";
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RequestTimeoutError,
  ResponseParseError,
  ServerError,
  ValidationError,
} from "./http-errors.js";
import { JobFailedError, JobTimeoutError } from "./job-errors.js";
import { CursorExpiredError, OffsetLimitError, PaginationError } from "./pagination-error.js";
import { ZendeskError } from "./zendesk-error.js";

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
export const isPaginationError = /* @__PURE__ */ guard(
  PaginationError,
  "PaginationError",
  "CursorExpiredError",
  "OffsetLimitError",
);
export const isCursorExpiredError = /* @__PURE__ */ guard(CursorExpiredError, "CursorExpiredError");
export const isOffsetLimitError = /* @__PURE__ */ guard(OffsetLimitError, "OffsetLimitError");
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
  "CursorExpiredError",
  "OffsetLimitError",
  "JobFailedError",
  "JobTimeoutError",
  "BulkIncompleteError",
);
