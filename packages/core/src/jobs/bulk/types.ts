// What users see of the bulk helpers: results, progress and options. The engine itself is in run.ts, which
// the helpers load on their first call.
import type { FetchResultLike } from "../../errors/unwrap.js";
import type { JobRef, JobStatus, JobStatusResult, WaitForJobOptions } from "../types.js";

/** An id of an item or a result: a number (tickets), a string (custom object records). */
export type BulkId = number | string;

/**
 * What a bulk helper did with one of your items. A helper resolves to one per item, in input order: Zendesk's
 * per-item result (`action`, `status`, `errors`… as sent) with `index` made your item's position, `success`
 * always set, and `id` the item's id in the endpoint's id type.
 */
export type BulkResult<Id extends BulkId = BulkId> = Omit<JobStatusResult, "id" | "index" | "success"> & {
  /** Position of the item in the array you passed (not in its batch). */
  index: number;
  /**
   * True when Zendesk reports the item done. A failure has `error`: Zendesk's code, or a `BulkErrorCode` when
   * Zendesk said nothing usable about the item; and `details` when there is more to say.
   */
  success: boolean;
  /** The item's id: the new one for a creation (absent when it failed), the one you gave otherwise. */
  id?: Id;
  /** The job that handled the item; absent when it was never sent. */
  jobId?: string;
};

/** Passed to `onProgress` after each job completes. */
export interface BulkProgress<Id extends BulkId = BulkId> {
  /** Items whose job has completed so far. */
  done: number;
  /** Items in the call. */
  total: number;
  /** Jobs completed so far. */
  jobsDone: number;
  /** Jobs the call needs (one per batch). */
  jobsTotal: number;
  /** The job that just completed, as Zendesk last reported it. */
  job: JobStatus;
  /** Its items' results, in input order (`index` is the position in your input): a place to save them as you go. */
  results: BulkResult<Id>[];
}

export interface BulkOptions<Id extends BulkId = BulkId> {
  /** Stops the call: no new batch is sent and waiting ends; rejects with the signal's reason. Jobs already created keep running at Zendesk. */
  signal?: AbortSignal;
  /**
   * How many of this call's jobs may be queued or running at once. Default 3. Zendesk allows 30 queued-or-running
   * jobs per account, shared by every client and integration, so a larger number is taken as 30; keep it low.
   */
  concurrency?: number;
  /** Items per job, from 1 to the endpoint's limit (100 for Zendesk's `*_many` and record jobs, the default). */
  batchSize?: number;
  /**
   * How long one batch may keep being refused with 429 (`TooManyJobs`, or the rate limit) before the call stops,
   * in ms. Each refusal is waited out and the same batch sent again. Default 300 000 (5 minutes); at most
   * 2^31−1 (a timer holds no more), as for `maxRetryDelayMs`.
   */
  submitTimeoutMs?: number;
  /**
   * The first wait before a batch refused with 429 is sent again, in ms; it doubles with each refusal (with some
   * jitter) up to `maxRetryDelayMs`. A longer `Retry-After` is honoured; a `Retry-After` of 0 never makes the call
   * send faster than this, and no wait is under 250 ms whatever this says (it grows from there up to
   * `maxRetryDelayMs`). Default 1 000.
   */
  minRetryDelayMs?: number;
  /** The longest of those waits, in ms, unless `Retry-After` asks for more. Default 30 000. */
  maxRetryDelayMs?: number;
  /** Called after each job completes (in completion order), with counts and that job's results. */
  onProgress?: (progress: BulkProgress<Id>) => void;
  /** Passed to `waitForJob` for each job: `intervalMs`, `maxIntervalMs`, `timeoutMs`, `notFoundGraceMs`, `onProgress` (each poll). */
  wait?: Omit<WaitForJobOptions, "signal">;
}

/** What the engine needs of a client: any zenfetch client has it. */
export interface BulkClient {
  request(method: string, path: string, init?: Record<string, unknown>): Promise<FetchResultLike>;
  waitForJob(job: JobRef, options?: WaitForJobOptions): Promise<JobStatus>;
  readonly limiter: { pause(ms: number): void };
}
