import { isPaginationResume, PaginationError, type PaginationResume, type ZendeskError } from "@zenfetch/core";
import { type Checkpoint, type ExportName, resumeToCheckpoint } from "./checkpoint.js";

/**
 * A time-based export cannot move on: more records changed in one second than fit on a page, so
 * Zendesk's `next_page` points at the same `start_time` again and following it would repeat the
 * same page forever. Nothing of that page was yielded; `checkpointOf(error)` is where the export stood.
 */
export class ExportStalledError extends PaginationError {
  override name = "ExportStalledError";
  /** The export that stalled. */
  readonly export: ExportName;
  /** The second it cannot get past, in Unix seconds. */
  readonly timestamp: number;
  /** How many records the stalled page held (all of them changed in that second). */
  readonly pageSize: number;

  constructor(init: {
    export: ExportName;
    timestamp: number;
    pageSize: number;
    advice: string;
    url?: string;
    /** The position before the stalled page: everything up to it was delivered. */
    resume?: PaginationResume;
  }) {
    const at = new Date(init.timestamp * 1000).toISOString();
    super(
      `The ${init.export} export is stalled at ${init.timestamp} (${at}): all ${init.pageSize} records on the page changed in that second, so Zendesk's next_page does not move past it and following it would repeat the page forever. Zendesk's documented way through is its cursor-based export, which exists for tickets and users only (exportTickets and exportUsers use it and cannot stall). ${init.advice}`,
      { method: "GET", url: init.url },
    );
    this.export = init.export;
    this.timestamp = init.timestamp;
    this.pageSize = init.pageSize;
    if (init.resume) this.resume = init.resume;
  }
}

const isErrorObject = (value: unknown): value is Error =>
  value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";

/** Also true for an `ExportStalledError` from another realm or another copy of this package. */
export const isExportStalledError = (value: unknown): value is ExportStalledError =>
  value instanceof ExportStalledError || (isErrorObject(value) && value.name === "ExportStalledError");

/** A `ZendeskError` thrown by an export: `resume` is where it stood, as core's resume value. */
export type ExportError = ZendeskError & { resume: PaginationResume };

/**
 * The checkpoint an export error carries (in `error.resume`), or that a resume value read back from
 * storage stands for: every page before it was yielded, so resuming from it loses and repeats nothing.
 * Undefined for anything else (an abort rethrows the signal's reason untouched; read `run.checkpoint` then).
 */
export function checkpointOf(errorOrResume: unknown): Checkpoint | undefined {
  const resume = isErrorObject(errorOrResume) ? (errorOrResume as { resume?: unknown }).resume : errorOrResume;
  return isPaginationResume(resume) ? resumeToCheckpoint(resume) : undefined;
}
