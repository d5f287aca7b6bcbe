/**
 * `createMany`, `updateMany` and `destroyMany`: any number of items, sent to
 * Zendesk's `*_many` endpoints in batches of at most 100, a few jobs at a time,
 * each job waited for, and one result per item handed back in input order.
 */
import type { WaitForJobOptions, ZendeskClient } from "@zenfetch/core";
import type { BulkResult } from "./bulk-errors.js";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { JobStatus, TicketCreateInput, TicketUpdateManyChanges, TicketUpdateManyItem } from "./types.js";

/** Zendesk takes at most this many items per `*_many` request. */
export const MAX_BATCH_SIZE = 100;
/** Jobs one bulk call keeps queued or running at once, unless told otherwise. */
export const DEFAULT_CONCURRENCY = 3;
/** Zendesk's limit of queued-or-running jobs per account; beyond it job creation answers 429 `TooManyJobs`. */
export const ZENDESK_JOB_LIMIT = 30;

/** Passed to `onProgress` after each job finishes. */
export interface BulkProgress {
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
  results: BulkResult[];
}

export interface BulkOptions {
  /** Stops the call: no new batch is sent and waiting ends; rejects with the signal's reason. Jobs already created keep running at Zendesk. */
  signal?: AbortSignal;
  /**
   * How many of this call's jobs may be queued or running at once. Default 3, at most 30. Zendesk allows 30
   * queued-or-running jobs per account, shared by every client and integration; keep this low.
   */
  concurrency?: number;
  /** Items per job, 1 to 100. Default 100 (Zendesk's maximum). */
  batchSize?: number;
  /**
   * How long one batch may keep being refused with 429 (`TooManyJobs`, or the rate limit) before the call stops,
   * in ms. Each refusal is waited out (its `Retry-After`, else a backoff) and the same batch sent again.
   * Default 300 000 (5 minutes).
   */
  submitTimeoutMs?: number;
  /** Called after each job completes (in completion order), with counts and that job's results. */
  onProgress?: (progress: BulkProgress) => void;
  /** Passed to `waitForJob` for each job: `intervalMs`, `maxIntervalMs`, `timeoutMs`, `notFoundGraceMs`, `onProgress` (each poll). */
  wait?: Omit<WaitForJobOptions, "signal">;
}

/** The core client typed with the tickets paths: what the bulk helpers call. */
export type TicketsBaseClient = ZendeskClient<paths, typeof operations>;

/**
 * The bulk helpers of a tickets client. Each takes any number of items, sends
 * them in batches of at most 100 (one job per batch, `concurrency` jobs at a
 * time), waits for every job, and resolves to one `BulkResult` per item in
 * input order: a per-item failure is a result with `success: false` and
 * Zendesk's `error`/`details`; an item the job says nothing about gets
 * `error: "NoResult"`. A job that fails rejects with `BulkJobFailedError`, any
 * other failure after a job was created with `BulkIncompleteError`; both carry
 * `results` for every item.
 */
export interface TicketsBulk {
  /** Creates tickets through `POST /api/v2/tickets/create_many`; each result's `id` is the new ticket's. */
  createMany(tickets: readonly TicketCreateInput[], options?: BulkOptions): Promise<BulkResult[]>;
  /** Updates tickets, each with its own changes (`{ tickets: [{ id, ... }] }`), through `PUT /api/v2/tickets/update_many`. */
  updateMany(tickets: readonly TicketUpdateManyItem[], options?: BulkOptions): Promise<BulkResult[]>;
  /** Applies one set of changes to many tickets (`?ids=1,2,3` with `{ ticket: changes }`). */
  updateMany(ids: readonly number[], changes: TicketUpdateManyChanges, options?: BulkOptions): Promise<BulkResult[]>;
  /** Deletes tickets through `DELETE /api/v2/tickets/destroy_many?ids=…` (restorable for a while from deleted tickets). */
  destroyMany(ids: readonly number[], options?: BulkOptions): Promise<BulkResult[]>;
}

/**
 * The three helpers, bound to a client. Their work (bulk-jobs.ts) is loaded on the first call, so a bundle
 * that never makes one does not carry it.
 */
export function createBulk(client: TicketsBaseClient): TicketsBulk {
  let loaded: Promise<TicketsBulk> | undefined;
  const bulk = () => {
    // A chunk that failed to load (a network blip in a browser) is tried again on the next call.
    loaded ??= import("./bulk-jobs.js").then(
      (m) => m.createBulk(client),
      (error: unknown) => {
        loaded = undefined;
        throw error;
      },
    );
    return loaded;
  };
  return {
    createMany: async (tickets, options) => (await bulk()).createMany(tickets, options),
    // The overloads forward as they came: (items, options) or (ids, changes, options).
    updateMany: (async (...args: unknown[]) =>
      ((await bulk()).updateMany as (...a: unknown[]) => Promise<BulkResult[]>)(...args)) as TicketsBulk["updateMany"],
    destroyMany: async (ids, options) => (await bulk()).destroyMany(ids, options),
  };
}
