/**
 * A small fake of Zendesk's bulk endpoints and job statuses on nock: each
 * `*_many` request creates a job that completes after a few polls, with
 * per-item results shaped as Zendesk sends them. Tests tune it per case.
 */
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { createTicketsClient, type JobStatus, type JobStatusResult, type ZendeskClientOptions } from "../src/index.js";

export const BASE = "https://acme.zendesk.com";
export const EMAIL = "ops@acme.test";
export const TOKEN = "tok_test_123";

/** Retries fast; job polls every few ms. */
export const FAST_RETRY = { limit: 3, maxRetryAfterMs: 2_000, baseDelayMs: 1, maxDelayMs: 5 } as const;
export const FAST_WAIT = { intervalMs: 1, maxIntervalMs: 5, timeoutMs: 5_000 } as const;

export function testClient(options: Partial<ZendeskClientOptions> = {}) {
  return createTicketsClient({
    subdomain: "acme",
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    ...options,
  });
}

/** Every test starts with no interceptors and no way out to the network. */
export function useNock() {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/**
 * The distinct values of a header as nock saw it. With nock's fetch interception
 * a value can show up repeated ("a, a"); one distinct value is what was sent.
 */
export function distinct(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(", ") : (value ?? "");
  return [...new Set(joined.split(/,\s*/).filter((part) => part !== ""))];
}

export type Kind = "create" | "update" | "destroy";

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface JobRecord {
  id: string;
  kind: Kind;
  /** The ticket ids the request named (updates, deletions), or undefined for creations. */
  ids: number[] | undefined;
  items: unknown[];
  polls: number;
  status: JobStatus["status"];
  results: JobStatus["results"];
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeOptions {
  /** Polls before a job ends (the first poll is 1). Default 1; per job through a function. */
  polls?: number | ((job: JobRecord, jobNumber: number) => number);
  /** Answers a `*_many` request instead of creating a job (a 429, a 422, a dropped connection); undefined lets it through. */
  intercept?: (request: Recorded, count: number) => Answer | "network-error" | undefined;
  /** How the job ends. Default "completed". */
  outcome?: (job: JobRecord, jobNumber: number) => "completed" | "failed" | "killed";
  /** Per-item results of a completed job. Default: `defaultResults`. */
  results?: (job: JobRecord, jobNumber: number) => JobStatus["results"];
  /** Per-item results of a failed or killed job (what it did before it stopped). Default: null. */
  failedResults?: (job: JobRecord, jobNumber: number) => JobStatus["results"];
}

let nextTicketId = 10_000;

/**
 * Zendesk's results: creations `{ index, id, action, success, status }` (a
 * subject "fail" gives `TicketCreateFailed`); updates and deletions name the
 * ticket by `id` (ticket 666 fails).
 */
export function defaultResults(job: JobRecord): JobStatusResult[] {
  if (job.kind === "create") {
    return job.items.map((item, index) =>
      (item as { subject?: string }).subject === "fail"
        ? {
            index,
            action: "create",
            success: false,
            status: "Failed",
            error: "TicketCreateFailed",
            details: "Subject: cannot be blank",
          }
        : { index, id: nextTicketId++, action: "create", success: true, status: "Created" },
    );
  }
  const action = job.kind === "update" ? "update" : "delete";
  return (job.ids ?? []).map((id, index) =>
    id === 666
      ? {
          index,
          id,
          action,
          success: false,
          status: "Failed",
          error: job.kind === "update" ? "TicketUpdateFailed" : "TicketDeleteFailed",
          details: "Ticket not found",
        }
      : { index, id, action, success: true, status: job.kind === "update" ? "Updated" : "Deleted" },
  );
}

const jobJson = (job: JobRecord) => ({
  id: job.id,
  url: `${BASE}/api/v2/job_statuses/${job.id}.json`,
  job_type: job.kind === "create" ? "Bulk Create" : job.kind === "update" ? "Bulk Update" : "Bulk Delete",
  status: job.status,
  total: job.items.length,
  progress: job.status === "completed" ? job.items.length : 0,
  message:
    job.status === "completed"
      ? "Completed at 2025-01-01 00:00:00 +0000"
      : job.status === "failed"
        ? "Failed: the job could not be processed"
        : job.status === "killed"
          ? "Killed: the job ran too long and was stopped"
          : null,
  results: job.status === "queued" || job.status === "working" ? null : job.results,
});

/** Serves the bulk endpoints and job statuses; records requests and how many jobs were running at once. */
export function fakeZendesk(options: FakeOptions = {}) {
  const requests: Recorded[] = [];
  const jobs = new Map<string, JobRecord>();
  const order: JobRecord[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let bulkCount = 0;

  const record = (method: string, uri: string, body: unknown, headers: Recorded["headers"]): Recorded => {
    const url = new URL(uri, BASE);
    const recorded = { method, path: uri, query: url.searchParams, body, headers };
    requests.push(recorded);
    return recorded;
  };

  const bulk = (kind: Kind, method: string, path: string) =>
    nock(BASE)
      .persist()
      .intercept((uri) => uri.split("?")[0] === path, method)
      .reply(function (uri, body, callback) {
        const request = record(method, uri, body, this.req.headers);
        bulkCount++;
        const answer = options.intercept?.(request, bulkCount);
        if (answer === "network-error")
          return callback(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), [0]);
        if (answer) return callback(null, [answer.status, answer.body ?? {}, answer.headers ?? {}]);
        const payload = (body ?? {}) as { tickets?: { id?: number }[]; ticket?: unknown };
        const idsParam = request.query.get("ids");
        const ids = idsParam ? idsParam.split(",").map(Number) : payload.tickets?.map((t) => t.id as number);
        const items = kind === "create" ? (payload.tickets ?? []) : (ids ?? []);
        const job: JobRecord = {
          id: `job${String(order.length + 1).padStart(4, "0")}`,
          kind,
          ids: kind === "create" ? undefined : ids,
          items,
          polls: 0,
          status: "queued",
          results: null,
        };
        jobs.set(job.id, job);
        order.push(job);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        callback(null, [200, { job_status: jobJson(job) }]);
      });

  bulk("create", "POST", "/api/v2/tickets/create_many");
  bulk("update", "PUT", "/api/v2/tickets/update_many");
  bulk("destroy", "DELETE", "/api/v2/tickets/destroy_many");
  bulk("update", "PUT", "/api/v2/tickets/mark_many_as_spam");
  bulk("create", "POST", "/api/v2/imports/tickets/create_many");

  nock(BASE)
    .persist()
    .get(/^\/api\/v2\/job_statuses\/[^/?]+$/)
    .reply(function (uri) {
      record("GET", uri, undefined, this.req.headers);
      const id =
        uri
          .split("/")
          .pop()
          ?.replace(/\.json$/, "") ?? "";
      const job = jobs.get(id);
      if (!job) return [404, { error: "RecordNotFound", description: "Not found" }];
      const number = order.indexOf(job) + 1;
      if (job.status === "queued" || job.status === "working") {
        job.polls++;
        const needed = typeof options.polls === "function" ? options.polls(job, number) : (options.polls ?? 1);
        if (job.polls >= needed) {
          const outcome = options.outcome?.(job, number) ?? "completed";
          job.status = outcome;
          job.results =
            outcome === "completed"
              ? (options.results ?? defaultResults)(job, number)
              : (options.failedResults?.(job, number) ?? null);
          inFlight--;
        } else {
          job.status = "working";
        }
      }
      return [200, { job_status: jobJson(job) }];
    });

  return {
    requests,
    jobs: order,
    /** The `*_many` requests, in the order they arrived. */
    bulkRequests: () => requests.filter((r) => r.method !== "GET"),
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

export const tickets = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ subject: `Ticket ${from + i}`, comment: { body: `Body ${from + i}` } }));

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
