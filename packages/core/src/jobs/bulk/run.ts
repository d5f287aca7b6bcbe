// The bulk engine: batches, jobs, waiting, and one result per item in input order. Loaded by `bulkHelpers` on
// a helper's first call (see helpers.ts), so a bundle that never makes one does not carry it.
import { BULK_DEFAULTS, ZENDESK_JOB_LIMIT } from "../../config/defaults.js";
import { BulkIncompleteError, BulkJobFailedError } from "../../errors/bulk-errors.js";
import { isRateLimitError, isResponseParseError, isZendeskError } from "../../errors/guards.js";
import { isJobFailedError } from "../../errors/job-errors.js";
import { unwrap } from "../../errors/unwrap.js";
import { ZendeskError } from "../../errors/zendesk-error.js";
import { sleep } from "../../http/abort.js";
import { querySerializer } from "../../http/query.js";
import { MAX_TIMER_MS, retryFloorMs } from "../../limits/wait-bounds.js";
import type { BulkMatch, BulkMeta } from "../../meta/operation-meta.js";
import type { JobStatus, JobStatusResult } from "../types.js";
import { BulkErrorCode } from "./codes.js";
import type { BulkClient, BulkId, BulkOptions, BulkResult } from "./types.js";

/** One form of a helper: the operation and what the spec says of it. */
export interface BulkPlan {
  method: string;
  /** The spec path, `{name}` parameters and all. */
  path: string;
  meta: BulkMeta;
}

type Send = (signal: AbortSignal | undefined) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

interface Batch {
  start: number;
  size: number;
  /** What each item is matched on (its id, external id or name, as a string); undefined when matched by index. */
  keys: (string | undefined)[] | undefined;
  /** The id each item names, when it names one (updates, deletions): the result's `id` when Zendesk gives none. */
  ids: (BulkId | undefined)[] | undefined;
  send: Send;
  state: "pending" | "refused" | "unknown" | "running" | "completed" | "failed";
  job?: JobStatus;
  /** Why the batch has no job or no final status. */
  problem?: string;
  results?: (BulkResult | undefined)[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

// --- arguments ----------------------------------------------------------------------------------

interface Settings {
  concurrency: number;
  batchSize: number;
  submitTimeoutMs: number;
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
}

function settings(label: string, options: BulkOptions, limit: number): Settings {
  const whole = (key: string, value: unknown, min: number, max: number) => {
    if (!(typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)) {
      throw new TypeError(`${label}: \`${key}\` must be a whole number from ${min} to ${max}; got ${String(value)}`);
    }
    return value;
  };
  const ms = (key: string, value: unknown, min: number) => {
    // A timer cannot hold more than 2^31−1 ms (about 24.8 days): a longer wait would fire at once.
    if (!(typeof value === "number" && value >= min && value <= MAX_TIMER_MS)) {
      throw new TypeError(
        `${label}: \`${key}\` must be a number of ms ${min > 0 ? "above 0" : "≥ 0"} and at most ${MAX_TIMER_MS}; got ${String(value)}`,
      );
    }
    return value;
  };
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${label}: \`options\` must be an object; got ${String(options)}`);
  }
  const concurrency = options.concurrency ?? BULK_DEFAULTS.concurrency;
  if (!(typeof concurrency === "number" && Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new TypeError(`${label}: \`concurrency\` must be a whole number of at least 1; got ${String(concurrency)}`);
  }
  const minRetryDelayMs = ms("minRetryDelayMs", options.minRetryDelayMs ?? BULK_DEFAULTS.minRetryDelayMs, 1);
  const maxRetryDelayMs = ms("maxRetryDelayMs", options.maxRetryDelayMs ?? BULK_DEFAULTS.maxRetryDelayMs, 0);
  if (maxRetryDelayMs < minRetryDelayMs) {
    throw new TypeError(
      `${label}: \`maxRetryDelayMs\` (${maxRetryDelayMs}) must not be below \`minRetryDelayMs\` (${minRetryDelayMs})`,
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new TypeError(`${label}: \`onProgress\` must be a function`);
  }
  return {
    // Zendesk refuses a 31st queued-or-running job of the account: asking for more than 30 cannot get more.
    concurrency: Math.min(concurrency, ZENDESK_JOB_LIMIT),
    batchSize: whole("batchSize", options.batchSize ?? limit, 1, limit),
    submitTimeoutMs: ms("submitTimeoutMs", options.submitTimeoutMs ?? BULK_DEFAULTS.submitTimeoutMs, 0),
    minRetryDelayMs,
    maxRetryDelayMs,
  };
}

const describeValue = (value: unknown) =>
  value === undefined ? "undefined" : typeof value === "function" ? "a function" : JSON.stringify(value);

const isId = (idType: BulkMeta["idType"], value: unknown): value is BulkId =>
  idType === "integer"
    ? typeof value === "number" && Number.isSafeInteger(value) && value > 0
    : typeof value === "string" && value !== "";

const idWords = (idType: BulkMeta["idType"]) =>
  idType === "integer" ? "a positive whole number" : "a non-empty string";

/** What an item is matched on, checked: its own value (an id sent as is) or its property `match`. */
function keyOf(
  label: string,
  list: string,
  index: number,
  item: unknown,
  match: BulkMatch,
  idType: BulkMeta["idType"],
) {
  if (match === "index") {
    if (!isRecord(item))
      throw new TypeError(`${label}: ${list}[${index}] must be an object; got ${describeValue(item)}`);
    return undefined;
  }
  if (isRecord(item)) {
    const value = item[match];
    const ok = match === "id" ? isId(idType, value) : typeof value === "string" && value !== "";
    if (!ok) {
      throw new TypeError(
        `${label}: ${list}[${index}].${match} must be ${match === "id" ? idWords(idType) : "a non-empty string"} (results are matched on it); got ${describeValue(value)}`,
      );
    }
    return value as BulkId;
  }
  const ok = match === "id" ? isId(idType, item) : typeof item === "string" && item !== "";
  if (!ok) {
    const what = match === "id" ? `an id (${idWords(idType)})` : `a non-empty string (its ${match})`;
    throw new TypeError(`${label}: ${list}[${index}] must be ${what}; got ${describeValue(item)}`);
  }
  return item as BulkId;
}

/** Sets `value` at `path` of `target`, making the objects on the way. */
function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  return target;
}

/** The path parameters the spec path names, checked against `params.path`. */
function pathParams(label: string, path: string, given: unknown): Record<string, unknown> | undefined {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  if (names.length === 0) return undefined;
  const values = isRecord(given) ? given : {};
  const missing = names.filter((name) => {
    const value = values[name];
    return !((typeof value === "string" && value !== "") || typeof value === "number");
  });
  if (missing.length > 0) {
    throw new TypeError(
      `${label}: pass \`params: { path: { ${names.map((n) => `${n}: …`).join(", ")} } }\` in the options; ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing`,
    );
  }
  return values;
}

// --- results ------------------------------------------------------------------------------------

/** A result's id in the endpoint's id type: "123" → 123 for tickets, 123 → "123" for records. */
function idIn(idType: BulkMeta["idType"], value: unknown): BulkId | undefined {
  if (idType === "integer") {
    if (typeof value === "number") return value;
    return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** What a result carries of the key the items are matched on. */
function resultKey(result: JobStatusResult, match: BulkMatch): string | undefined {
  if (match === "index") return undefined;
  const value = (result as Record<string, unknown>)[match];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

export function normalize(
  raw: JobStatusResult,
  index: number,
  expectedId: BulkId | undefined,
  jobId: string,
  idType: BulkMeta["idType"],
): BulkResult {
  const { id, index: _index, success, ...rest } = raw;
  const ok =
    typeof success === "boolean" ? success : raw.error == null && raw.errors == null && !/fail/i.test(raw.status ?? "");
  const resultId = idIn(idType, id) ?? expectedId;
  const out: BulkResult = { ...rest, index, success: ok, ...(resultId === undefined ? {} : { id: resultId }), jobId };
  if (!ok) {
    // A failure always names what went wrong: Zendesk's code, else ours; its words in `details`.
    if (typeof out.details !== "string" && typeof raw.errors === "string") out.details = raw.errors;
    if (typeof out.error !== "string" || out.error === "") out.error = BulkErrorCode.ItemFailed;
  }
  return out;
}

/**
 * Places each of the job's results on its item: by `index` (the position in the request) unless the result
 * names another item than the one there, else by the key the items are matched on (id, external id, name).
 * Results that carry neither are placed in order only when none carries an index and there is exactly one per
 * item. Items left without a result stay undefined.
 */
export function place(
  batch: Pick<Batch, "size" | "start" | "keys" | "ids">,
  job: JobStatus,
  match: BulkMatch,
  idType: BulkMeta["idType"],
): (BulkResult | undefined)[] {
  const out: (BulkResult | undefined)[] = new Array(batch.size).fill(undefined);
  const raw = job.results;
  const resultFor = (result: JobStatusResult, slot: number) =>
    normalize(result, batch.start + slot, batch.ids?.[slot], job.id, idType);
  if (isRecord(raw)) {
    // One `{ success }` for the whole job.
    const success = raw.success === true;
    for (let slot = 0; slot < batch.size; slot++) {
      const id = batch.ids?.[slot];
      out[slot] = {
        index: batch.start + slot,
        success,
        ...(success
          ? {}
          : { error: BulkErrorCode.ItemFailed, details: `Job ${job.id} reported success: false for its whole batch` }),
        ...(id === undefined ? {} : { id }),
        jobId: job.id,
      };
    }
    return out;
  }
  const results = (Array.isArray(raw) ? raw : []).filter(isRecord) as JobStatusResult[];
  const free = (slot: unknown): slot is number =>
    typeof slot === "number" && Number.isInteger(slot) && slot >= 0 && slot < batch.size && out[slot] === undefined;
  const unkeyed: JobStatusResult[] = [];
  let anyIndex = false;
  for (const result of results) {
    const key = resultKey(result, match);
    let slot: number | undefined = typeof result.index === "number" ? result.index : undefined;
    if (slot !== undefined) anyIndex = true;
    // An index that points at another item than the one the result names is not trusted.
    if (free(slot) && batch.keys && key !== undefined && batch.keys[slot] !== key) slot = undefined;
    if (!free(slot)) {
      slot = batch.keys && key !== undefined ? batch.keys.findIndex((k, s) => k === key && out[s] === undefined) : -1;
    }
    if (slot === undefined || slot < 0) {
      // A result naming an item that is not in the batch is not placed on some other item.
      if (!(batch.keys && key !== undefined)) unkeyed.push(result);
      continue;
    }
    out[slot] = resultFor(result, slot);
  }
  if (!anyIndex && results.length === batch.size) {
    let next = 0;
    for (let slot = 0; slot < batch.size && next < unkeyed.length; slot++) {
      if (out[slot] === undefined) out[slot] = resultFor(unkeyed[next++] as JobStatusResult, slot);
    }
  }
  return out;
}

/** "2 of 3 jobs created completed; of 480 items: 195 succeeded, 5 failed, 100 in a failed job, 180 not processed (see error.results)". */
function summarize(results: BulkResult[], jobs: JobStatus[]): string {
  const completed = jobs.filter((job) => job.status === "completed").length;
  const made: Record<string, number> = {};
  let succeeded = 0;
  let failed = 0;
  for (const result of results) {
    if (result.success) succeeded++;
    else if (result.error === BulkErrorCode.ItemFailed || !(result.error && result.error in BulkErrorCode)) failed++;
    else made[result.error] = (made[result.error] ?? 0) + 1;
  }
  const parts = [`${succeeded} succeeded`];
  if (failed) parts.push(`${failed} failed`);
  if (made.JobFailed) parts.push(`${made.JobFailed} in a failed job`);
  if (made.NoResult) parts.push(`${made.NoResult} not reported by their job`);
  if (made.OutcomeUnknown) parts.push(`${made.OutcomeUnknown} with an unknown outcome`);
  if (made.NotProcessed) parts.push(`${made.NotProcessed} not processed`);
  return `${completed} of ${jobs.length} jobs created completed; of ${results.length} items: ${parts.join(", ")} (see error.results)`;
}

/** The error's status says Zendesk did not act on the request (4xx, 503). */
const refused = (error: unknown) =>
  isZendeskError(error) &&
  !isResponseParseError(error) &&
  error.status !== undefined &&
  ((error.status >= 400 && error.status < 500) || error.status === 503);

// --- the run ------------------------------------------------------------------------------------

interface Run {
  label: string;
  total: number;
  batches: Batch[];
  match: BulkMatch;
  idType: BulkMeta["idType"];
  client: BulkClient;
  options: BulkOptions;
  settings: Settings;
}

/** Sends the batches a few at a time, waits for each job, and gathers one result per item. */
async function run({ label, total, batches, match, idType, client, options, settings: s }: Run): Promise<BulkResult[]> {
  const { signal, onProgress, wait } = options;
  signal?.throwIfAborted();
  if (batches.length === 0) return [];

  let next = 0;
  let stopped: { error: unknown } | undefined;
  let done = 0;
  let jobsDone = 0;

  /**
   * Sends one batch. A 429 means Zendesk did nothing, so the same batch is sent again after a wait that starts
   * at `minRetryDelayMs` and doubles (with jitter) up to `maxRetryDelayMs`, or `Retry-After` if that is longer,
   * and never under 250 ms, until `submitTimeoutMs` has passed. Undefined when the call stopped meanwhile: the batch is then left unsent.
   */
  async function submit(batch: Batch): Promise<JobStatus | undefined> {
    const deadline = Date.now() + s.submitTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const result = await batch.send(signal);
      try {
        const job = (unwrap(result) as { job_status?: unknown } | undefined)?.job_status;
        if (!isRecord(job) || typeof job.id !== "string" || job.id === "") {
          throw new ZendeskError(
            `${label}: Zendesk's answer (status ${result.response.status}) has no job_status with an id`,
            { status: result.response.status },
          );
        }
        return job as JobStatus;
      } catch (error) {
        if (!isRateLimitError(error)) throw error;
        const ceiling = Math.min(s.maxRetryDelayMs, s.minRetryDelayMs * 2 ** attempt);
        const backoff = Math.max(s.minRetryDelayMs, ceiling / 2 + (Math.random() * ceiling) / 2);
        // Never less than 250 ms, growing up to maxRetryDelayMs: a server that keeps answering
        // `Retry-After: 0` (or a past date) gets a few tries a second at most, not a flood.
        const floor = Math.max(retryFloorMs(1), Math.min(retryFloorMs(attempt + 1), s.maxRetryDelayMs));
        const delay = Math.max(backoff, error.retryAfterMs ?? 0, floor);
        if (Date.now() + delay > deadline) throw error;
        // `TooManyJobs` is about jobs, not requests: the client's other calls (this call's job polls among them)
        // go on. The account's rate limit is everyone's: the whole client waits, as it does for any other 429
        // (but not for a wait this call will not make: that would stall everything for nothing).
        if (error.error !== "TooManyJobs") client.limiter.pause(delay);
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
        batch.job = await client.waitForJob(job, { ...wait, signal });
      } catch (error) {
        if (isJobFailedError(error) && !signal?.aborted) {
          batch.job = error.job;
          batch.state = "failed";
          batch.results = place(batch, batch.job, match, idType);
        } else {
          batch.state = "unknown";
          batch.problem = error instanceof Error ? error.message : String(error);
        }
        stop(error);
        return;
      }
      batch.state = "completed";
      batch.results = place(batch, batch.job, match, idType);
      done += batch.size;
      jobsDone++;
      if (onProgress) {
        try {
          onProgress({ done, total, jobsDone, jobsTotal: batches.length, job: batch.job, results: complete(batch) });
        } catch (error) {
          stop(error);
          return;
        }
      }
    }
  }

  const madeUp = (batch: Batch, slot: number, error: BulkErrorCode, details: string): BulkResult => {
    const id = batch.ids?.[slot];
    return {
      index: batch.start + slot,
      success: false,
      error,
      details,
      ...(id === undefined ? {} : { id }),
      ...(batch.job ? { jobId: batch.job.id } : {}),
    };
  };

  /** A batch's results with every gap filled by a made-up error result. */
  function complete(batch: Batch): BulkResult[] {
    const out: BulkResult[] = [];
    const job = batch.job;
    for (let slot = 0; slot < batch.size; slot++) {
      const result = batch.results?.[slot];
      if (result) {
        out.push(result);
        continue;
      }
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
  await Promise.all(Array.from({ length: Math.min(s.concurrency, batches.length) }, guarded));

  if (signal?.aborted) throw signal.reason;
  const results = batches.flatMap(complete);
  if (!stopped) return results;

  const jobs = batches.flatMap((batch) => (batch.job ? [batch.job] : []));
  const failed = batches.find((batch) => batch.state === "failed");
  const counts = summarize(results, jobs);
  if (failed?.job) {
    const { id, status, message } = failed.job;
    const what = `${label}: job ${id} ${status}${message ? ` (${message})` : ""}. ${counts}`;
    throw new BulkJobFailedError(failed.job, jobs, results, what);
  }
  // Nothing was done (no job created, every failed batch refused outright): the error as it is.
  if (jobs.length === 0 && !batches.some((batch) => batch.state === "unknown")) throw stopped.error;
  const reason = stopped.error instanceof Error ? stopped.error.message : String(stopped.error);
  throw new BulkIncompleteError(stopped.error, jobs, results, `${label} stopped: ${reason}. ${counts}`);
}

// --- a helper's call ----------------------------------------------------------------------------

/**
 * Runs one call of helper `name`: picks its form from the arguments (`(items, options)`, `(action, items,
 * options)`, `(ids, options)` or `(ids, shared, options)`), checks everything before any request, then sends the
 * batches.
 */
export async function runHelper(
  client: BulkClient,
  name: string,
  plans: readonly BulkPlan[],
  args: readonly unknown[],
): Promise<BulkResult[]> {
  const itemsPlan = plans.find((plan) => plan.meta.items);
  const idsPlan = plans.find((plan) => plan.meta.ids);
  let plan = (itemsPlan ?? idsPlan) as BulkPlan;
  if (itemsPlan && idsPlan) {
    // Two forms under one name (update_many): objects are the items form, ids the other.
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : undefined;
    const idsForm = first === undefined ? args.length >= 3 : !isRecord(first);
    plan = idsForm ? idsPlan : itemsPlan;
  }
  const { meta, method, path } = plan;
  const rest = [...args];
  let action: string | undefined;
  let label = name;
  if (meta.action) {
    action = rest.shift() as string;
    label = `${name}(${JSON.stringify(action)})`;
    const actions = Object.keys(meta.match as Record<string, BulkMatch>);
    if (typeof action !== "string" || !actions.includes(action)) {
      throw new TypeError(`${name}: unknown action ${describeValue(action)}; use one of ${actions.join(", ")}`);
    }
  }
  const list = meta.ids ? meta.ids : (meta.items?.at(-1) ?? "items");
  const items = rest.shift();
  if (!Array.isArray(items)) {
    throw new TypeError(`${label}: pass an array of ${meta.ids ? "ids" : list}; got ${describeValue(items)}`);
  }
  let shared: unknown;
  if (meta.shared) {
    const key = meta.shared.join(".");
    label = `${name}(${list}, ${key})`;
    shared = rest.shift();
    if (!isRecord(shared)) {
      throw new TypeError(`${label}: \`${key}\` must be an object, what every item gets; got ${describeValue(shared)}`);
    }
  }
  const options = (rest.shift() ?? {}) as BulkOptions & { params?: { path?: unknown; query?: unknown } };
  const s = settings(label, options, meta.batch);
  const match: BulkMatch = typeof meta.match === "string" ? meta.match : (meta.match[action as string] as BulkMatch);
  const keys = items.map((item, i) => keyOf(label, list, i, item, match, meta.idType));
  const pathValues = pathParams(label, path, options.params?.path);
  const query = isRecord(options.params?.query) ? options.params.query : {};

  const batches: Batch[] = [];
  for (let start = 0; start < items.length; start += s.batchSize) {
    const slice = items.slice(start, start + s.batchSize);
    const sliceKeys = keys.slice(start, start + s.batchSize);
    const params = { ...(pathValues ? { path: pathValues } : {}), query };
    let init: Record<string, unknown>;
    if (meta.ids) {
      init = {
        params: { ...params, query: { ...query, [meta.ids]: slice.join(",") } },
        // The ids go as one comma-separated value, commas unescaped, as Zendesk reads them.
        querySerializer: querySerializer(true),
        ...(meta.shared ? { body: setAt({}, meta.shared, shared) } : {}),
      };
    } else {
      const body = setAt({}, meta.items as readonly string[], slice);
      if (meta.action && action !== undefined) setAt(body, meta.action, action);
      init = { params, body };
    }
    batches.push({
      start,
      size: slice.length,
      keys: match === "index" ? undefined : sliceKeys.map((key) => String(key)),
      ids: match === "id" ? sliceKeys : undefined,
      // A 429 comes back to `submit`, which waits it out without holding up the client's other calls.
      send: (signal) =>
        client.request(method, path, { ...init, ...(signal ? { signal } : {}), retry429: false }) as ReturnType<Send>,
      state: "pending",
    });
  }
  return run({ label, total: items.length, batches, match, idType: meta.idType, client, options, settings: s });
}
