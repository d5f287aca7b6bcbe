import { PaginationError, type ZendeskError } from "@zenfetch/core";
import type { Checkpoint, ExportName } from "./checkpoint.js";

/**
 * A time-based export cannot move on: more records changed in one second than fit on a page, so
 * Zendesk's `next_page` points at the same `start_time` again and following it would repeat the
 * same page forever. Nothing of that page was yielded; `checkpoint` is where the export stood.
 */
export class ExportStalledError extends PaginationError {
  override name = "ExportStalledError";
  /** The export that stalled. */
  readonly export: ExportName;
  /** The second it cannot get past, in Unix seconds. */
  readonly timestamp: number;
  /** How many records the stalled page held (all of them changed in that second). */
  readonly pageSize: number;
  /** The position before the stalled page: everything up to it was delivered. */
  readonly checkpoint: Checkpoint;

  constructor(init: {
    export: ExportName;
    timestamp: number;
    pageSize: number;
    checkpoint: Checkpoint;
    advice: string;
    url?: string;
  }) {
    const at = new Date(init.timestamp * 1000).toISOString();
    super(
      `The ${init.export} export is stalled at ${init.timestamp} (${at}): all ${init.pageSize} records on the page changed in that second, so Zendesk's next_page does not move past it and following it would repeat the page forever. Zendesk's documented way through is its cursor-based export, which exists for tickets and users only (exportTickets and exportUsers use it and cannot stall). ${init.advice}`,
      { method: "GET", url: init.url },
    );
    this.export = init.export;
    this.timestamp = init.timestamp;
    this.pageSize = init.pageSize;
    this.checkpoint = init.checkpoint;
  }
}

const isErrorObject = (value: unknown): value is Error =>
  value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";

/** Also true for an `ExportStalledError` from another realm or another copy of this package. */
export const isExportStalledError = (value: unknown): value is ExportStalledError =>
  value instanceof ExportStalledError || (isErrorObject(value) && value.name === "ExportStalledError");

/** A `ZendeskError` thrown by an export: it carries the checkpoint to resume from. */
export type ExportError = ZendeskError & { checkpoint: Checkpoint };

/**
 * The checkpoint an export error carries: every page before it was yielded, so resuming from it loses
 * and repeats nothing. Undefined for anything else (an abort rethrows the signal's reason untouched;
 * read `run.checkpoint` then).
 */
export function checkpointOf(error: unknown): Checkpoint | undefined {
  if (!isErrorObject(error)) return undefined;
  const checkpoint = (error as { checkpoint?: unknown }).checkpoint;
  return checkpoint !== null && typeof checkpoint === "object" ? (checkpoint as Checkpoint) : undefined;
}
