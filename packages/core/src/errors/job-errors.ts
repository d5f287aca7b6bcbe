import type { JobStatus } from "../jobs/types.js";
import { guard } from "./guard.js";
import { ZendeskError } from "./zendesk-error.js";

const isFailed = (job: JobStatus) => job.status === "failed" || job.status === "killed";

/** The job ended `failed` or `killed`. `job` is its last status, results included. */
export class JobFailedError extends ZendeskError {
  override name = "JobFailedError";
  readonly job: JobStatus;
  /** From `waitForJobs`: every job's final status, in input order. */
  readonly jobs: JobStatus[] | undefined;

  constructor(job: JobStatus, jobs?: JobStatus[]) {
    const others = jobs && jobs.length > 1 ? ` (${jobs.filter(isFailed).length} of ${jobs.length} jobs failed)` : "";
    super(`Job ${job.id} ${job.status}${job.message ? `: ${job.message}` : ""}${others}`);
    this.job = job;
    this.jobs = jobs;
  }
}

/** The job was not finished within `timeoutMs`. `job` is the last status seen (undefined if none was). */
export class JobTimeoutError extends ZendeskError {
  override name = "JobTimeoutError";
  readonly jobId: string;
  readonly job: JobStatus | undefined;
  readonly timeoutMs: number;
  /** From `waitForJobs`: the last status seen of each job, in input order. */
  readonly jobs: (JobStatus | undefined)[] | undefined;

  constructor(jobId: string, job: JobStatus | undefined, timeoutMs: number, jobs?: (JobStatus | undefined)[]) {
    const seen = job
      ? `last seen ${job.status}${job.total ? `, ${job.progress ?? 0}/${job.total}` : ""}`
      : "never seen";
    super(`Job ${jobId} did not finish within ${timeoutMs} ms (${seen})`);
    this.jobId = jobId;
    this.job = job;
    this.timeoutMs = timeoutMs;
    this.jobs = jobs;
  }
}

export const isJobFailedError = /* @__PURE__ */ guard(JobFailedError, "JobFailedError");
export const isJobTimeoutError = /* @__PURE__ */ guard(JobTimeoutError, "JobTimeoutError");
