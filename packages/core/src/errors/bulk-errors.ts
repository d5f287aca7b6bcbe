import type { BulkResult } from "../jobs/bulk/types.js";
import type { JobStatus } from "../jobs/types.js";
import { isZendeskError } from "./guards.js";
import { isJobFailedError, JobFailedError } from "./job-errors.js";
import { ZendeskError } from "./zendesk-error.js";

/** The results of a bulk call that stopped before the end, and the jobs it created. */
export interface BulkOutcome {
  /** One result per input item, in input order: Zendesk's own, or one with a `BulkErrorCode` in `error`. */
  readonly results: BulkResult[];
  /** The last status seen of each job that was created, in batch order. */
  readonly jobs: JobStatus[];
}

/**
 * A job of a bulk helper ended `failed` or `killed`. It is a `JobFailedError` (`isJobFailedError(error)` is
 * true; `job` is the failed job, `jobs` every job created) and also carries `results`: every item, in input
 * order, with Zendesk's result for the items of the jobs that completed and a `BulkErrorCode` for the others.
 * No further batch is sent once a job fails; jobs already running are waited for.
 */
export class BulkJobFailedError extends JobFailedError implements BulkOutcome {
  // Kept as "JobFailedError" so that the name-based guards (across realms and copies) still match;
  // `isBulkJobFailedError` tells it apart by its `results`.
  override name = "JobFailedError";
  declare readonly jobs: JobStatus[];
  readonly results: BulkResult[];

  /** `message` says what happened: the engine writes it, with a count of each outcome. */
  constructor(job: JobStatus, jobs: JobStatus[], results: BulkResult[], message: string) {
    super(job, jobs);
    this.results = results;
    this.message = message;
  }
}

/**
 * A bulk helper stopped for another reason (a batch refused, a network error, a job that could not be followed
 * to its end, an `onProgress` that threw) after at least one job had been created. `cause` is the error that
 * stopped it; `status`, `error`, `description` and `requestId` are copied from it. `results` holds every item in
 * input order. When no job had been created yet, the original error is thrown instead.
 */
export class BulkIncompleteError extends ZendeskError implements BulkOutcome {
  override name = "BulkIncompleteError";
  readonly results: BulkResult[];
  readonly jobs: JobStatus[];

  /** `message` says what happened: the engine writes it, with a count of each outcome. */
  constructor(cause: unknown, jobs: JobStatus[], results: BulkResult[], message: string) {
    const init = isZendeskError(cause) ? cause : undefined;
    super(message, {
      status: init?.status,
      method: init?.method,
      url: init?.url,
      error: init?.error,
      description: init?.description,
      details: init?.details,
      errors: init?.errors,
      requestId: init?.requestId,
      cause,
    });
    this.results = results;
    this.jobs = jobs;
  }
}

const hasResults = (value: unknown) => Array.isArray((value as { results?: unknown }).results);

// Like core's other guards, these check `name` (and the `results` a bulk error carries), so they also work across
// realms and copies of this package.

/** A `BulkJobFailedError`: a job of a bulk helper ended `failed` or `killed`; `results` has every item. */
export const isBulkJobFailedError = (value: unknown): value is BulkJobFailedError =>
  value instanceof BulkJobFailedError || (isJobFailedError(value) && hasResults(value));

/** A `BulkIncompleteError`: a bulk helper stopped after creating a job; `results` has every item. */
export const isBulkIncompleteError = (value: unknown): value is BulkIncompleteError =>
  value instanceof BulkIncompleteError ||
  (isZendeskError(value) && value.name === "BulkIncompleteError" && hasResults(value));

/** Either bulk error: one that carries every item's result (`results`) and the jobs created (`jobs`). */
export const isBulkError = (value: unknown): value is BulkJobFailedError | BulkIncompleteError =>
  isBulkJobFailedError(value) || isBulkIncompleteError(value);
