import { isZendeskError, JobFailedError, ZendeskError } from "@zenfetch/core";
import type { JobStatus, JobStatusResult } from "./types.js";

/**
 * The codes zenfetch puts in `error` of a result it had to make up because
 * Zendesk reported nothing for the item. Zendesk's own codes
 * (`TicketCreateFailed`, `TicketUpdateFailed`…) are passed through as sent.
 */
export const BulkErrorCode = {
  /** The job completed but its results say nothing about this item. Check the ticket before sending it again. */
  NoResult: "NoResult",
  /** The item's job ended `failed` or `killed`. A killed job may have done part of its work: check before sending again. */
  JobFailed: "JobFailed",
  /** Zendesk did nothing with the item: its batch was never sent, or was refused as a whole (4xx, 429, 503). Safe to send again. */
  NotProcessed: "NotProcessed",
  /** The batch was sent but the outcome is not known (no answer, a 5xx, the job could not be followed to its end). Check before sending again; `jobId` names the job when there is one. */
  OutcomeUnknown: "OutcomeUnknown",
} as const;
export type BulkErrorCode = (typeof BulkErrorCode)[keyof typeof BulkErrorCode];

/**
 * What a bulk call did with one of your items. The array `createMany`,
 * `updateMany` and `destroyMany` resolve to has one per item, in input order.
 */
export type BulkResult = Omit<JobStatusResult, "id" | "index" | "success"> & {
  /** Position of the item in the array you passed (not in its batch). */
  index: number;
  /** True when Zendesk reports the item done. A failure keeps Zendesk's `error`, `errors`, `details` and `status`. */
  success: boolean;
  /** The ticket: the new ticket's id for `createMany` (absent when it failed), the id you gave for updates and deletions. */
  id?: number;
  /** The job that handled the item; absent when it was never sent. */
  jobId?: string;
};

/** The results of a bulk call that stopped before the end, and a count of each outcome. */
export interface BulkOutcome {
  /** One result per input item, in input order: Zendesk's own, or one with a `BulkErrorCode` in `error`. */
  readonly results: BulkResult[];
  /** The last status seen of each job that was created, in batch order. */
  readonly jobs: JobStatus[];
}

/**
 * A job of `createMany`, `updateMany` or `destroyMany` ended `failed` or
 * `killed`. It is core's `JobFailedError` (`isJobFailedError(error)` is true;
 * `job` is the failed job, `jobs` every job created) and also carries
 * `results`: every item, in input order, with Zendesk's result for the items of
 * the jobs that completed and a `BulkErrorCode` for the others. No further
 * batch is sent once a job fails; jobs already running are waited for.
 */
export class BulkJobFailedError extends JobFailedError implements BulkOutcome {
  // Kept as "JobFailedError" so that core's name-based guards (across realms and copies) still match.
  override name = "JobFailedError";
  declare readonly jobs: JobStatus[];
  readonly results: BulkResult[];

  constructor(job: JobStatus, jobs: JobStatus[], results: BulkResult[], operation: string) {
    super(job, jobs);
    this.results = results;
    this.message = `${operation}: job ${job.id} ${job.status}${job.message ? ` (${job.message})` : ""}. ${summarize(results, jobs)}`;
  }
}

/**
 * `createMany`, `updateMany` or `destroyMany` stopped for another reason (an
 * error creating a batch, a network error, a job that could not be followed to
 * its end, an `onProgress` that threw) after at least one job had been
 * created. `cause` is the error that stopped it; `status`, `error`,
 * `description` and `requestId` are copied from it. `results` holds every item
 * in input order. When no job had been created yet, the original error is
 * thrown instead.
 */
export class BulkIncompleteError extends ZendeskError implements BulkOutcome {
  override name = "BulkIncompleteError";
  readonly results: BulkResult[];
  readonly jobs: JobStatus[];

  constructor(cause: unknown, jobs: JobStatus[], results: BulkResult[], operation: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const init = isZendeskError(cause) ? cause : undefined;
    super(`${operation} stopped: ${reason}. ${summarize(results, jobs)}`, {
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

/** An error that carries the per-item results of a bulk call that stopped: `BulkJobFailedError` or `BulkIncompleteError`. */
export function isBulkError(value: unknown): value is BulkJobFailedError | BulkIncompleteError {
  if (value instanceof BulkJobFailedError || value instanceof BulkIncompleteError) return true;
  return (
    isZendeskError(value) &&
    (value.name === "JobFailedError" || value.name === "BulkIncompleteError") &&
    Array.isArray((value as { results?: unknown }).results)
  );
}

/** "2 of 3 jobs created completed; of 480 items: 195 succeeded, 5 failed, 100 in a failed job, 180 not processed (see error.results)". */
function summarize(results: BulkResult[], jobs: JobStatus[]): string {
  const completed = jobs.filter((job) => job.status === "completed").length;
  const ours = new Set<string>(Object.values(BulkErrorCode));
  let succeeded = 0;
  let failed = 0;
  const made: Record<string, number> = {};
  for (const result of results) {
    if (result.success) succeeded++;
    else if (result.error !== undefined && ours.has(result.error)) made[result.error] = (made[result.error] ?? 0) + 1;
    else failed++;
  }
  const parts = [`${succeeded} succeeded`];
  if (failed) parts.push(`${failed} failed`);
  if (made.JobFailed) parts.push(`${made.JobFailed} in a failed job`);
  if (made.NoResult) parts.push(`${made.NoResult} not reported by their job`);
  if (made.OutcomeUnknown) parts.push(`${made.OutcomeUnknown} with an unknown outcome`);
  if (made.NotProcessed) parts.push(`${made.NotProcessed} not processed`);
  return `${completed} of ${jobs.length} jobs created completed; of ${results.length} items: ${parts.join(", ")} (see error.results)`;
}
