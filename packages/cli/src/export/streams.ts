import {
  type Checkpoint,
  type ExportPage,
  exportOrganizations,
  exportTicketEvents,
  exportTickets,
  exportUsers,
  type IncrementalClient,
  type TimeCheckpoint,
} from "@zenfetch/incremental";
import { UsageError } from "../usage-error.js";

/** The exports `zenfetch export` streams, by the names the command takes. */
export const STREAMS = ["tickets", "users", "organizations", "ticket-events"] as const;
export type StreamName = (typeof STREAMS)[number];

export const isStreamName = (value: unknown): value is StreamName =>
  typeof value === "string" && (STREAMS as readonly string[]).includes(value);

/** Throws a `UsageError` listing the streams unless `value` names one. */
export function requireStreamName(value: unknown): asserts value is StreamName {
  if (!isStreamName(value)) {
    throw new UsageError(`Unknown stream ${JSON.stringify(value)}: pass one of ${STREAMS.join(", ")}.`);
  }
}

/** Where one run of an export starts, and how it pages. */
export interface StreamStart {
  startTime?: Date;
  checkpoint?: Checkpoint;
  perPage?: number;
  signal?: AbortSignal;
}

/** A page of any of them: the records as Zendesk sent them, and where to resume after it. */
export type AnyPage = ExportPage<Record<string, unknown>, object>;

interface Stream {
  /** The operation it calls, as the client's budgets name it. */
  operation: string;
  /** Whether the export takes `perPage` (the ticket event export does not). */
  perPage: boolean;
  /** The second a record changed at, on the clock the export pages by. */
  stamp(record: Record<string, unknown>): number | undefined;
  start(client: IncrementalClient, start: StreamStart): AsyncIterable<AnyPage>;
}

function secondsOf(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.floor(value);
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** `startTime` or `checkpoint` (exactly one, as the exports want), plus the rest. */
function position<C extends Checkpoint>(start: StreamStart) {
  const common = {
    signal: start.signal,
    ...(start.perPage === undefined ? {} : { perPage: start.perPage }),
  };
  return start.checkpoint
    ? { ...common, checkpoint: start.checkpoint as C }
    : { ...common, startTime: start.startTime as Date };
}

export const STREAM: Record<StreamName, Stream> = {
  tickets: {
    operation: "GET /api/v2/incremental/tickets/cursor",
    perPage: true,
    stamp: (row) => secondsOf(row.generated_timestamp) ?? secondsOf(row.updated_at),
    start: (client, start) => exportTickets(client, position(start)) as AsyncIterable<AnyPage>,
  },
  users: {
    operation: "GET /api/v2/incremental/users/cursor",
    perPage: true,
    stamp: (row) => secondsOf(row.updated_at),
    start: (client, start) => exportUsers(client, position(start)) as AsyncIterable<AnyPage>,
  },
  organizations: {
    operation: "GET /api/v2/incremental/organizations",
    perPage: true,
    stamp: (row) => secondsOf(row.updated_at),
    start: (client, start) =>
      exportOrganizations(client, position<TimeCheckpoint>(start)) as unknown as AsyncIterable<AnyPage>,
  },
  "ticket-events": {
    operation: "GET /api/v2/incremental/ticket_events",
    perPage: false,
    stamp: (row) => secondsOf(row.timestamp) ?? secondsOf(row.created_at),
    start: (client, { perPage: _, ...start }) =>
      exportTicketEvents(client, position<TimeCheckpoint>(start)) as unknown as AsyncIterable<AnyPage>,
  },
};
