// The bulk helpers' work: batches, jobs, waiting, and one result per item in input order. Loaded by the
// client on the first `createMany`, `updateMany` or `destroyMany` (see bulk.ts).
import {
  type FetchResultLike,
  isJobFailedError,
  isRateLimitError,
  isZendeskError,
  unwrap,
  ZendeskError,
} from "@zenfetch/core";
import {
  type BulkOptions,
  DEFAULT_CONCURRENCY,
  MAX_BATCH_SIZE,
  type TicketsBaseClient,
  type TicketsBulk,
  ZENDESK_JOB_LIMIT,
} from "./bulk.js";
import { BulkErrorCode, BulkIncompleteError, BulkJobFailedError, type BulkResult } from "./bulk-errors.js";
import type {
  JobStatus,
  JobStatusResult,
  TicketCreateInput,
  TicketUpdateManyChanges,
  TicketUpdateManyItem,
} from "./types.js";

const DEFAULT_SUBMIT_TIMEOUT_MS = 5 * 60_000;

type Send = (signal: AbortSignal | undefined) => Promise<FetchResultLike>;

interface Batch {
  start: number;
  size: number;
  /** Ticket ids the batch names, by position (updates and deletions). */
  ids: number[] | undefined;
  send: Send;
  state: "pending" | "refused" | "unknown" | "running" | "completed" | "failed";
  job?: JobStatus;
  /** Why the batch has no job or no final status. */
  problem?: string;
  results?: (BulkResult | undefined)[];
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function settings(name: string, options: BulkOptions) {
  const check = (key: string, value: number, min: number, max: number) => {
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new TypeError(`${name}: \`${key}\` must be a whole number from ${min} to ${max}; got ${String(value)}`);
    }
  };
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
  const submitTimeoutMs = options.submitTimeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS;
  check("concurrency", concurrency, 1, ZENDESK_JOB_LIMIT);
  check("batchSize", batchSize, 1, MAX_BATCH_SIZE);
  if (!(typeof submitTimeoutMs === "number" && submitTimeoutMs >= 0)) {
    throw new TypeError(`${name}: \`submitTimeoutMs\` must be a number ≥ 0; got ${String(submitTimeoutMs)}`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new TypeError(`${name}: \`onProgress\` must be a function`);
  }
  return { concurrency, batchSize, submitTimeoutMs };
}

function ticketIds(name: string, ids: readonly unknown[]): number[] {
  ids.forEach((id, i) => {
    if (!(typeof id === "number" && Number.isSafeInteger(id) && id > 0)) {
      throw new TypeError(
        `${name}: ids[${i}] must be a ticket id (a positive whole number); got ${JSON.stringify(id)}`,
      );
    }
  });
  return ids as number[];
}

const asNumber = (value: unknown): number | undefined =>
  typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;

/** Zendesk's result for one item, with `index` made the input position and `success` always set. */
function normalize(raw: JobStatusResult, index: number, expectedId: number | undefined, jobId: string): BulkResult {
  const { id, index: _index, success, ...rest } = raw;
  const ok =
    typeof success === "boolean" ? success : raw.error == null && raw.errors == null && !/fail/i.test(raw.status ?? "");
  const ticketId = asNumber(id) ?? expectedId;
  return { ...rest, index, success: ok, ...(ticketId === undefined ? {} : { id: ticketId }), jobId };
}

function madeUp(batch: Batch, slot: number, error: BulkErrorCode, details: string): BulkResult {
  const id = batch.ids?.[slot];
  return {
    index: batch.start + slot,
    success: false,
    error,
    details,
    ...(id === undefined ? {} : { id }),
    ...(batch.job ? { jobId: batch.job.id } : {}),
  };
}

/**
 * Places each of the job's results on its item: by `index` (the position in the
 * request), else by ticket id (updates, deletions), else in order into the
 * places still empty. Items left without a result stay undefined.
 */
function place(batch: Batch, job: JobStatus): (BulkResult | undefined)[] {
  const out: (BulkResult | undefined)[] = new Array(batch.size).fill(undefined);
  const raw = job.results;
  if (raw && !Array.isArray(raw)) {
    // One `{ success }` for the whole job.
    for (let slot = 0; slot < batch.size; slot++) {
      const id = batch.ids?.[slot];
      out[slot] = {
        index: batch.start + slot,
        success: raw.success === true,
        ...(raw.success === true ? {} : { details: `Job ${job.id} reported success: false for its whole batch` }),
        ...(id === undefined ? {} : { id }),
        jobId: job.id,
      };
    }
    return out;
  }
  const free = (slot: number | undefined): slot is number =>
    slot !== undefined && Number.isInteger(slot) && slot >= 0 && slot < batch.size && out[slot] === undefined;
  const byId = new Map<number, number[]>();
  batch.ids?.forEach((id, slot) => {
    byId.set(id, [...(byId.get(id) ?? []), slot]);
  });
  const takeById = (id: number | undefined) => {
    if (id === undefined) return undefined;
    const slots = byId.get(id);
    const slot = slots?.find((s) => out[s] === undefined);
    return slot;
  };
  const unplaced: JobStatusResult[] = [];
  for (const result of raw ?? []) {
    if (result === null || typeof result !== "object") continue;
    const id = asNumber(result.id);
    let slot: number | undefined = result.index;
    // An index that points at another ticket than the one reported is not trusted.
    if (free(slot) && batch.ids && id !== undefined && batch.ids[slot] !== id) slot = undefined;
    if (!free(slot)) slot = batch.ids ? takeById(id) : undefined;
    if (slot === undefined) {
      if (!(batch.ids && id !== undefined)) unplaced.push(result);
      continue;
    }
    out[slot] = normalize(result, batch.start + slot, batch.ids?.[slot], job.id);
  }
  for (const result of unplaced) {
    const slot = out.indexOf(undefined);
    if (slot < 0) break;
    out[slot] = normalize(result, batch.start + slot, batch.ids?.[slot], job.id);
  }
  return out;
}

/** The error's status says Zendesk did not act on the request (4xx, 503). */
const refused = (error: unknown) =>
  isZendeskError(error) &&
  error.status !== undefined &&
  ((error.status >= 400 && error.status < 500) || error.status === 503) &&
  error.name !== "ResponseParseError";

interface Run {
  name: string;
  total: number;
  batches: Batch[];
  client: TicketsBaseClient;
  options: BulkOptions;
}

/** Sends the batches a few at a time, waits for each job, and gathers one result per item. */
async function run({ name, total, batches, client, options }: Run): Promise<BulkResult[]> {
  const { concurrency, submitTimeoutMs } = settings(name, options);
  const { signal, onProgress, wait } = options;
  signal?.throwIfAborted();
  if (batches.length === 0) return [];

  let next = 0;
  let stopped: { error: unknown } | undefined;
  let done = 0;
  let jobsDone = 0;

  /**
   * Sends one batch, waiting out 429s (not processed by Zendesk) for up to `submitTimeoutMs`. Undefined when the
   * call stopped meanwhile: the batch is then left unsent.
   */
  async function submit(batch: Batch): Promise<JobStatus | undefined> {
    const deadline = Date.now() + submitTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const result = await batch.send(signal);
      try {
        const job = (unwrap(result) as { job_status?: JobStatus }).job_status;
        if (typeof job?.id !== "string" || job.id === "") {
          throw new ZendeskError(`${name}: Zendesk's answer (status ${result.response.status}) has no job_status`, {
            status: result.response.status,
          });
        }
        return job;
      } catch (error) {
        if (!isRateLimitError(error)) throw error;
        const delay = error.retryAfterMs ?? Math.min(1_000 * 2 ** attempt, 30_000);
        if (Date.now() + delay > deadline) throw error;
        await sleep(delay, signal);
        if (stopped) return undefined;
      }
    }
  }

  function stop(error: unknown) {
    stopped ??= { error };
  }

  async function worker() {
    while (!stopped && next < batches.length && !signal?.aborted) {
      const batch = batches[next++] as Batch;
      let job: JobStatus | undefined;
      try {
        job = await submit(batch);
        if (!job) return;
      } catch (error) {
        batch.state = refused(error) ? "refused" : "unknown";
        batch.problem = error instanceof Error ? error.message : String(error);
        stop(error);
        return;
      }
      batch.job = job;
      batch.state = "running";
      try {
        batch.job = (await client.waitForJob(job, { ...wait, signal })) as JobStatus;
      } catch (error) {
        if (isJobFailedError(error) && !signal?.aborted) {
          batch.job = error.job as JobStatus;
          batch.state = "failed";
          batch.results = place(batch, batch.job);
        } else {
          batch.state = "unknown";
          batch.problem = error instanceof Error ? error.message : String(error);
        }
        stop(error);
        return;
      }
      batch.state = "completed";
      batch.results = place(batch, batch.job);
      done += batch.size;
      jobsDone++;
      if (onProgress) {
        try {
          onProgress({
            done,
            total,
            jobsDone,
            jobsTotal: batches.length,
            job: batch.job,
            results: complete(batch),
          });
        } catch (error) {
          stop(error);
          return;
        }
      }
    }
  }

  /** A batch's results with every gap filled by a made-up error result. */
  function complete(batch: Batch): BulkResult[] {
    const out: BulkResult[] = [];
    for (let slot = 0; slot < batch.size; slot++) {
      const result = batch.results?.[slot];
      if (result) {
        out.push(result);
        continue;
      }
      const job = batch.job;
      switch (batch.state) {
        case "completed":
          out.push(
            madeUp(batch, slot, BulkErrorCode.NoResult, `Job ${job?.id} completed without a result for this item`),
          );
          break;
        case "failed":
          out.push(
            madeUp(
              batch,
              slot,
              BulkErrorCode.JobFailed,
              `Job ${job?.id} ${job?.status}${job?.message ? `: ${job.message}` : ""}; the item may or may not have been processed`,
            ),
          );
          break;
        case "refused":
          out.push(madeUp(batch, slot, BulkErrorCode.NotProcessed, `Zendesk refused the batch: ${batch.problem}`));
          break;
        case "pending":
          out.push(madeUp(batch, slot, BulkErrorCode.NotProcessed, "Not sent: the call stopped before this batch"));
          break;
        default:
          out.push(
            madeUp(
              batch,
              slot,
              BulkErrorCode.OutcomeUnknown,
              job
                ? `Job ${job.id} was created but could not be followed to its end (${batch.problem}); check it with waitForJob("${job.id}")`
                : `The batch was sent but no job came back (${batch.problem})`,
            ),
          );
      }
    }
    return out;
  }

  const guarded = () => worker().catch(stop);
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, guarded));

  if (signal?.aborted) throw signal.reason;
  const results = batches.flatMap(complete);
  if (!stopped) return results;

  const jobs = batches.flatMap((batch) => (batch.job ? [batch.job] : []));
  const failed = batches.find((batch) => batch.state === "failed");
  if (failed?.job) throw new BulkJobFailedError(failed.job, jobs, results, name);
  // Nothing was done (no job created, every failed batch refused outright): the error as it is.
  if (jobs.length === 0 && !batches.some((batch) => batch.state === "unknown")) throw stopped.error;
  throw new BulkIncompleteError(stopped.error, jobs, results, name);
}

function slices<T>(items: readonly T[], size: number): { start: number; items: T[] }[] {
  const out: { start: number; items: T[] }[] = [];
  for (let start = 0; start < items.length; start += size) out.push({ start, items: items.slice(start, start + size) });
  return out;
}

const batch = (start: number, size: number, ids: number[] | undefined, send: Send): Batch => ({
  start,
  size,
  ids,
  send,
  state: "pending",
});

/** The three helpers, bound to a client. */
export function createBulk(client: TicketsBaseClient): TicketsBulk {
  const allReserved = { allowReserved: true } as const;

  async function createMany(tickets: readonly TicketCreateInput[], options: BulkOptions = {}): Promise<BulkResult[]> {
    const name = "createMany";
    if (!Array.isArray(tickets)) throw new TypeError(`${name}: pass an array of tickets`);
    tickets.forEach((ticket, i) => {
      if (ticket === null || typeof ticket !== "object" || Array.isArray(ticket)) {
        throw new TypeError(`${name}: tickets[${i}] must be a ticket object`);
      }
    });
    const { batchSize } = settings(name, options);
    const batches = slices(tickets, batchSize).map(({ start, items }) =>
      batch(start, items.length, undefined, (signal) =>
        client.POST("/api/v2/tickets/create_many", { body: { tickets: items }, signal }),
      ),
    );
    return run({ name, total: tickets.length, batches, client, options });
  }

  function updateMany(tickets: readonly TicketUpdateManyItem[], options?: BulkOptions): Promise<BulkResult[]>;
  function updateMany(
    ids: readonly number[],
    changes: TicketUpdateManyChanges,
    options?: BulkOptions,
  ): Promise<BulkResult[]>;
  async function updateMany(
    items: readonly TicketUpdateManyItem[] | readonly number[],
    second?: TicketUpdateManyChanges | BulkOptions,
    third?: BulkOptions,
  ): Promise<BulkResult[]> {
    const name = "updateMany";
    if (!Array.isArray(items)) throw new TypeError(`${name}: pass an array of tickets (or of ids, then the changes)`);
    const sameChanges = items.length > 0 ? typeof items[0] === "number" : third !== undefined;
    if (sameChanges) {
      const ids = ticketIds(name, items);
      const changes = second as TicketUpdateManyChanges;
      if (changes === null || typeof changes !== "object" || Array.isArray(changes)) {
        throw new TypeError(`${name}(ids, changes): \`changes\` must be an object of ticket properties`);
      }
      const options = third ?? {};
      const { batchSize } = settings(name, options);
      const batches = slices(ids, batchSize).map(({ start, items: slice }) =>
        batch(start, slice.length, slice, (signal) =>
          client.PUT("/api/v2/tickets/update_many", {
            params: { query: { ids: slice.join(",") } },
            querySerializer: allReserved,
            body: { ticket: changes },
            signal,
          }),
        ),
      );
      return run({ name, total: ids.length, batches, client, options });
    }
    const tickets = items as readonly TicketUpdateManyItem[];
    tickets.forEach((ticket, i) => {
      if (ticket === null || typeof ticket !== "object" || Array.isArray(ticket)) {
        throw new TypeError(`${name}: tickets[${i}] must be an object with the ticket's \`id\` and its changes`);
      }
      const id = (ticket as { id?: unknown }).id;
      if (!(typeof id === "number" && Number.isSafeInteger(id) && id > 0)) {
        throw new TypeError(`${name}: tickets[${i}].id must be a ticket id; got ${JSON.stringify(id)}`);
      }
    });
    const options = (second as BulkOptions | undefined) ?? {};
    const { batchSize } = settings(name, options);
    const batches = slices(tickets, batchSize).map(({ start, items: slice }) =>
      batch(
        start,
        slice.length,
        slice.map((ticket) => ticket.id),
        (signal) => client.PUT("/api/v2/tickets/update_many", { body: { tickets: slice }, signal }),
      ),
    );
    return run({ name, total: tickets.length, batches, client, options });
  }

  async function destroyMany(ids: readonly number[], options: BulkOptions = {}): Promise<BulkResult[]> {
    const name = "destroyMany";
    if (!Array.isArray(ids)) throw new TypeError(`${name}: pass an array of ticket ids`);
    ticketIds(name, ids);
    const { batchSize } = settings(name, options);
    const batches = slices(ids, batchSize).map(({ start, items: slice }) =>
      batch(start, slice.length, slice, (signal) =>
        client.DELETE("/api/v2/tickets/destroy_many", {
          params: { query: { ids: slice.join(",") } },
          querySerializer: allReserved,
          signal,
        }),
      ),
    );
    return run({ name, total: ids.length, batches, client, options });
  }

  return { createMany, updateMany, destroyMany };
}
