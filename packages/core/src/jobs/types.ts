// What users see of job waiting: its types (the defaults are in options.ts). The polling itself is in
// job-polling.ts, which the client loads the first time a job is waited for.
import type { Readable } from "openapi-typescript-helpers";
import type { components } from "../generated/job-statuses.js";

/** A job status as Zendesk sends it (read-only properties unwrapped, as openapi-fetch returns it). */
export type JobStatus = Readable<components["schemas"]["JobStatus"]>;
export type JobStatusResult = Readable<components["schemas"]["JobStatusResult"]>;
/** Something that names a job: its id, or a job status (`response.job_status`). */
export type JobRef = string | { id: string; status?: JobStatus["status"] };

export interface WaitForJobOptions {
  /** First wait between polls, in ms. Default 1 000; it grows by half each poll. */
  intervalMs?: number;
  /** Longest wait between polls, in ms. Default 10 000. */
  maxIntervalMs?: number;
  /**
   * Give up after this long, in ms, with a `JobTimeoutError` (its `cause`: the last failed poll, if any). Default
   * 300 000 (5 minutes). Every wait here is at most 2^31−1 ms, what a timer holds.
   */
  timeoutMs?: number;
  /** How long a 404 (or a job missing from `show_many`) counts as "not visible yet", in ms. Default 10 000. */
  notFoundGraceMs?: number;
  signal?: AbortSignal;
  /** Called with each status polled (for `waitForJobs`, each job's). */
  onProgress?: (job: JobStatus) => void;
}
