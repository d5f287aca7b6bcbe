import { ZendeskConfigError } from "./config-error.js";
import { guard } from "./guard.js";
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RedirectError,
  RequestTimeoutError,
  ResponseParseError,
  ServerError,
  ValidationError,
} from "./http-errors.js";
import { PaginationError } from "./pagination-error.js";
import { ZendeskError } from "./zendesk-error.js";

// The guards of the errors most calls can meet. Those of the paging, job and bulk errors live beside their classes.

export const isAuthenticationError = /* @__PURE__ */ guard(AuthenticationError, "AuthenticationError");
export const isPermissionError = /* @__PURE__ */ guard(PermissionError, "PermissionError");
export const isNotFoundError = /* @__PURE__ */ guard(NotFoundError, "NotFoundError");
export const isValidationError = /* @__PURE__ */ guard(ValidationError, "ValidationError");
export const isRateLimitError = /* @__PURE__ */ guard(RateLimitError, "RateLimitError");
export const isServerError = /* @__PURE__ */ guard(ServerError, "ServerError");
export const isResponseParseError = /* @__PURE__ */ guard(ResponseParseError, "ResponseParseError");
export const isConnectionError = /* @__PURE__ */ guard(ConnectionError, "ConnectionError", "RequestTimeoutError");
export const isRedirectError = /* @__PURE__ */ guard(RedirectError, "RedirectError");
export const isRequestTimeoutError = /* @__PURE__ */ guard(RequestTimeoutError, "RequestTimeoutError");
export const isPaginationError = /* @__PURE__ */ guard(
  PaginationError,
  "PaginationError",
  "CursorExpiredError",
  "OffsetLimitError",
);
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
  "ResponseTooLargeError",
  "ConnectionError",
  "RequestTimeoutError",
  "PaginationError",
  "CursorExpiredError",
  "OffsetLimitError",
  "JobFailedError",
  "JobTimeoutError",
  "BulkIncompleteError",
  "RedirectError",
);
