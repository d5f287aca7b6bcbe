import {
  isJobFailedError,
  isResponseParseError,
  isZendeskError,
  type JobStatus,
  type JobStatusResult,
  unwrap,
  ZendeskError,
} from "@zenfetch/core";
import type { BaseClient } from "./client.js";
import { BulkJobError } from "./errors.js";
import type { BulkAction, BulkOptions, BulkPending, BulkResult } from "./types.js";

/** Zendesk takes at most this many items in one custom object record job (the spec's `maxItems`). */
export const BULK_BATCH_LIMIT = 100;

const ACTIONS: readonly BulkAction[] = [
  "create",
  "update",
  "create_or_update_by_external_id",
  "create_or_update_by_name",
  "delete",
  "delete_by_external_id",
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

/** What an item must carry for its action; the message for one that does not. */
function checkItem(action: BulkAction, item: unknown): string | undefined {
  switch (action) {
    case "delete":
      return nonEmpty(item) ? undefined : "must be a record id (a non-empty string)";
    case "delete_by_external_id":
      return nonEmpty(item) ? undefined : "must be an external id (a non-empty string)";
    default:
      if (!isRecord(item)) return "must be a record object";
      if (action === "update" && !nonEmpty(item.id)) return "has no `id`; update items need the record id";
      if (action === "create_or_update_by_external_id" && !nonEmpty(item.external_id)) {
        return "has no `external_id`; it is what the upsert matches on";
      }
      if (action === "create_or_update_by_name" && !nonEmpty(item.name)) {
        return "has no `name`; it is what the upsert matches on";
      }
      return undefined;
  }
}

/** The key an item is matched on in the job's results, and where a result carries it. */
function identity(action: BulkAction): { item: (item: unknown) => unknown; result: (r: JobStatusResult) => unknown } {
  switch (action) {
    case "delete":
      return { item: (item) => item, result: (r) => r.id };
    case "delete_by_external_id":
      return { item: (item) => item, result: (r) => r.external_id };
    case "update":
      return { item: (item) => (item as { id?: unknown }).id, result: (r) => r.id };
    case "create_or_update_by_external_id":
      return { item: (item) => (item as { external_id?: unknown }).external_id, result: (r) => r.external_id };
    case "create_or_update_by_name":
      return { item: (item) => (item as { name?: unknown }).name, result: (r) => r.name };
    default:
      // A new record has no key before it exists; names and external ids may repeat or be missing.
      return { item: () => undefined, result: () => undefined };
  }
}

/**
 * Pairs each item of a batch with what the job reported for it: by `index`
 * where the results carry one, else by the action's key (id, external id,
 * name), else — only when no result has an index and there is one result per
 * item — by position.
 */
export function matchResults(action: BulkAction, items: readonly unknown[], reported: readonly unknown[]) {
  const matched: (JobStatusResult | undefined)[] = new Array(items.length).fill(undefined);
  const results = reported.filter(isRecord) as JobStatusResult[];
  const leftovers: JobStatusResult[] = [];
  let anyIndex = false;
  for (const result of results) {
    const index = result.index;
    if (typeof index === "number") anyIndex = true;
    if (typeof index === "number" && Number.isInteger(index) && index >= 0 && index < items.length && !matched[index]) {
      matched[index] = result;
    } else {
      leftovers.push(result);
    }
  }
  const key = identity(action);
  const waiting = new Map<string, number[]>();
  items.forEach((item, index) => {
    const k = key.item(item);
    if (matched[index] || !nonEmpty(k)) return;
    waiting.set(k, [...(waiting.get(k) ?? []), index]);
  });
  const unkeyed: JobStatusResult[] = [];
  for (const result of leftovers) {
    const k = key.result(result);
    const index = typeof k === "string" || typeof k === "number" ? waiting.get(String(k))?.shift() : undefined;
    if (index === undefined) unkeyed.push(result);
    else matched[index] = result;
  }
  if (!anyIndex && results.length === items.length) {
    const open = matched.flatMap((result, index) => (result ? [] : [index]));
    open.forEach((index, n) => {
      matched[index] = unkeyed[n];
    });
  }
  return matched;
}

const failed = (result: JobStatusResult) =>
  result.success === false || (result.success !== true && (result.error !== undefined || result.errors !== undefined));

/** One result per item of a finished job, in the batch's order. */
function outcomes(
  action: BulkAction,
  items: readonly unknown[],
  offset: number,
  job: JobStatus,
): BulkResult<unknown>[] {
  const finished = job.status === "completed";
  const summary = isRecord(job.results) && !Array.isArray(job.results) ? job.results : undefined;
  const matched = matchResults(action, items, Array.isArray(job.results) ? job.results : []);
  return items.map((item, n): BulkResult<unknown> => {
    const index = offset + n;
    const result = matched[n];
    if (result) {
      if (failed(result)) {
        return {
          success: false,
          index,
          item,
          jobId: job.id,
          error: result.error ?? "ItemFailed",
          details: result.details ?? result.errors ?? result.status,
          result,
        };
      }
      const id = result.id !== undefined ? String(result.id) : action === "delete" ? (item as string) : undefined;
      return { success: true, index, item, jobId: job.id, id, result };
    }
    if (summary && typeof summary.success === "boolean" && finished) {
      // The `{ success }` form some jobs report instead of a list: it speaks for every item.
      return summary.success
        ? {
            success: true,
            index,
            item,
            jobId: job.id,
            id: action === "delete" ? (item as string) : undefined,
            result: undefined,
          }
        : {
            success: false,
            index,
            item,
            jobId: job.id,
            error: "ItemFailed",
            details: job.message ?? undefined,
            result: undefined,
          };
    }
    return finished
      ? {
          success: false,
          index,
          item,
          jobId: job.id,
          error: "NoResult",
          details: `job ${job.id} completed without reporting this item`,
          result: undefined,
        }
      : {
          success: false,
          index,
          item,
          jobId: job.id,
          error: "JobFailed",
          details: `job ${job.id} ${job.status}${job.message ? `: ${job.message}` : ""}; it did not report this item`,
          result: undefined,
        };
  });
}

/** A job request that came back 4xx or 503 was not acted on; anything else (no answer, 500, 502, 504) may have been. */
const refused = (error: unknown) =>
  isZendeskError(error) &&
  !isResponseParseError(error) &&
  error.status !== undefined &&
  ((error.status >= 400 && error.status < 500) || error.status === 503);

function positiveInt(label: string, name: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= max) return value;
  throw new TypeError(`${label}: \`${name}\` must be a whole number from 1 to ${max}; got ${String(value)}`);
}

/**
 * Sends `items` in jobs of at most `batchSize`, waits for each, and returns one
 * result per item in input order. Throws `BulkJobError` (with every known
 * result and every item still open) when it cannot know how a job went.
 */
export async function runBulk(
  client: BaseClient,
  key: string,
  action: BulkAction,
  items: readonly unknown[],
  options: BulkOptions = {},
): Promise<BulkResult<unknown>[]> {
  const label = `records(${JSON.stringify(key)}).bulk(${JSON.stringify(action)})`;
  if (!ACTIONS.includes(action)) {
    throw new TypeError(`${label}: unknown action; use one of ${ACTIONS.join(", ")}`);
  }
  if (!Array.isArray(items)) throw new TypeError(`${label}: \`items\` must be an array`);
  const { batchSize: size, concurrency: parallel, ...wait } = options;
  const batchSize = positiveInt(label, "batchSize", size, BULK_BATCH_LIMIT) ?? BULK_BATCH_LIMIT;
  const concurrency = positiveInt(label, "concurrency", parallel, Number.MAX_SAFE_INTEGER) ?? 1;
  items.forEach((item, index) => {
    const problem = checkItem(action, item);
    if (problem) throw new TypeError(`${label}: item ${index} ${problem}`);
  });
  if (items.length === 0) return [];

  const batches: { offset: number; items: unknown[] }[] = [];
  for (let offset = 0; offset < items.length; offset += batchSize) {
    batches.push({ offset, items: items.slice(offset, offset + batchSize) });
  }
  const results: BulkResult<unknown>[] = [];
  const pending: BulkPending<unknown>[] = [];
  const open = (batch: (typeof batches)[number], state: BulkPending["state"], jobId?: string) =>
    batch.items.map((item, n): BulkPending<unknown> => ({ index: batch.offset + n, item, state, jobId }));
  let failure: { error: unknown } | undefined;
  let next = 0;

  async function worker(): Promise<void> {
    while (!failure && next < batches.length) {
      if (wait.signal?.aborted) {
        // Aborted between jobs: what is left was not sent.
        failure = { error: wait.signal.reason };
        return;
      }
      const batch = batches[next++] as (typeof batches)[number];
      let job: JobStatus;
      try {
        const body = { job: { action, items: batch.items } } as never;
        const result = await client.POST("/api/v2/custom_objects/{custom_object_key}/jobs", {
          params: { path: { custom_object_key: key } },
          body,
          ...(wait.signal ? { signal: wait.signal } : {}),
        });
        job = unwrap(result).job_status;
        if (!isRecord(job) || !nonEmpty(job.id)) {
          // Queued, most likely, but there is no id to follow it by.
          throw new ZendeskError(`${label}: the job response has no job_status id`, {
            status: result.response.status,
            method: "POST",
          });
        }
      } catch (error) {
        failure ??= { error };
        pending.push(...open(batch, refused(error) ? "not-sent" : "maybe-sent"));
        return;
      }
      let final: JobStatus;
      try {
        final = await client.waitForJob(job, wait);
      } catch (error) {
        if (!isJobFailedError(error)) {
          failure ??= { error };
          pending.push(...open(batch, "in-job", job.id));
          return;
        }
        final = error.job;
      }
      results.push(...outcomes(action, batch.items, batch.offset, final));
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  results.sort((a, b) => a.index - b.index);
  if (!failure) return results;

  for (const batch of batches.slice(next)) pending.push(...open(batch, "not-sent"));
  pending.sort((a, b) => a.index - b.index);
  const count = (state: BulkPending["state"]) => pending.filter((p) => p.state === state);
  const inJobs = count("in-job");
  const maybe = count("maybe-sent");
  const notSent = count("not-sent");
  const cause = failure.error;
  const parts = [`${label} stopped: ${results.length} of ${items.length} items have a known outcome`];
  if (inJobs.length > 0) {
    const ids = [...new Set(inJobs.map((p) => p.jobId))].join(", ");
    parts.push(`${inJobs.length} are in job ${ids}, which may still run (wait for it before sending them again)`);
  }
  if (maybe.length > 0) parts.push(`${maybe.length} may have been queued (check before sending them again)`);
  if (notSent.length > 0) parts.push(`${notSent.length} were not sent`);
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  throw new BulkJobError(`${parts.join("; ")}. Cause: ${reason}`, { cause, results, pending });
}
