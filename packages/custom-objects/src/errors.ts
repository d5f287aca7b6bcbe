import { ZendeskError } from "@zenfetch/core";
import type { BulkPending, BulkResult } from "./types.js";

/**
 * `bulk` stopped before it knew the outcome of every item: a job could not be
 * sent (any error: `cause` says which), or was not seen to finish (`JobTimeoutError`,
 * an abort). Nothing is lost: `results` holds every item whose outcome is known,
 * and `pending` every other one, each with its input `index` and a `state`:
 * `in-job` (job `jobId` may still run: wait for it with `client.waitForJob`
 * before sending those items again), `maybe-sent` (check before sending again)
 * or `not-sent`.
 */
export class BulkJobError<Item = unknown> extends ZendeskError {
  override name = "BulkJobError";
  /** The items whose outcome is known, in input order. */
  readonly results: BulkResult<Item>[];
  /** The items whose outcome is not known, in input order. */
  readonly pending: BulkPending<Item>[];

  constructor(message: string, init: { cause: unknown; results: BulkResult<Item>[]; pending: BulkPending<Item>[] }) {
    super(message, { cause: init.cause });
    this.results = init.results;
    this.pending = init.pending;
  }
}

/** Also true for a `BulkJobError` from another realm or copy of this package. */
export const isBulkJobError = (value: unknown): value is BulkJobError =>
  value instanceof BulkJobError ||
  ((value instanceof Error || Object.prototype.toString.call(value) === "[object Error]") &&
    (value as Error).name === "BulkJobError");
