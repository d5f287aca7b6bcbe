import { type CustomFieldMaps, type PaginationMeta, type PaginationResume, ZendeskConfigError } from "@zenfetch/core";
import { type Checkpoint, EXPORT_PATHS, type ExportName, startingPoint, type TimeCheckpoint } from "./checkpoint.js";
import type { ExportClient, IncrementalClient } from "./client.js";
import { type ExportPage, type ExportRun, type Feed, idOf, PAGE_LIMIT, Run, seconds } from "./export-run.js";
import { includes, operations } from "./generated/operations.js";
import type {
  Organization,
  RoutingAttribute,
  RoutingAttributeValue,
  RoutingInstanceValue,
  SideloadsFor,
  TicketEvent,
  TicketEventInclude,
  TicketFor,
  TicketInclude,
  TicketMetricEvent,
  TicketSideloads,
  User,
  UserInclude,
  UserSideloads,
} from "./types.js";

// --- Options -----------------------------------------------------------------------------------

/** Where to begin: `startTime` for a new export, or the `checkpoint` a previous run ended on. Exactly one. */
export type ExportStart<C extends Checkpoint = Checkpoint> =
  | {
      /** Begin with the changes made at or after this time: a Date, or Unix time in seconds. */
      startTime: number | Date;
      checkpoint?: undefined;
    }
  | {
      /**
       * Carry on exactly where a previous run stopped: `page.checkpoint`, `run.checkpoint`, or an export
       * error's `resume` (or `checkpointOf(error)`, the same position as a checkpoint).
       */
      checkpoint: C | PaginationResume;
      startTime?: undefined;
    };

export interface ExportCommonOptions {
  /** Stops the export: the request in flight, a rate-limit wait, and any further page. */
  signal?: AbortSignal;
  /**
   * Pages fetched ahead while the loop body works on the current one (default 1; 0 fetches each page only once
   * the one before is done with). Each request goes once the page before it has answered, since it names the
   * next position; at most this many pages wait beside the one in hand. Leaving the loop cancels what is in
   * flight, and the run's checkpoint moves past a page only when the loop body is done with it.
   */
  lookAhead?: number;
}

export type TicketExportOptions<I extends readonly TicketInclude[] = readonly TicketInclude[]> = ExportStart &
  ExportCommonOptions & {
    /** Sideloads, sent as one comma-separated `include`. Arrays land in `page.sideloads`; the others add fields to each ticket. */
    include?: I;
    /** Leave deleted tickets out (by default they come with the status `deleted`). */
    excludeDeleted?: boolean;
    /** Records per page, 1 to 1000 (Zendesk's default is 1000). */
    perPage?: number;
  };

export type UserExportOptions<I extends readonly UserInclude[] = readonly UserInclude[]> = ExportStart &
  ExportCommonOptions & {
    /** Sideloads, sent as one comma-separated `include`; each lands in `page.sideloads`. */
    include?: I;
    /** Records per page, 1 to 1000 (Zendesk's default is 1000). */
    perPage?: number;
  };

export type OrganizationExportOptions = ExportStart<TimeCheckpoint> &
  ExportCommonOptions & {
    /** Records per page, 1 to 1000 (Zendesk's default is 1000). Fewer per page makes a stall likelier. */
    perPage?: number;
  };

export type TicketEventExportOptions = ExportStart<TimeCheckpoint> &
  ExportCommonOptions & {
    /** `["comment_events"]` puts each update's full comment into its `child_events`. */
    include?: readonly TicketEventInclude[];
  };

export type TicketMetricEventExportOptions = ExportStart<TimeCheckpoint> &
  ExportCommonOptions & {
    /** Zendesk's `include_changes` switch, which it says makes the feed report changes more consistently. */
    includeChanges?: boolean;
  };

export type RoutingExportOptions = ExportStart & ExportCommonOptions;

// --- Pages -------------------------------------------------------------------------------------

/** A page of the ticket export; `F`, the app's field maps, types custom fields (the client's, when it has them). */
export type TicketPage<
  I extends readonly TicketInclude[] = [],
  F extends CustomFieldMaps = CustomFieldMaps,
> = ExportPage<TicketFor<I, F>, SideloadsFor<TicketSideloads<F>, I>>;
export type UserPage<I extends readonly UserInclude[] = [], F extends CustomFieldMaps = CustomFieldMaps> = ExportPage<
  User<F>,
  SideloadsFor<UserSideloads<F>, I>
>;
export type OrganizationPage<F extends CustomFieldMaps = CustomFieldMaps> = ExportPage<
  Organization<F>,
  Record<never, never>,
  TimeCheckpoint
>;
export type TicketEventPage = ExportPage<TicketEvent, Record<never, never>, TimeCheckpoint>;
export type TicketMetricEventPage = ExportPage<TicketMetricEvent, Record<never, never>, TimeCheckpoint>;
export type RoutingAttributePage = ExportPage<RoutingAttribute>;
export type RoutingAttributeValuePage = ExportPage<RoutingAttributeValue>;
export type RoutingInstanceValuePage = ExportPage<RoutingInstanceValue>;

// --- Feeds -------------------------------------------------------------------------------------

// What each export's `include` offers, and the sideloads it adds, from the spec's include map.
type IncludeDeclaration = (typeof includes)[keyof typeof includes];
const valuesOf = <V extends string>(declaration: IncludeDeclaration) => Object.keys(declaration.values) as V[];
const TICKET_INCLUDES = valuesOf<TicketInclude>(includes[`GET ${EXPORT_PATHS.tickets}`]);
const USER_INCLUDES = valuesOf<UserInclude>(includes[`GET ${EXPORT_PATHS.users}`]);
const TICKET_EVENT_INCLUDES = valuesOf<TicketEventInclude>(includes[`GET ${EXPORT_PATHS.ticket_events}`]);

/** The response properties the export's include values add, and what an absent one becomes. */
function sideloadsOf(declaration: IncludeDeclaration): Record<string, "array" | "map"> {
  const sideloads: Record<string, "array" | "map"> = {};
  for (const value of Object.values(declaration.values) as { sideload?: string; kind?: string }[]) {
    if (value.sideload) sideloads[value.sideload] = value.kind === "object" ? "map" : "array";
  }
  return sideloads;
}

const NO_CURSOR_ADVICE =
  "This export has no cursor form: fetch the records of that second another way, then resume from a checkpoint with the next second as `startTime` (which skips the rest of that second).";

const byUpdatedAt = (row: Record<string, unknown>) => seconds(row.updated_at);
const byTime = (row: Record<string, unknown>) => seconds(row.time);
/** A routing change is one record's create, update or delete: two can share an id and a second. */
const routingKey = (row: Record<string, unknown>) => {
  const id = idOf(row);
  return id === undefined ? undefined : `${String(row.type)}:${id}`;
};

/** The paging the spec declares for an export's endpoint: core reads its pages by that style's rule. */
const paging = (name: ExportName): PaginationMeta => operations[`GET ${EXPORT_PATHS[name]}`].pagination;

const routing = (name: ExportName, items: string): Feed => ({
  name,
  path: EXPORT_PATHS[name],
  items,
  pagination: paging(name),
  // Routing pages carry the next position as a cursor inside next_page.
  cursorCheckpoints: true,
  endOfStream: false,
  sideloads: {},
  stamp: byTime,
  key: routingKey,
  stallAdvice: "",
});

export const FEEDS = {
  tickets: {
    name: "tickets",
    path: EXPORT_PATHS.tickets,
    items: "tickets",
    pagination: paging("tickets"),
    cursorCheckpoints: true,
    endOfStream: true,
    sideloads: sideloadsOf(includes[`GET ${EXPORT_PATHS.tickets}`]),
    // The export compares `generated_timestamp` (system updates move it too) with start_time.
    stamp: (row) => seconds(row.generated_timestamp) ?? seconds(row.updated_at),
    key: idOf,
    stallAdvice: "",
  },
  users: {
    name: "users",
    path: EXPORT_PATHS.users,
    items: "users",
    pagination: paging("users"),
    cursorCheckpoints: true,
    endOfStream: true,
    sideloads: sideloadsOf(includes[`GET ${EXPORT_PATHS.users}`]),
    stamp: byUpdatedAt,
    key: idOf,
    stallAdvice: "",
  },
  organizations: {
    name: "organizations",
    path: EXPORT_PATHS.organizations,
    items: "organizations",
    pagination: paging("organizations"),
    cursorCheckpoints: false,
    endOfStream: true,
    sideloads: {},
    stamp: byUpdatedAt,
    key: idOf,
    stallAdvice: NO_CURSOR_ADVICE,
  },
  ticket_events: {
    name: "ticket_events",
    path: EXPORT_PATHS.ticket_events,
    items: "ticket_events",
    pagination: paging("ticket_events"),
    cursorCheckpoints: false,
    endOfStream: true,
    sideloads: {},
    stamp: (row) => seconds(row.timestamp) ?? seconds(row.created_at),
    key: idOf,
    stallAdvice: NO_CURSOR_ADVICE,
  },
  ticket_metric_events: {
    name: "ticket_metric_events",
    path: EXPORT_PATHS.ticket_metric_events,
    items: "ticket_metric_events",
    pagination: paging("ticket_metric_events"),
    cursorCheckpoints: false,
    endOfStream: false,
    sideloads: {},
    stamp: byTime,
    key: idOf,
    stallAdvice: `Zendesk also pages this endpoint by cursor (page[size], page[after]; up to 100 a page), which this helper does not use; call it with client.GET. Otherwise: ${NO_CURSOR_ADVICE}`,
  },
  routing_attributes: routing("routing_attributes", "attributes"),
  routing_attribute_values: routing("routing_attribute_values", "attribute_values"),
  routing_instance_values: routing("routing_instance_values", "instance_values"),
} as const satisfies Record<ExportName, Feed>;

// --- Options to a run --------------------------------------------------------------------------

interface AnyOptions {
  startTime?: unknown;
  checkpoint?: unknown;
  signal?: AbortSignal;
  lookAhead?: number;
  include?: readonly string[];
  perPage?: number;
  excludeDeleted?: boolean;
  includeChanges?: boolean;
}

function start<Page extends ExportPage<unknown, object>, F extends CustomFieldMaps>(
  client: ExportClient<F>,
  feed: Feed,
  options: AnyOptions,
  allowed: { include?: readonly string[]; perPage?: boolean; excludeDeleted?: boolean; includeChanges?: boolean },
): ExportRun<Page> {
  const fail = (message: string): never => {
    throw new ZendeskConfigError(`export ${feed.name}: ${message}`);
  };
  if (options === null || typeof options !== "object") {
    fail("pass options with `startTime` (a Date or Unix seconds) or `checkpoint`");
  }
  if (client === null || typeof client !== "object" || typeof client.GET !== "function") {
    fail("the first argument must be a client from createIncrementalClient()");
  }
  const position = startingPoint(feed.name, options, feed.cursorCheckpoints);
  const query: string[] = [];

  if (options.perPage !== undefined) {
    if (!allowed.perPage) fail("`perPage` is not offered by this export");
    const perPage = options.perPage;
    if (!(Number.isInteger(perPage) && perPage >= 1 && perPage <= PAGE_LIMIT)) {
      fail(`\`perPage\` must be a whole number from 1 to ${PAGE_LIMIT}; got ${String(perPage)}`);
    }
    query.push(`per_page=${perPage}`);
  }

  const include: string[] = [];
  if (options.include !== undefined) {
    if (!allowed.include) fail("`include` is not offered by this export");
    const values = allowed.include ?? [];
    if (!Array.isArray(options.include)) fail(`\`include\` must be an array, such as ["${values[0]}"]`);
    for (const value of options.include) {
      if (!values.includes(value)) {
        fail(`\`include\` has ${JSON.stringify(value)}; this export offers ${values.map((v) => `"${v}"`).join(", ")}`);
      }
      if (!include.includes(value)) include.push(value);
    }
    // One comma-separated value, as Zendesk reads it: include=users,groups.
    if (include.length > 0) query.push(`include=${include.map(encodeURIComponent).join(",")}`);
  }

  if (options.excludeDeleted !== undefined) {
    if (!allowed.excludeDeleted) fail("`excludeDeleted` is not offered by this export");
    if (typeof options.excludeDeleted !== "boolean") fail("`excludeDeleted` must be true or false");
    query.push(`exclude_deleted=${options.excludeDeleted}`);
  }

  if (options.includeChanges !== undefined) {
    if (!allowed.includeChanges) fail("`includeChanges` is not offered by this export");
    if (typeof options.includeChanges !== "boolean") fail("`includeChanges` must be true or false");
    query.push(`include_changes=${options.includeChanges}`);
  }

  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail("`signal` must be an AbortSignal");
  const lookAhead = options.lookAhead ?? 1;
  if (!(Number.isInteger(lookAhead) && lookAhead >= 0)) {
    fail(`\`lookAhead\` must be a whole number, 0 or more (0 turns it off); got ${String(options.lookAhead)}`);
  }

  // The field maps type the pages only; the requests are the same.
  return new Run<Page>(client as unknown as IncrementalClient, {
    feed,
    start: position,
    query,
    include,
    signal: options.signal,
    lookAhead,
  });
}

// --- The exports -------------------------------------------------------------------------------

/**
 * Every ticket changed since `startTime`, through the cursor-based export (no repeats, no stall),
 * page by page; `include` sideloads arrive in `page.sideloads`.
 */
export function exportTickets<
  const I extends readonly TicketInclude[] = [],
  F extends CustomFieldMaps = CustomFieldMaps,
>(client: ExportClient<F>, options: TicketExportOptions<I>): ExportRun<TicketPage<I, F>> {
  return start(client, FEEDS.tickets, options, { include: TICKET_INCLUDES, perPage: true, excludeDeleted: true });
}

/** Every user created or changed since `startTime`, through the cursor-based export. */
export function exportUsers<const I extends readonly UserInclude[] = [], F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: UserExportOptions<I>,
): ExportRun<UserPage<I, F>> {
  return start(client, FEEDS.users, options, { include: USER_INCLUDES, perPage: true });
}

/** Every organization created or changed since `startTime` (time-based; boundary repeats dropped). */
export function exportOrganizations<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: OrganizationExportOptions,
): ExportRun<OrganizationPage<F>> {
  return start(client, FEEDS.organizations, options, { perPage: true });
}

/** Every ticket update since `startTime`, one event per update (time-based; boundary repeats dropped). */
export function exportTicketEvents<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: TicketEventExportOptions,
): ExportRun<TicketEventPage> {
  return start(client, FEEDS.ticket_events, options, { include: TICKET_EVENT_INCLUDES });
}

/** Every ticket metric event since `startTime` (time-based, no `end_of_stream`; boundary repeats dropped). */
export function exportTicketMetricEvents<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: TicketMetricEventExportOptions,
): ExportRun<TicketMetricEventPage> {
  return start(client, FEEDS.ticket_metric_events, options, { includeChanges: true });
}

/** Routing attributes (skill types) created, renamed or deleted since `startTime`. */
export function exportRoutingAttributes<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: RoutingExportOptions,
): ExportRun<RoutingAttributePage> {
  return start(client, FEEDS.routing_attributes, options, {});
}

/** Routing attribute values (skills) created, renamed or deleted since `startTime`. */
export function exportRoutingAttributeValues<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: RoutingExportOptions,
): ExportRun<RoutingAttributeValuePage> {
  return start(client, FEEDS.routing_attribute_values, options, {});
}

/** Skills given to or taken from agents and tickets since `startTime`. */
export function exportRoutingInstanceValues<F extends CustomFieldMaps = CustomFieldMaps>(
  client: ExportClient<F>,
  options: RoutingExportOptions,
): ExportRun<RoutingInstanceValuePage> {
  return start(client, FEEDS.routing_instance_values, options, {});
}
