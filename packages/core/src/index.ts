export { createZendeskClient, type ZendeskClient } from "./client.js";
export {
  AuthenticationError,
  ConnectionError,
  errorFromResponse,
  type FetchResultLike,
  type FieldError,
  isAuthenticationError,
  isConnectionError,
  isJobFailedError,
  isJobTimeoutError,
  isNotFoundError,
  isPaginationError,
  isPermissionError,
  isRateLimitError,
  isRequestTimeoutError,
  isResponseParseError,
  isServerError,
  isValidationError,
  isZendeskConfigError,
  isZendeskError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  PaginationError,
  PermissionError,
  RateLimitError,
  RequestTimeoutError,
  ResponseParseError,
  ServerError,
  type Unwrapped,
  unwrap,
  ValidationError,
  ZendeskConfigError,
  ZendeskError,
  type ZendeskErrorInit,
  type ZendeskErrorItem,
} from "./errors.js";
export type {
  components as JobStatusComponents,
  operations as JobStatusOperations,
  paths as JobStatusPaths,
} from "./generated/job-statuses.js";
export { operations as jobStatusOperations } from "./generated/operations.js";
export type {
  JobRef,
  JobStatus,
  JobStatusResult,
  WaitForJobOptions,
} from "./jobs.js";
export { type OperationMeta, type OperationsMeta, PAGINATION_STYLES, type PaginationStyle } from "./operation-meta.js";
export {
  DEFAULTS,
  type EndpointLimit,
  type FetchLike,
  JOB_DEFAULTS,
  type RetryEvent,
  type RetryOptions,
  SHOW_MANY_BATCH,
  VERSION,
  type ZendeskAuth,
  type ZendeskClientOptions,
} from "./options.js";
export type {
  PaginatedPath,
  PaginateInit,
  PaginateItem,
  PaginateMethod,
  PaginateOptions,
  PaginatePage,
  PaginationResume,
  Paginator,
} from "./paginate.js";
export { type AcquireOptions, parseRetryAfter, RateLimiter, type RateLimiterOptions } from "./rate-limit.js";
