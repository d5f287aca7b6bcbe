import { isPaginationResume, type PaginationResume, ZendeskConfigError } from "@zenfetch/core";

/** The exports this package streams; every checkpoint names the one it belongs to. */
export type ExportName =
  | "tickets"
  | "users"
  | "organizations"
  | "ticket_events"
  | "ticket_metric_events"
  | "routing_attributes"
  | "routing_attribute_values"
  | "routing_instance_values";

/** The endpoint of each export: a checkpoint is a position in one of them. */
export const EXPORT_PATHS = {
  tickets: "/api/v2/incremental/tickets/cursor",
  users: "/api/v2/incremental/users/cursor",
  organizations: "/api/v2/incremental/organizations",
  ticket_events: "/api/v2/incremental/ticket_events",
  ticket_metric_events: "/api/v2/incremental/ticket_metric_events",
  routing_attributes: "/api/v2/incremental/routing/attributes",
  routing_attribute_values: "/api/v2/incremental/routing/attribute_values",
  routing_instance_values: "/api/v2/incremental/routing/instance_values",
} as const satisfies Record<ExportName, string>;

/** A position in a cursor-based feed (the ticket and user exports, the routing exports): resume right after it. */
export interface CursorCheckpoint {
  type: "cursor";
  /** Zendesk's opaque cursor (`after_cursor`, or the `cursor` inside a routing page's `next_page`). */
  cursor: string;
  /**
   * Records at this cursor that were already delivered, as `id@second`: set only when Zendesk gave no
   * position after the last page, so that page is asked for again and these are dropped from it.
   */
  skip?: string[];
  /** The export it belongs to; set on every checkpoint zenfetch makes, checked when you pass one back. */
  export?: ExportName;
}

/** A position in a time-based feed: everything changed at or after `startTime`, less what `skip` says was delivered. */
export interface TimeCheckpoint {
  type: "time";
  /** Unix time in seconds: Zendesk's `start_time` for the next request (a page's `end_time`). */
  startTime: number;
  /**
   * Records already delivered, as `id@second` (`type:id@second` for the routing exports): those changed
   * exactly at `startTime`, which Zendesk sends again at the top of the next page. A record with one of
   * these ids but a newer second is a new change and is kept.
   */
  skip?: string[];
  /** The export it belongs to; set on every checkpoint zenfetch makes, checked when you pass one back. */
  export?: ExportName;
}

/**
 * Where an export stopped, as plain JSON: store it (`JSON.stringify`) and pass it back as `checkpoint` next run.
 * It is the export's face of core's `PaginationResume` (which its errors carry as `error.resume`): the
 * same position, without the host and the options, which the next run gives again.
 */
export type Checkpoint = CursorCheckpoint | TimeCheckpoint;

/** The query that asks for the page at `checkpoint`: its position first, then the run's other parameters. */
export function checkpointQuery(checkpoint: Checkpoint, query: readonly string[]): string {
  const position =
    checkpoint.type === "cursor"
      ? `cursor=${encodeURIComponent(checkpoint.cursor)}`
      : `start_time=${encodeURIComponent(String(checkpoint.startTime))}`;
  return [position, ...query].join("&");
}

/** Core's resume value for a checkpoint: the request it makes on `baseUrl`, with the records it skips. */
export function checkpointToResume(
  name: ExportName,
  baseUrl: string,
  checkpoint: Checkpoint,
  query: readonly string[],
): PaginationResume {
  const path = EXPORT_PATHS[name];
  const resume: PaginationResume = {
    operation: `GET ${path}`,
    url: `${baseUrl}${path}?${checkpointQuery(checkpoint, query)}`,
  };
  if (checkpoint.skip?.length) resume.skip = [...checkpoint.skip];
  return resume;
}

const exportOf = (operation: string): ExportName | undefined =>
  (Object.keys(EXPORT_PATHS) as ExportName[]).find((name) => operation === `GET ${EXPORT_PATHS[name]}`);

/**
 * The checkpoint that core's resume value stands for, when it is a position in one of the exports (its
 * `cursor` or `start_time`, and `skip`); undefined otherwise.
 */
export function resumeToCheckpoint(resume: PaginationResume): Checkpoint | undefined {
  const name = exportOf(resume.operation);
  if (name === undefined) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(resume.url).searchParams;
  } catch {
    return undefined;
  }
  const cursor = params.get("cursor");
  const start = params.get("start_time");
  let checkpoint: Checkpoint;
  if (cursor) checkpoint = { type: "cursor", cursor, export: name };
  else if (start && /^\d+$/.test(start)) checkpoint = { type: "time", startTime: Number(start), export: name };
  else return undefined;
  if (resume.skip?.length) checkpoint.skip = [...resume.skip];
  return checkpoint;
}

/** Zendesk's exports start at a Unix time; a number above this is certainly milliseconds (year 5138 in seconds). */
const MAX_SECONDS = 1e11;

const fail = (name: ExportName, message: string): never => {
  throw new ZendeskConfigError(`export ${name}: ${message}`);
};

/** Seconds from a `startTime` option: whole seconds or a Date. */
export function toStartTime(name: ExportName, value: unknown): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) fail(name, "`startTime` is an invalid Date");
    if (ms < 0) fail(name, `\`startTime\` is before 1970 (${value.toISOString()})`);
    return Math.floor(ms / 1000);
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    return fail(name, `\`startTime\` must be a Unix time in seconds (a number ≥ 0) or a Date; got ${String(value)}`);
  }
  if (value >= MAX_SECONDS) {
    fail(name, `\`startTime\` ${value} looks like milliseconds; pass seconds (Math.floor(ms / 1000)) or a Date`);
  }
  return Math.floor(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Checks a checkpoint passed back by the caller (it may come from storage, or be an error's `resume`) and copies it. */
export function readCheckpoint(name: ExportName, value: unknown, cursorAllowed: boolean): Checkpoint {
  const shape = `\`{ type: "time", startTime }\`${cursorAllowed ? ' or `{ type: "cursor", cursor }`' : ""}`;
  if (isPaginationResume(value)) {
    const checkpoint = resumeToCheckpoint(value);
    if (checkpoint === undefined) {
      fail(
        name,
        `this \`resume\` belongs to ${value.operation}${exportOf(value.operation) ? " but names no position in it" : ", not an export"}; pass one from this export's errors, or start with \`startTime\``,
      );
    }
    value = checkpoint;
  }
  if (!isRecord(value)) {
    return fail(
      name,
      `\`checkpoint\` must be ${shape} (or an export error's \`resume\`); got ${JSON.stringify(value) ?? value}`,
    );
  }
  if (value.export !== undefined && value.export !== name) {
    fail(
      name,
      `this checkpoint belongs to the ${String(value.export)} export; pass it to that export, or start with \`startTime\``,
    );
  }
  if (value.type === "cursor") {
    if (!cursorAllowed) {
      fail(name, `this export is time-based and cannot resume from a cursor checkpoint; pass ${shape}`);
    }
    if (typeof value.cursor !== "string" || value.cursor === "") {
      fail(name, "`checkpoint.cursor` must be a non-empty string");
    }
    const out: CursorCheckpoint = { type: "cursor", cursor: value.cursor as string, export: name };
    const skip = readSkip(name, value.skip);
    if (skip) out.skip = skip;
    return out;
  }
  if (value.type === "time") {
    const startTime = value.startTime;
    if (typeof startTime !== "number" || !Number.isInteger(startTime) || startTime < 0 || startTime >= MAX_SECONDS) {
      fail(name, `\`checkpoint.startTime\` must be a Unix time in whole seconds; got ${String(startTime)}`);
    }
    const out: TimeCheckpoint = { type: "time", startTime: startTime as number, export: name };
    const skip = readSkip(name, value.skip);
    if (skip) out.skip = skip;
    return out;
  }
  return fail(name, `\`checkpoint\` must be ${shape}; got type ${JSON.stringify(value.type)}`);
}

function readSkip(name: ExportName, skip: unknown): string[] | undefined {
  if (skip === undefined) return undefined;
  if (!(Array.isArray(skip) && skip.every((mark) => typeof mark === "string"))) {
    fail(name, "`checkpoint.skip` must be an array of `id@second` strings, as zenfetch wrote it");
  }
  return (skip as string[]).length > 0 ? [...(skip as string[])] : undefined;
}

/** The position an export starts from: exactly one of `startTime` and `checkpoint`. */
export function startingPoint(
  name: ExportName,
  options: { startTime?: unknown; checkpoint?: unknown },
  cursorAllowed: boolean,
): Checkpoint {
  const hasStart = options.startTime !== undefined;
  const hasCheckpoint = options.checkpoint !== undefined;
  if (hasStart && hasCheckpoint) {
    fail(
      name,
      "pass `startTime` (to begin a new export) or `checkpoint` (to resume one), not both: a checkpoint already says where to start",
    );
  }
  if (!hasStart && !hasCheckpoint) {
    fail(name, "pass `startTime` (a Date or Unix seconds, to begin) or `checkpoint` (from a previous run, to resume)");
  }
  if (hasCheckpoint) return readCheckpoint(name, options.checkpoint, cursorAllowed);
  return { type: "time", startTime: toStartTime(name, options.startTime), export: name };
}
