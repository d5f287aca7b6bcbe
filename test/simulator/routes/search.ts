/**
 * The search routes: the search list (offset pages, refused past result 1,000 as Zendesk does), its count, and the
 * search export (one type a run, cursors that expire an hour after they were handed out, on the simulator's clock).
 * The query syntax and the records searched are in search-query.ts.
 */
import { badRequest } from "../errors.js";
import { groupsOf } from "../groups-state.js";
import { decodeCursor, encodeCursor, isReply, offsetPage, pageUrl, readPageRequest } from "../pagination.js";
import { organizationJson, userJson } from "../present.js";
import { json, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import {
  type Candidate,
  createdAt,
  groupJson,
  isResultType,
  kindRank,
  namesType,
  parseQuery,
  RESULT_TYPES,
  resultJson,
  search,
  type Term,
} from "../search-query.js";
import type { RequestContext } from "../types.js";
import { missingParameter } from "./common.js";

/** The most results the search list serves for one query. */
export const SEARCH_RESULT_LIMIT = 1000;
export const EXPORT_DEFAULT_SIZE = 100;
export const EXPORT_MAX_SIZE = 1000;
/** How long an export cursor can be used after the page that handed it out. */
export const EXPORT_CURSOR_TTL_MS = 60 * 60 * 1000;

export function registerSearchRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/search", listResults)
    .add("GET", "/api/v2/search/count", countResults)
    .add("GET", "/api/v2/search/export", exportResults);
}

function queryTerms(ctx: RequestContext): Term[] | Reply {
  const query = ctx.query.get("query");
  if (query === null || query.trim() === "") return missingParameter("query");
  return parseQuery(query);
}

const SORT_BY = ["updated_at", "created_at", "priority", "status", "ticket_type"] as const;
type SortBy = (typeof SORT_BY)[number];
const STATUS_RANK = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITY_RANK = ["low", "normal", "high", "urgent"];

/** What a result sorts on; null (a property the kind does not have) sorts last either way. */
function sortKey(candidate: Candidate, by: SortBy): number | string | null {
  switch (by) {
    case "created_at":
      return candidate.row.createdAt;
    case "updated_at":
      return candidate.row.updatedAt;
    case "priority":
      return candidate.kind === "ticket" && candidate.row.priority !== null
        ? PRIORITY_RANK.indexOf(candidate.row.priority)
        : null;
    case "status":
      return candidate.kind === "ticket" ? STATUS_RANK.indexOf(candidate.row.status) : null;
    case "ticket_type":
      return candidate.kind === "ticket" ? candidate.row.type : null;
  }
}

/**
 * Zendesk orders by relevance unless `sort_by` says otherwise; the simulator's relevance is the newest created
 * first. Ties go by kind, then id, so that pages never overlap.
 */
function sortResults(results: Candidate[], by: SortBy, descending: boolean): void {
  const sign = descending ? -1 : 1;
  results.sort((a, b) => {
    const x = sortKey(a, by);
    const y = sortKey(b, by);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return ((kindRank(a.kind) - kindRank(b.kind)) * 1_000_000_000 + (a.row.id - b.row.id)) * sign;
  });
}

function listResults(ctx: RequestContext): Reply {
  const terms = queryTerms(ctx);
  if (isReply(terms)) return terms;
  const sortBy = ctx.query.get("sort_by") ?? "created_at";
  if (!(SORT_BY as readonly string[]).includes(sortBy)) {
    return badRequest("InvalidParameter", `sort_by must be one of ${SORT_BY.join(", ")}`);
  }
  const sortOrder = ctx.query.get("sort_order") ?? "desc";
  if (sortOrder !== "asc" && sortOrder !== "desc") {
    return badRequest("InvalidParameter", "sort_order must be asc or desc");
  }
  // The list pages by number only: cursor parameters mean nothing to it.
  const query = new URLSearchParams(ctx.query);
  for (const name of ["page[size]", "page[after]", "page[before]"]) query.delete(name);
  const request = readPageRequest(query);
  if (isReply(request)) return request;
  if (request.mode !== "offset") return badRequest("InvalidPaginationParameter", "The search pages by page number");
  if (request.page * request.perPage > SEARCH_RESULT_LIMIT) {
    return json(422, {
      error: "invalid",
      description: `Search results stop at ${SEARCH_RESULT_LIMIT} a query: page ${request.page} of ${request.perPage} would go past them. Narrow the query, or use the search export to read every result.`,
    });
  }
  const results = search(ctx.sim.store, terms);
  sortResults(results, sortBy as SortBy, sortOrder === "desc");
  const store = ctx.sim.store;
  const page = offsetPage(ctx, request, results.length, (start, end) => results.slice(start, end));
  return json(200, {
    results: page.items.map((candidate) => resultJson(store, ctx.origin, candidate)),
    facets: null,
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
    ...sideloads(ctx, page.items),
  });
}

/** The sideloads the search serves; others are ignored, as Zendesk ignores what it does not know. */
const SIDELOADS = new Set(["tickets(users)", "tickets(groups)", "tickets(organizations)", "users(organizations)"]);

/** `tickets(users),users(organizations)` or `tickets(users,groups)` → `[["tickets", "users"], …]`. */
function includePairs(raw: string | null): [string, string][] {
  const pairs: [string, string][] = [];
  for (const match of (raw ?? "").matchAll(/([a-z_]+)\(([^)]*)\)/g)) {
    for (const sideload of (match[2] ?? "").split(",")) pairs.push([match[1] ?? "", sideload.trim()]);
  }
  return pairs;
}

/** The related records `include` asks for, of the page's results only. */
function sideloads(ctx: RequestContext, page: readonly Candidate[]): Record<string, unknown[]> {
  const store = ctx.sim.store;
  const userIds = new Set<number>();
  const groupIds = new Set<number>();
  const organizationIds = new Set<number>();
  const asked = new Set<string>();
  for (const [kind, sideload] of includePairs(ctx.query.get("include"))) {
    for (const candidate of page) {
      if (kind === "tickets" && candidate.kind === "ticket") {
        const t = candidate.row;
        if (sideload === "users")
          for (const id of [t.requesterId, t.submitterId, t.assigneeId]) if (id) userIds.add(id);
        if (sideload === "groups" && t.groupId !== null) groupIds.add(t.groupId);
        if (sideload === "organizations" && t.organizationId !== null) organizationIds.add(t.organizationId);
      }
      if (kind === "users" && candidate.kind === "user" && sideload === "organizations") {
        if (candidate.row.organizationId !== null) organizationIds.add(candidate.row.organizationId);
      }
    }
    if (SIDELOADS.has(`${kind}(${sideload})`)) asked.add(sideload);
  }
  const out: Record<string, unknown[]> = {};
  const sorted = (ids: Set<number>) => [...ids].sort((a, b) => a - b);
  if (asked.has("users")) {
    out.users = sorted(userIds).flatMap((id) => {
      const row = store.users.get(id);
      return row ? [userJson(ctx.origin, row)] : [];
    });
  }
  if (asked.has("groups")) {
    const groups = groupsOf(store).groups;
    out.groups = sorted(groupIds).flatMap((id) => {
      const row = groups.get(id);
      return row ? [groupJson(ctx.origin, row)] : [];
    });
  }
  if (asked.has("organizations")) {
    out.organizations = sorted(organizationIds).flatMap((id) => {
      const row = store.organizations.get(id);
      return row ? [organizationJson(ctx.origin, row)] : [];
    });
  }
  return out;
}

function countResults(ctx: RequestContext): Reply {
  const terms = queryTerms(ctx);
  if (isReply(terms)) return terms;
  return json(200, { count: search(ctx.sim.store, terms).length });
}

/** Export order: oldest created first, then id. */
const exportKey = (candidate: Candidate): [number, number] => [createdAt(candidate), candidate.row.id];
const after = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

function exportResults(ctx: RequestContext): Reply {
  const terms = queryTerms(ctx);
  if (isReply(terms)) return terms;
  const type = ctx.query.get("filter[type]");
  if (type === null || type === "") {
    return badRequest(
      "InvalidParameter",
      `filter[type] is required: the export returns one type of record (${RESULT_TYPES.join(", ")})`,
    );
  }
  if (!isResultType(type)) {
    return badRequest("InvalidParameter", `filter[type] must be one of ${RESULT_TYPES.join(", ")}`);
  }
  if (namesType(terms)) {
    return badRequest(
      "InvalidParameter",
      "The export takes the record type in filter[type]; remove type: from the query",
    );
  }
  const rawSize = ctx.query.get("page[size]");
  const size = rawSize === null ? EXPORT_DEFAULT_SIZE : Number(rawSize);
  if (!Number.isInteger(size) || size < 1) {
    return badRequest("InvalidPaginationParameter", "page[size] must be a positive integer");
  }
  if (size > EXPORT_MAX_SIZE) {
    return badRequest("InvalidPaginationParameter", `page[size] must be at most ${EXPORT_MAX_SIZE}`);
  }
  const now = ctx.sim.clock.now();
  const cursor = ctx.query.get("page[after]");
  let from: [number, number] = [Number.NEGATIVE_INFINITY, 0];
  if (cursor !== null) {
    const [time, id, issued] = decodeCursor(cursor) ?? [];
    if (typeof time !== "number" || typeof id !== "number" || typeof issued !== "number") {
      return badRequest("InvalidPaginationParameter", "The cursor is not valid");
    }
    if (now - issued > EXPORT_CURSOR_TTL_MS) {
      return badRequest(
        "InvalidPaginationParameter",
        "The cursor is invalid or has expired: export cursors last one hour, so start the export again",
      );
    }
    from = [time, id];
  }
  const results = search(ctx.sim.store, terms, type);
  results.sort((a, b) => createdAt(a) - createdAt(b) || a.row.id - b.row.id);
  const rest = results.filter((candidate) => after(exportKey(candidate), from));
  const items = rest.slice(0, size);
  const hasMore = rest.length > size;
  const last = items[items.length - 1];
  const afterCursor = hasMore && last ? encodeCursor([...exportKey(last), now]) : null;
  const store = ctx.sim.store;
  return json(200, {
    results: items.map((candidate) => resultJson(store, ctx.origin, candidate)),
    facets: null,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
    links: {
      next: afterCursor ? pageUrl(ctx, { "page[size]": size, "page[after]": afterCursor }) : null,
      prev: null,
    },
  });
}
