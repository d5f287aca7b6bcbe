// Job polling, loaded by the client on the first `waitForJob`/`waitForJobs` (so a bundle that never
// waits for a job does not carry it).
import type { Client } from "openapi-fetch";
import { JOB_DEFAULTS, SHOW_MANY_BATCH } from "../config/defaults.js";
import { isConnectionError, isRateLimitError, isResponseParseError, isServerError } from "../errors/guards.js";
import { NotFoundError } from "../errors/http-errors.js";
import { JobFailedError, JobTimeoutError } from "../errors/job-errors.js";
import { unwrap } from "../errors/unwrap.js";
import { ZendeskError } from "../errors/zendesk-error.js";
import type { paths } from "../generated/job-statuses.js";
import { anySignal, sleep } from "../http/abort.js";
import { MAX_TIMER_MS, retryFloorMs } from "../limits/wait-bounds.js";
import type { JobRef, JobStatus, WaitForJobOptions } from "./types.js";

const GROWTH = 1.5;

const TERMINAL = new Set<string>(["completed", "failed", "killed"]);
const isTerminal = (job: { status?: string }) => job.status !== undefined && TERMINAL.has(job.status);
const isFailed = (job: JobStatus) => job.status === "failed" || job.status === "killed";

const idOf = (job: JobRef): string => {
  const id = typeof job === "string" ? job : job?.id;
  if (typeof id !== "string" || id === "") throw new TypeError("waitForJob: pass a job status id or a job status");
  // The id comes from a server's answer: "." or ".." would make the poll URL another endpoint's.
  if (id === "." || id === "..") {
    throw new TypeError(`waitForJob: the job status id is ${JSON.stringify(id)}; pass the id Zendesk gave the job`);
  }
  return id;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const shown = (value: unknown) => {
  const text = value === undefined ? "no body" : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** `value` when it is a job status this code can follow (an id and a status); else a ZendeskError saying what came. */
function jobStatusOf(value: unknown, what: string, status: number): JobStatus {
  if (isRecord(value) && typeof value.id === "string" && value.id !== "" && typeof value.status === "string") {
    return value as JobStatus;
  }
  throw new ZendeskError(
    `waitForJob: ${what} is not a job status with an id and a status (got ${shown(value)}); the job cannot be followed from it`,
    { status, method: "GET" },
  );
}

/** A poll that failed this way may succeed next time: wait and poll again, within the deadline. */
const transient = (error: unknown) =>
  isServerError(error) || isRateLimitError(error) || isResponseParseError(error) || isConnectionError(error);

function settings(options: WaitForJobOptions) {
  const s = { ...JOB_DEFAULTS, ...options };
  for (const key of ["intervalMs", "maxIntervalMs", "timeoutMs", "notFoundGraceMs"] as const) {
    const value = s[key] ?? JOB_DEFAULTS[key];
    // A timer cannot hold more than 2^31−1 ms (about 24.8 days): a longer wait would fire at once.
    if (!(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS)) {
      throw new TypeError(
        `waitForJob: \`${key}\` must be a number of ms from 0 to ${MAX_TIMER_MS}; got ${String(value)}`,
      );
    }
    s[key] = value;
  }
  return s;
}

/**
 * A signal that aborts after `ms` (with `reason`) or when `parent` aborts.
 * `expired()` tells the two apart; call `clear()` when done so the timer does not linger.
 */
export function deadlineSignal(
  ms: number,
  parent: AbortSignal | null | undefined,
  reason: unknown,
): { signal: AbortSignal; expired: () => boolean; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(reason), Math.max(0, ms));
  const signal = anySignal(parent, controller.signal) as AbortSignal;
  return {
    signal,
    expired: () => controller.signal.aborted && !parent?.aborted,
    clear: () => clearTimeout(timer),
  };
}

const TIMED_OUT = Symbol("job wait timed out");

/**
 * Runs `poll` with backoff until it returns a value, under one deadline; the deadline also cuts a poll in flight.
 * A poll that fails for a passing reason (a 5xx, a 429 whose wait fits the deadline, a page that is not JSON, a
 * lost connection) is tried again, at least 250 ms later and longer each time it fails again; the timeout error
 * then carries the last such failure as its `cause`.
 */
async function pollUntil<T>(
  options: WaitForJobOptions,
  poll: (signal: AbortSignal, started: number) => Promise<T | undefined>,
  onTimeout: () => Error,
): Promise<T> {
  const s = settings(options);
  const started = Date.now();
  const deadline = started + s.timeoutMs;
  const timer = deadlineSignal(s.timeoutMs, options.signal, TIMED_OUT);
  let interval = Math.max(1, s.intervalMs);
  let failures = 0;
  let lastError: unknown;
  const timedOut = () => {
    const error = onTimeout();
    if (lastError !== undefined) Object.defineProperty(error, "cause", { value: lastError, configurable: true });
    return error;
  };
  try {
    for (;;) {
      let wait = interval;
      try {
        const done = await poll(timer.signal, started);
        if (done !== undefined) return done;
        failures = 0;
      } catch (error) {
        if (timer.signal.aborted || !transient(error)) throw error;
        const after = (error as { retryAfterMs?: number }).retryAfterMs;
        // A wait the server asks for that outlasts the deadline cannot be honoured: say so now.
        if (after !== undefined && Date.now() + after > deadline) throw error;
        lastError = error;
        wait = Math.max(wait, after ?? 0, retryFloorMs(++failures));
      }
      const left = deadline - Date.now();
      if (left <= 0) throw timedOut();
      await sleep(Math.min(wait, left), timer.signal);
      interval = Math.min(interval * GROWTH, Math.max(s.maxIntervalMs, 1));
    }
  } catch (error) {
    if (timer.expired() || error === TIMED_OUT) throw timedOut();
    throw error;
  } finally {
    timer.clear();
  }
}

export function createJobWaiters(client: Client<paths, `${string}/${string}`>) {
  /**
   * Polls `/api/v2/job_statuses/{id}` until the job is `completed` (returned,
   * results and all), `failed` or `killed` (`JobFailedError`), or `timeoutMs`
   * passes (`JobTimeoutError`). A 404 within `notFoundGraceMs` of the start is
   * taken as "not visible yet".
   */
  async function waitForJob(job: JobRef, options: WaitForJobOptions = {}): Promise<JobStatus> {
    const id = idOf(job);
    if (typeof job === "object" && isTerminal(job) && "url" in job) {
      if (isFailed(job as JobStatus)) throw new JobFailedError(job as JobStatus);
      return job as JobStatus;
    }
    const grace = options.notFoundGraceMs ?? JOB_DEFAULTS.notFoundGraceMs;
    let last: JobStatus | undefined = typeof job === "object" && "url" in job ? (job as JobStatus) : undefined;
    return pollUntil<JobStatus>(
      options,
      async (signal, started) => {
        const result = await client.GET("/api/v2/job_statuses/{job_status_id}", {
          params: { path: { job_status_id: id } },
          signal,
        });
        if (result.response.status === 404 && Date.now() - started < grace) return undefined;
        const body: unknown = unwrap(result);
        const status = jobStatusOf(
          isRecord(body) ? body.job_status : undefined,
          `the job_status of Zendesk's answer for job ${id} (${shown(body)})`,
          result.response.status,
        );
        last = status;
        options.onProgress?.(status);
        if (!isTerminal(status)) return undefined;
        if (isFailed(status)) throw new JobFailedError(status);
        return status;
      },
      () => new JobTimeoutError(id, last, options.timeoutMs ?? JOB_DEFAULTS.timeoutMs),
    );
  }

  /**
   * Follows many jobs at once through `/api/v2/job_statuses/show_many`
   * (`SHOW_MANY_BATCH` ids a request) and resolves to their final statuses in
   * input order. If any failed, throws a `JobFailedError` once all are done,
   * with every final status in `jobs`.
   */
  async function waitForJobs(jobs: readonly JobRef[], options: WaitForJobOptions = {}): Promise<JobStatus[]> {
    if (!Array.isArray(jobs)) {
      throw new TypeError(
        `waitForJobs: pass an array of job status ids or job statuses; got ${typeof jobs === "string" ? `the string ${shown(jobs)}` : shown(jobs)} (for one job, use waitForJob)`,
      );
    }
    const ids = jobs.map(idOf);
    const unique = [...new Set(ids)];
    const final = new Map<string, JobStatus>();
    const last = new Map<string, JobStatus>();
    for (const job of jobs) {
      if (typeof job === "object" && "url" in job) {
        last.set(job.id, job as JobStatus);
        if (isTerminal(job)) final.set(job.id, job as JobStatus);
      }
    }
    const grace = options.notFoundGraceMs ?? JOB_DEFAULTS.notFoundGraceMs;
    const finish = () => {
      const statuses = ids.map((id) => final.get(id) as JobStatus);
      const failed = statuses.find(isFailed);
      if (failed) throw new JobFailedError(failed, statuses);
      return statuses;
    };
    if (final.size === unique.length) return finish();
    const timeout = () => {
      const pending = unique.find((id) => !final.has(id)) as string;
      return new JobTimeoutError(
        pending,
        last.get(pending),
        options.timeoutMs ?? JOB_DEFAULTS.timeoutMs,
        ids.map((id) => last.get(id)),
      );
    };
    return pollUntil<JobStatus[]>(
      options,
      async (signal, started) => {
        const pending = unique.filter((id) => !final.has(id));
        for (let i = 0; i < pending.length; i += SHOW_MANY_BATCH) {
          const batch = pending.slice(i, i + SHOW_MANY_BATCH);
          const result = await client.GET("/api/v2/job_statuses/show_many", {
            params: { query: { ids: batch.join(",") } },
            signal,
          });
          if (result.response.status === 404 && Date.now() - started < grace) continue;
          const body: unknown = unwrap(result);
          const list = isRecord(body) ? body.job_statuses : undefined;
          if (!Array.isArray(list)) {
            throw new ZendeskError(
              `waitForJobs: Zendesk's show_many answer has no job_statuses list (got ${shown(body)}); the jobs cannot be followed from it`,
              { status: result.response.status, method: "GET" },
            );
          }
          for (const entry of list) {
            const status = jobStatusOf(entry, "an entry of show_many's job_statuses", result.response.status);
            if (!batch.includes(status.id)) continue;
            last.set(status.id, status);
            options.onProgress?.(status);
            if (isTerminal(status)) final.set(status.id, status);
          }
        }
        const missing = unique.filter((id) => !last.has(id));
        if (missing.length > 0 && Date.now() - started >= grace) {
          throw new NotFoundError(
            `Job status ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""} not found: show_many did not return ${missing.length === 1 ? "it" : "them"} within ${grace} ms`,
            { status: 404, method: "GET", error: "RecordNotFound" },
          );
        }
        return final.size === unique.length ? finish() : undefined;
      },
      timeout,
    );
  }

  return { waitForJob, waitForJobs };
}
