/**
 * The runtime every zenfetch domain package is built on. Each domain package re-exports all of this module
 * (`export * from "@zenfetch/core"`), so an app imports from whichever package it installed.
 *
 * @module @zenfetch/core
 */

export type { $Read, $Write, Readable, Writable } from "openapi-typescript-helpers";
export { type CallInit, callInit, requireId, requireText } from "./client/arguments.js";
export { createZendeskClient } from "./client/create-client.js";
export { createDomainClient } from "./client/create-domain-client.js";
export { defineDomain, withHelpers } from "./client/domain.js";
export type {
  AskedIncludes,
  IncludeFor,
  IncludeMeta,
  IncludesMeta,
  IncludeValue,
  IncludeValueMeta,
  Sideloaded,
} from "./client/includes.js";
export type { RequestSchemas, ResponseSchemas } from "./client/schema-views.js";
export type {
  AnyDomain,
  CallMethod,
  CallMethods,
  DomainClient,
  IncludesOf,
  MultiDomainClient,
  OperationsOf,
  PathsOf,
  ZendeskCallOptions,
  ZendeskClient,
  ZendeskDomain,
} from "./client/types.js";
export { BULK_DEFAULTS, DEFAULTS, JOB_DEFAULTS, SHOW_MANY_BATCH, ZENDESK_JOB_LIMIT } from "./config/defaults.js";
export type {
  FetchLike,
  RetryEvent,
  RetryOptions,
  ZendeskAuth,
  ZendeskClientOptions,
} from "./config/options.js";
export {
  BulkIncompleteError,
  BulkJobFailedError,
  type BulkOutcome,
  isBulkError,
  isBulkIncompleteError,
  isBulkJobFailedError,
} from "./errors/bulk-errors.js";
export { ZendeskConfigError } from "./errors/config-error.js";
export { CursorExpiredError, isCursorExpiredError } from "./errors/cursor-expired-error.js";
export { errorFromResponse } from "./errors/from-response.js";
export {
  isAuthenticationError,
  isConnectionError,
  isNotFoundError,
  isPaginationError,
  isPermissionError,
  isRateLimitError,
  isRedirectError,
  isRequestTimeoutError,
  isResponseParseError,
  isServerError,
  isValidationError,
  isZendeskConfigError,
  isZendeskError,
} from "./errors/guards.js";
export {
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
} from "./errors/http-errors.js";
export { isJobFailedError, isJobTimeoutError, JobFailedError, JobTimeoutError } from "./errors/job-errors.js";
export { isOffsetLimitError, OffsetLimitError } from "./errors/offset-limit-error.js";
export { PaginationError } from "./errors/pagination-error.js";
export { isResponseTooLargeError, ResponseTooLargeError } from "./errors/too-large-error.js";
export { type FetchResultLike, type Unwrapped, unwrap } from "./errors/unwrap.js";
export { type FieldError, ZendeskError, type ZendeskErrorInit, type ZendeskErrorItem } from "./errors/zendesk-error.js";
export { ticketField, ticketFieldValues } from "./fields/helpers.js";
export type {
  $CustomFields,
  CustomFieldKind,
  CustomFieldMaps,
  DeclaredTicketField,
  FieldMapRead,
  FieldMapWrite,
  TicketFieldRead,
  TicketFieldValue,
  TicketFieldValues,
  TicketFieldWrite,
} from "./fields/types.js";
export type {
  components as JobStatusComponents,
  operations as JobStatusOperations,
  paths as JobStatusPaths,
} from "./generated/job-statuses.js";
export { operations as jobStatusOperations } from "./generated/operations.js";
export { VERSION } from "./generated/version.js";
export { sleep } from "./http/abort.js";
export { BulkErrorCode } from "./jobs/bulk/codes.js";
export type { BulkHelpers, BulkIdOf } from "./jobs/bulk/helper-types.js";
export { bulkHelpers } from "./jobs/bulk/helpers.js";
export type { BulkClient, BulkId, BulkOptions, BulkProgress, BulkResult } from "./jobs/bulk/types.js";
export type { JobRef, JobStatus, JobStatusResult, WaitForJobOptions } from "./jobs/types.js";
export type {
  AcquireOptions,
  AttemptOutcome,
  Limiter,
  LimiterBudget,
  Quota,
  QuotaReading,
} from "./limits/limiter.js";
export { RateLimiter, type RateLimiterOptions } from "./limits/rate-limiter.js";
export { parseRetryAfter } from "./limits/retry-after.js";
export {
  BUDGET_PRESETS,
  type BudgetPreset,
  type BulkMatch,
  type BulkMeta,
  type EndpointLimit,
  type OperationMeta,
  type OperationsMeta,
  PAGINATION_STYLES,
  type PaginationMeta,
  type PaginationStyle,
  type RateLimitRule,
  type RequestBodyMeta,
} from "./meta/operation-meta.js";
// The step rules and the other paging building blocks have an entry of their own, `@zenfetch/core/paging`.
export { isPaginationResume, type PaginationResume } from "./paging/resume.js";
export type {
  Paginate,
  PaginatedPath,
  PaginateInit,
  PaginateItem,
  PaginateMethod,
  PaginateOptions,
  PaginatePage,
  Paginator,
} from "./paging/types.js";
