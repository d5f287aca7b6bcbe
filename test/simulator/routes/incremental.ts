/**
 * Incremental exports, with Zendesk's behaviours:
 * - time-based (`start_time`, then `next_page`): up to 1000 items a page, ordered by update time then id; `end_time`
 *   is the last item's time and the next page starts *at* it, so items updated in that second come again (the
 *   boundary overlap). When more than a page of items share one second, `next_page` repeats the request: the stall
 *   Zendesk documents for time-based exports;
 * - cursor-based (`start_time`, then `cursor`): the cursor holds (time, id) of the last item, so it never repeats an
 *   item and cannot stall on a crowded second: the reason to prefer it;
 * - routing (`start_time`, then the `cursor` inside `next_page`): the skill-based routing changes, up to 1000 a page
 *   (`exports.routingPageSize`), with `count` and `end_time` (the newest change's second; on an empty page, the
 *   position's) but no `end_of_stream`. `next_page` is always there and
 *   its cursor holds the position of the last change, so a page never repeats a change and never stalls; the feed
 *   ends on an empty page, whose `next_page` carries the cursor it was asked with. Instance values are placed by
 *   when they last changed (Zendesk sorts them by `updated_at` since September 2024): an association that was
 *   taken back comes with its removal, in the removal's second, grouped by attribute value within a second;
 * - items changed in the last 60 seconds are not exported yet, and a `start_time` less than a minute ago is refused.
 * Each endpoint has its own rate limit (10 a minute; the sample export 10 per 20 minutes), set on the route.
 */
import { badRequest, invalidEndpoint } from "../errors.js";
import type {
  AuditRow,
  OrganizationRow,
  RoutingAttributeChange,
  RoutingAttributeValueChange,
  RoutingInstanceValueRow,
  TicketMetricEventRow,
  TicketRow,
  UserRow,
} from "../models.js";
import { decodeCursor, encodeCursor, invalidCursor, pageUrl } from "../pagination.js";
import {
  metricEventJson,
  organizationJson,
  routingAttributeJson,
  routingAttributeValueJson,
  routingInstanceValueJson,
  ticketEventJson,
  ticketJson,
  userJson,
} from "../present.js";
import { json, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import { SEEDED_METRIC_EVENT_BASE, SEEDED_TICKET_AGE, seededTime } from "../seed.js";
import type { Store } from "../store.js";
import { compareTimeKey, lowerBoundBy, type TableRow, type TimeKey } from "../table.js";
import type { RequestContext } from "../types.js";

/** Items a time-based or cursor-based page holds at most. */
export const EXPORT_PAGE_LIMIT = 1000;
/** Items the sample export returns at most. */
export const SAMPLE_LIMIT = 50;
/** Seconds before an update shows up in an export. */
export const EXPORT_LAG_SECONDS = 60;
/** Changes a routing export page holds at most (`exports.routingPageSize` sets fewer). */
export const ROUTING_PAGE_LIMIT = 1000;

interface Timed<T> {
  time: number;
  id: number;
  item: T;
}

interface ExportSource<T> {
  /** The response property holding the items. */
  property: string;
  /** Items at or after `from` (or strictly after `after`), in (time, id) order. */
  stream(store: Store, from: number, after?: TimeKey): Iterable<Timed<T>>;
  /** Items before a position, newest first (the cursor exports' `before_cursor`). */
  backward?(store: Store, before: TimeKey): Iterable<Timed<T>>;
  toJson(ctx: RequestContext, item: T): unknown;
}

const ticketSource: ExportSource<TicketRow> = {
  property: "tickets",
  *stream(store, from, after) {
    for (const row of store.tickets.byTime(from, after)) yield { time: row.updatedAt, id: row.id, item: row };
  },
  *backward(store, before) {
    for (const row of store.tickets.byTimeDescending(before)) yield { time: row.updatedAt, id: row.id, item: row };
  },
  toJson: (ctx, row) => ticketJson(ctx.sim.store, ctx.origin, row),
};

const userSource: ExportSource<UserRow> = {
  property: "users",
  *stream(store, from, after) {
    for (const row of store.users.byTime(from, after)) yield { time: row.updatedAt, id: row.id, item: row };
  },
  *backward(store, before) {
    for (const row of store.users.byTimeDescending(before)) yield { time: row.updatedAt, id: row.id, item: row };
  },
  toJson: (ctx, row) => userJson(ctx.origin, row),
};

const organizationSource: ExportSource<OrganizationRow> = {
  property: "organizations",
  *stream(store, from, after) {
    for (const row of store.organizations.byTime(from, after)) yield { time: row.updatedAt, id: row.id, item: row };
  },
  toJson: (ctx, row) => organizationJson(ctx.origin, row),
};

const ticketEventSource: ExportSource<AuditRow> = {
  property: "ticket_events",
  stream(store, from) {
    const seeded = (which: 0 | 1, offset: number) =>
      (function* () {
        for (let id = firstSeededId(store, from + offset); id <= store.seed.tickets; id++) {
          const audit = store.seededHistory(id).audits[which] as AuditRow;
          yield { time: audit.createdAt, id: audit.id, item: audit };
        }
      })();
    const start = lowerBoundBy(store.apiAudits, from, (audit, time) => audit.createdAt < time);
    const api = (function* () {
      for (let i = start; i < store.apiAudits.length; i++) {
        const audit = store.apiAudits[i] as AuditRow;
        yield { time: audit.createdAt, id: audit.id, item: audit };
      }
    })();
    return mergeByKey([seeded(0, SEEDED_TICKET_AGE), seeded(1, 0), api]);
  },
  toJson: (ctx, audit) => ticketEventJson(ctx.sim.store, audit),
};

const metricEventSource: ExportSource<TicketMetricEventRow> = {
  property: "ticket_metric_events",
  stream(store, from) {
    const seeded = (function* () {
      for (let id = firstSeededId(store, from + SEEDED_TICKET_AGE); id <= store.seed.tickets; id++) {
        const time = seededTime(store.seed, id) - SEEDED_TICKET_AGE;
        const event: TicketMetricEventRow = {
          id: SEEDED_METRIC_EVENT_BASE + id,
          ticketId: id,
          metric: "reply_time",
          instanceId: 1,
          type: "activate",
          time,
        };
        yield { time, id: event.id, item: event };
      }
    })();
    const api = (function* () {
      for (const event of store.apiMetricEvents)
        if (event.time >= from) yield { time: event.time, id: event.id, item: event };
    })();
    return mergeByKey([seeded, api]);
  },
  toJson: (_ctx, event) => metricEventJson(event),
};

/** A routing change's place in its feed: (second it is placed at, tie-break, rank). Cursors hold it. */
type RoutingKey = [time: number, tie: string, rank: number];

interface RoutingEntry {
  key: RoutingKey;
  /** When the change happened (its `time`); the key's time is where it is placed. */
  time: number;
  json: () => unknown;
}

interface RoutingSource {
  property: string;
  /** Every change, in feed order. */
  entries(store: Store): RoutingEntry[];
}

/** Attribute and attribute value changes sit at their own second; changes of one record in a second keep their order. */
function changeEntries<T extends { id: string; time: number; seq: number }>(
  log: readonly T[],
  json: (change: T) => unknown,
): RoutingEntry[] {
  return sortEntries(
    log.map((change) => ({ key: [change.time, change.id, change.seq], time: change.time, json: () => json(change) })),
  );
}

const routingAttributeSource: RoutingSource = {
  property: "attributes",
  entries: (store) => changeEntries<RoutingAttributeChange>(store.routing.attributes, routingAttributeJson),
};

const routingAttributeValueSource: RoutingSource = {
  property: "attribute_values",
  entries: (store) =>
    changeEntries<RoutingAttributeValueChange>(store.routing.attributeValues, routingAttributeValueJson),
};

const routingInstanceValueSource: RoutingSource = {
  property: "instance_values",
  entries(store) {
    const entries: RoutingEntry[] = [];
    const add = (row: RoutingInstanceValueRow, removal: boolean) => {
      // Placed by the instance value's last change: an association taken back moves up to its removal.
      const placed = row.unassociatedAt ?? row.associatedAt;
      const key: RoutingKey = [placed, `${row.attributeValueId}/${row.id}`, removal ? 1 : 0];
      const time = removal ? (row.unassociatedAt as number) : row.associatedAt;
      entries.push({ key, time, json: () => routingInstanceValueJson(row, removal) });
    };
    for (const row of store.routing.instanceValues.values()) {
      add(row, false);
      if (row.unassociatedAt !== null) add(row, true);
    }
    return sortEntries(entries);
  },
};

function compareRoutingKey(a: RoutingKey, b: RoutingKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] - b[2];
}

function sortEntries(entries: RoutingEntry[]): RoutingEntry[] {
  return entries.sort((a, b) => compareRoutingKey(a.key, b.key));
}

const SAMPLE_SOURCES: Record<string, ExportSource<never>> = {
  tickets: ticketSource as ExportSource<never>,
  users: userSource as ExportSource<never>,
  organizations: organizationSource as ExportSource<never>,
  ticket_events: ticketEventSource as ExportSource<never>,
};

export function registerIncrementalRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/incremental/tickets", (ctx) => timeExport(ctx, ticketSource, EXPORT_PAGE_LIMIT), "incremental")
    .add(
      "GET",
      "/api/v2/incremental/tickets/cursor",
      (ctx) => cursorExport(ctx, ticketSource, "/api/v2/incremental/tickets/cursor"),
      "incremental",
    )
    .add("GET", "/api/v2/incremental/users", (ctx) => timeExport(ctx, userSource, EXPORT_PAGE_LIMIT), "incremental")
    .add(
      "GET",
      "/api/v2/incremental/users/cursor",
      (ctx) => cursorExport(ctx, userSource, "/api/v2/incremental/users/cursor"),
      "incremental",
    )
    .add(
      "GET",
      "/api/v2/incremental/organizations",
      (ctx) => timeExport(ctx, organizationSource, EXPORT_PAGE_LIMIT),
      "incremental",
    )
    .add(
      "GET",
      "/api/v2/incremental/ticket_events",
      (ctx) => timeExport(ctx, ticketEventSource, EXPORT_PAGE_LIMIT),
      "incremental",
    )
    .add(
      "GET",
      "/api/v2/incremental/ticket_metric_events",
      (ctx) => timeExport(ctx, metricEventSource, EXPORT_PAGE_LIMIT),
      "incremental",
    )
    .add("GET", "/api/v2/incremental/{incremental_resource}/sample", sample, "sample")
    .add(
      "GET",
      "/api/v2/incremental/routing/attributes",
      (ctx) => routingExport(ctx, routingAttributeSource),
      "incremental",
    )
    .add(
      "GET",
      "/api/v2/incremental/routing/attribute_values",
      (ctx) => routingExport(ctx, routingAttributeValueSource),
      "incremental",
    )
    .add(
      "GET",
      "/api/v2/incremental/routing/instance_values",
      (ctx) => routingExport(ctx, routingInstanceValueSource),
      "incremental",
    );
}

function sample(ctx: RequestContext): Reply {
  const source = SAMPLE_SOURCES[ctx.params.incremental_resource ?? ""];
  return source ? timeExport(ctx, source, SAMPLE_LIMIT) : invalidEndpoint();
}

/** Reads and checks `start_time`: required, and at least a minute in the past. */
function readStartTime(ctx: RequestContext): number | Reply {
  const raw = ctx.query.get("start_time");
  if (raw === null || raw === "") return badRequest("InvalidValue", "Parameter start_time is required");
  const startTime = Number(raw);
  if (!Number.isInteger(startTime) || startTime < 0) {
    return badRequest("InvalidValue", "start_time must be a Unix time in seconds");
  }
  if (startTime > ctx.sim.store.now() - EXPORT_LAG_SECONDS) {
    return badRequest("InvalidValue", "start_time is too recent: use a time at least one minute in the past");
  }
  return startTime;
}

function readPerPage(ctx: RequestContext, max: number): number | Reply {
  const raw = ctx.query.get("per_page");
  if (raw === null) return max;
  const perPage = Number(raw);
  if (!Number.isInteger(perPage) || perPage < 1)
    return badRequest("InvalidValue", "per_page must be a positive integer");
  return Math.min(perPage, max);
}

/** Takes up to `limit` exportable items (older than the lag) and says whether more follow. */
function take<T>(ctx: RequestContext, stream: Iterable<Timed<T>>, limit: number): { items: Timed<T>[]; more: boolean } {
  const cutoff = ctx.sim.store.now() - EXPORT_LAG_SECONDS;
  const excludeDeleted = ctx.query.get("exclude_deleted") === "true";
  const items: Timed<T>[] = [];
  for (const entry of stream) {
    if (entry.time > cutoff) return { items, more: false };
    if (excludeDeleted && (entry.item as Partial<TableRow>).deleted) continue;
    if (items.length === limit) return { items, more: true };
    items.push(entry);
  }
  return { items, more: false };
}

function timeExport<T>(ctx: RequestContext, source: ExportSource<T>, maxPerPage: number): Reply {
  const startTime = readStartTime(ctx);
  if (typeof startTime !== "number") return startTime;
  const perPage = readPerPage(ctx, maxPerPage);
  if (typeof perPage !== "number") return perPage;
  const { items, more } = take(ctx, source.stream(ctx.sim.store, startTime), perPage);
  const last = items[items.length - 1];
  const endTime = last ? last.time : startTime;
  return json(200, {
    [source.property]: items.map((entry) => source.toJson(ctx, entry.item)),
    next_page: pageUrl(ctx, { start_time: endTime }),
    count: items.length,
    end_of_stream: !more,
    end_time: endTime,
  });
}

function cursorExport<T>(ctx: RequestContext, source: ExportSource<T>, path: string): Reply {
  const perPage = readPerPage(ctx, EXPORT_PAGE_LIMIT);
  if (typeof perPage !== "number") return perPage;
  const cursor = ctx.query.get("cursor");
  let position: TimeKey;
  let backward = false;
  if (cursor) {
    const decoded = decodeCursor(cursor);
    if (!decoded || typeof decoded[0] !== "number" || typeof decoded[1] !== "number") return invalidCursor();
    position = { time: decoded[0], id: decoded[1] };
    backward = decoded[2] === "before";
  } else {
    const startTime = readStartTime(ctx);
    if (typeof startTime !== "number") return startTime;
    position = { time: startTime, id: 0 };
  }

  let items: Timed<T>[];
  let more: boolean;
  let moreBefore: boolean;
  const store = ctx.sim.store;
  if (backward) {
    const collected: Timed<T>[] = [];
    moreBefore = false;
    for (const entry of source.backward?.(store, position) ?? []) {
      if (collected.length === perPage) {
        moreBefore = true;
        break;
      }
      collected.push(entry);
    }
    items = collected.reverse();
    more = true;
  } else {
    ({ items, more } = take(ctx, source.stream(store, position.time, position.id > 0 ? position : undefined), perPage));
    moreBefore = position.id > 0;
  }

  const first = items[0];
  const last = items[items.length - 1];
  const afterKey = last ? [last.time, last.id] : [position.time, position.id];
  const afterCursor = encodeCursor(afterKey);
  const beforeCursor = first && moreBefore ? encodeCursor([first.time, first.id, "before"]) : null;
  const url = (value: string) => {
    const base = `${ctx.origin}${path}.json?cursor=${encodeURIComponent(value)}`;
    return ctx.query.has("per_page") ? `${base}&per_page=${perPage}` : base;
  };
  return json(200, {
    [source.property]: items.map((entry) => source.toJson(ctx, entry.item)),
    after_url: url(afterCursor),
    after_cursor: afterCursor,
    before_url: beforeCursor ? url(beforeCursor) : null,
    before_cursor: beforeCursor,
    end_of_stream: !more,
  });
}

/**
 * A routing export page: from `start_time` on the first request, then strictly after the position in `cursor`.
 * `next_page` carries the position of the page's last change (the requested one when the page is empty).
 */
function routingExport(ctx: RequestContext, source: RoutingSource): Reply {
  const cursor = ctx.query.get("cursor");
  let position: RoutingKey;
  if (cursor) {
    const decoded = decodeCursor(cursor);
    const [time, tie, rank] = decoded ?? [];
    if (decoded?.length !== 3 || typeof time !== "number" || typeof tie !== "string" || typeof rank !== "number") {
      return invalidCursor();
    }
    position = [time, tie, rank];
  } else {
    const startTime = readStartTime(ctx);
    if (typeof startTime !== "number") return startTime;
    position = [startTime, "", -1]; // before every change of that second
  }
  const limit = ctx.sim.exports.routingPageSize;
  const cutoff = ctx.sim.store.now() - EXPORT_LAG_SECONDS;
  const items: RoutingEntry[] = [];
  for (const entry of source.entries(ctx.sim.store)) {
    if (compareRoutingKey(entry.key, position) <= 0) continue;
    if (entry.key[0] > cutoff || items.length === limit) break;
    items.push(entry);
  }
  const after = items[items.length - 1]?.key ?? position;
  return json(200, {
    [source.property]: items.map((entry) => entry.json()),
    next_page: `${ctx.origin}${ctx.path}.json?cursor=${encodeURIComponent(encodeCursor(after))}`,
    count: items.length,
    // The newest change on the page (an association placed by its removal can be older than its place).
    end_time: items.reduce((newest, entry) => Math.max(newest, entry.time), items.length > 0 ? 0 : position[0]),
  });
}

function firstSeededId(store: Store, time: number): number {
  let lo = 1;
  let hi = store.seed.tickets + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seededTime(store.seed, mid) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges streams that are each in (time, id) order into one. */
function* mergeByKey<T>(streams: Iterator<Timed<T>>[]): Generator<Timed<T>> {
  const heads = streams.map((stream) => stream.next());
  while (true) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as IteratorResult<Timed<T>>;
      if (head.done) continue;
      const current = heads[best];
      if (best < 0 || (current && !current.done && compareTimeKey(head.value, current.value) < 0)) best = i;
    }
    if (best < 0) return;
    const head = heads[best] as IteratorYieldResult<Timed<T>>;
    yield head.value;
    heads[best] = (streams[best] as Iterator<Timed<T>>).next();
  }
}
