/**
 * Incremental exports, with Zendesk's behaviours:
 * - time-based (`start_time`, then `next_page`): up to 1000 items a page, ordered by update time then id; `end_time`
 *   is the last item's time and the next page starts *at* it, so items updated in that second come again (the
 *   boundary overlap). When more than a page of items share one second, `next_page` repeats the request: the stall
 *   Zendesk documents for time-based exports;
 * - cursor-based (`start_time`, then `cursor`): the cursor holds (time, id) of the last item, so it never repeats an
 *   item and cannot stall on a crowded second: the reason to prefer it;
 * - items changed in the last 60 seconds are not exported yet, and a `start_time` less than a minute ago is refused.
 * Each endpoint has its own rate limit (10 a minute; the sample export 10 per 20 minutes), set on the route.
 */
import { badRequest, invalidEndpoint } from "../errors.js";
import type { AuditRow, OrganizationRow, TicketMetricEventRow, TicketRow, UserRow } from "../models.js";
import { decodeCursor, encodeCursor, invalidCursor, pageUrl } from "../pagination.js";
import { metricEventJson, organizationJson, ticketEventJson, ticketJson, userJson } from "../present.js";
import { json, type Reply } from "../reply.js";
import type { RequestContext, Router } from "../router.js";
import { SEEDED_METRIC_EVENT_BASE, SEEDED_TICKET_AGE, seededTime } from "../seed.js";
import type { Store } from "../store.js";
import { compareTimeKey, lowerBoundBy, type TableRow, type TimeKey } from "../table.js";

/** Items a time-based or cursor-based page holds at most. */
export const EXPORT_PAGE_LIMIT = 1000;
/** Items the sample export returns at most. */
export const SAMPLE_LIMIT = 50;
/** Seconds before an update shows up in an export. */
export const EXPORT_LAG_SECONDS = 60;

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
    .add("GET", "/api/v2/incremental/{incremental_resource}/sample", sample, "sample");
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
