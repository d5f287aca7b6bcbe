export const DEFAULTS = {
  retry: { limit: 3, maxRetryAfterMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 },
  timeoutMs: 30_000,
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
