/**
 * Background jobs as Zendesk's bulk endpoints run them: a job starts `queued`, moves to `working` (with progress)
 * and ends `completed` (or `failed`/`killed` when a fault says so) over a configurable number of status polls. Its
 * work (creating, updating, deleting) happens when it completes, and its per-item results keep the input order.
 */
import { isoSeconds } from "./clock.js";
import type { JobFault } from "./faults.js";
import { createRng, hexId } from "./random.js";

export interface JobOptions {
  /** Status polls until a job ends (default 2: `working` on the first poll, `completed` on the second). */
  pollsToComplete?: number;
  /** Answer 404 to the first N polls of every new job, as Zendesk sometimes does right after creation (default 0). */
  notFoundPolls?: number;
  /** Jobs that may be queued or working at once (default 30); one more is refused with 429. */
  maxConcurrent?: number;
  /** Retry-After seconds sent when the job limit refuses a request (default 10). */
  retryAfterSeconds?: number;
  /** Finished jobs kept for listing (default 500). */
  retain?: number;
}

export type JobStatusValue = "queued" | "working" | "completed" | "failed" | "killed";

export interface JobRecord {
  id: string;
  jobType: string;
  status: JobStatusValue;
  total: number | null;
  progress: number | null;
  message: string | null;
  results: unknown[] | null;
  polls: number;
  notFoundPolls: number;
  outcome?: "failed" | "killed";
  failMessage?: string;
  createdAt: number;
  finishedAt?: number;
  /** Does the job's work and returns its per-item results; run once, on completion. */
  run: () => unknown[];
}

export class JobQueue {
  private options: Required<JobOptions>;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly rng: () => number;

  constructor(
    options: JobOptions | undefined,
    seed: number,
    private readonly now: () => number,
  ) {
    this.options = resolve(options);
    this.rng = createRng(seed ^ 0x10b5);
  }

  configure(options: JobOptions): void {
    this.options = resolve({ ...this.options, ...options });
  }

  get config(): Readonly<Required<JobOptions>> {
    return this.options;
  }

  /** Jobs queued or working. */
  get active(): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.status === "queued" || job.status === "working") count++;
    return count;
  }

  /** Whether one more job may start now. */
  hasRoom(): boolean {
    return this.active < this.options.maxConcurrent;
  }

  create(jobType: string, total: number, run: () => unknown[], fault?: JobFault): JobRecord {
    const job: JobRecord = {
      id: hexId(this.rng),
      jobType,
      status: "queued",
      total,
      progress: 0,
      message: null,
      results: null,
      polls: 0,
      notFoundPolls: fault?.notFoundPolls ?? this.options.notFoundPolls,
      outcome: fault?.outcome,
      failMessage: fault?.message,
      createdAt: this.now(),
      run,
    };
    this.jobs.set(job.id, job);
    if (this.options.pollsToComplete <= 0) this.finish(job);
    this.prune();
    return job;
  }

  /** Looks at a job without advancing it. */
  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** A status poll: advances the job one step. Undefined when the job is unknown or still answering 404. */
  poll(id: string): JobRecord | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    job.polls++;
    if (job.polls <= job.notFoundPolls) return undefined;
    if (job.status === "queued" || job.status === "working") {
      const step = job.polls - job.notFoundPolls;
      if (step >= this.options.pollsToComplete) {
        this.finish(job);
      } else {
        job.status = "working";
        job.progress = Math.floor(((job.total ?? 0) * step) / this.options.pollsToComplete);
      }
    }
    return job;
  }

  /** Every job, most recently finished first, then most recently created. */
  list(): JobRecord[] {
    return [...this.jobs.values()].sort(
      (a, b) =>
        (b.finishedAt ?? Number.MAX_SAFE_INTEGER) - (a.finishedAt ?? Number.MAX_SAFE_INTEGER) ||
        b.createdAt - a.createdAt,
    );
  }

  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  clear(): void {
    this.jobs.clear();
  }

  private finish(job: JobRecord): void {
    job.finishedAt = this.now();
    const stamp = isoSeconds(Math.floor(job.finishedAt / 1000))
      .replace("T", " ")
      .replace("Z", " +0000");
    if (job.outcome === "failed") {
      job.status = "failed";
      job.message = job.failMessage ?? "Failed: the job could not be processed";
      return;
    }
    if (job.outcome === "killed") {
      job.status = "killed";
      job.message = job.failMessage ?? "Killed: the job ran too long and was stopped";
      return;
    }
    job.results = job.run();
    job.status = "completed";
    job.progress = job.total;
    job.message = `Completed at ${stamp}`;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt !== undefined);
    const excess = finished.length - this.options.retain;
    if (excess <= 0) return;
    finished.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const job of finished.slice(0, excess)) this.jobs.delete(job.id);
  }
}

function resolve(options: JobOptions | undefined): Required<JobOptions> {
  return {
    pollsToComplete: options?.pollsToComplete ?? 2,
    notFoundPolls: options?.notFoundPolls ?? 0,
    maxConcurrent: options?.maxConcurrent ?? 30,
    retryAfterSeconds: options?.retryAfterSeconds ?? 10,
    retain: options?.retain ?? 500,
  };
}

export function jobJson(origin: string, job: JobRecord) {
  return {
    id: job.id,
    url: `${origin}/api/v2/job_statuses/${job.id}.json`,
    job_type: job.jobType,
    total: job.total,
    progress: job.progress,
    status: job.status,
    message: job.message,
    results: job.results,
  };
}
