export const DEFAULTS = {
  retry: { limit: 3, maxRetryAfterMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 },
  timeoutMs: 30_000,
  /** 64 MiB: far above any page Zendesk sends, well below what would exhaust a process. */
  maxResponseBytes: 64 * 1024 * 1024,
} as const;

/** `waitForJob`'s defaults (see `WaitForJobOptions`). */
export const JOB_DEFAULTS = {
  intervalMs: 1_000,
  maxIntervalMs: 10_000,
  timeoutMs: 5 * 60_000,
  notFoundGraceMs: 10_000,
} as const;

/** `show_many` takes up to this many ids per request. */
export const SHOW_MANY_BATCH = 100;

/** Zendesk's limit of jobs queued or running per account; beyond it, job creation answers 429 `TooManyJobs`. */
export const ZENDESK_JOB_LIMIT = 30;

/** The bulk helpers' defaults (see `BulkOptions`). */
export const BULK_DEFAULTS = {
  /** Jobs one bulk call keeps queued or running at once. */
  concurrency: 3,
  /** How long one batch may keep being refused with 429 before the call gives up. */
  submitTimeoutMs: 5 * 60_000,
  /** First wait before a refused batch is sent again; it doubles with each refusal… */
  minRetryDelayMs: 1_000,
  /** …up to this. */
  maxRetryDelayMs: 30_000,
} as const;
