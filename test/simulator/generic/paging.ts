/**
 * One page of a generic collection, in the style its operation declares. `cursor`, `offset` and
 * `cursor-or-offset` are the simulator's usual paging (pagination.ts); the others:
 *
 * - `legacy-cursor`: `cursor` and `limit` (default 100, at most 1000), newest records first. A page carries
 *   `before_cursor`/`before_url` (the older records: the next page) and `after_cursor`/`after_url` (the newer ones),
 *   each null when there is nothing that way.
 * - `search-export`: `page[size]` (default 100, at most 1000) and `page[after]`, answered with `meta.has_more`,
 *   `meta.after_cursor` and `links.next`. A cursor lasts an hour from when the simulator issued it, on its clock.
 * - `unpaginated`: every record at once.
 */
import { badRequest } from "../errors.js";
import {
  arraySource,
  cursorPage,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isReply,
  offsetPage,
  type PageRequest,
  pageUrl,
  readPageRequest,
} from "../pagination.js";
import type { Reply } from "../reply.js";
import type { RequestContext } from "../types.js";
import type { PagingStyle } from "./plan.js";
import type { StoredRecord } from "./store.js";

export const LEGACY_DEFAULT_LIMIT = 100;
export const LEGACY_MAX_LIMIT = 1000;
export const EXPORT_DEFAULT_SIZE = 100;
export const EXPORT_MAX_SIZE = 1000;
/** How long a search-export cursor stays usable after it was issued. */
export const EXPORT_CURSOR_TTL_MS = 60 * 60 * 1000;

export interface GenericPage {
  items: StoredRecord[];
  /** The paging properties of the response (meta, links, next_page…). */
  fields: Record<string, unknown>;
}

/**
 * Pages `records` (in creation order). `declares("meta.before_cursor")` says whether the response schema has room
 * for a property the style may leave out.
 */
export function genericPage(
  ctx: RequestContext,
  style: PagingStyle,
  records: readonly StoredRecord[],
  declares: (path: string) => boolean,
): GenericPage | Reply {
  switch (style) {
    case "cursor":
      return cursorStyle(ctx, readPageRequest(ctx.query, { cursorOnly: true }), records);
    case "offset": {
      // Cursor parameters mean nothing to an offset-only list.
      const query = new URLSearchParams(ctx.query);
      for (const name of ["page[size]", "page[after]", "page[before]"]) query.delete(name);
      return cursorStyle(ctx, readPageRequest(query), records);
    }
    case "cursor-or-offset":
      return cursorStyle(ctx, readPageRequest(ctx.query), records);
    case "legacy-cursor":
      return legacyCursor(ctx, records, declares);
    case "search-export":
      return searchExport(ctx, records, declares);
    case "unpaginated":
      return { items: [...records], fields: declares("count") ? { count: records.length } : {} };
  }
}

function cursorStyle(ctx: RequestContext, request: PageRequest | Reply, records: readonly StoredRecord[]) {
  if (isReply(request)) return request;
  if (request.mode === "offset") {
    const page = offsetPage(ctx, request, records.length, (start, end) => records.slice(start, end));
    const { items, ...fields } = page;
    return { items, fields };
  }
  const page = cursorPage(
    ctx,
    request,
    arraySource(records, (record) => [record.seq]),
  );
  if (isReply(page)) return page;
  return { items: page.items, fields: { meta: page.meta, links: page.links } };
}

function positiveInteger(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

function legacyCursor(
  ctx: RequestContext,
  records: readonly StoredRecord[],
  declares: (path: string) => boolean,
): GenericPage | Reply {
  const limit = positiveInteger(ctx.query.get("limit"), LEGACY_DEFAULT_LIMIT);
  if (limit === undefined) return badRequest("InvalidPaginationParameter", "limit must be a positive integer");
  if (limit > LEGACY_MAX_LIMIT) {
    return badRequest("InvalidPaginationParameter", `limit must be at most ${LEGACY_MAX_LIMIT}`);
  }
  const cursor = ctx.query.get("cursor");
  let page: StoredRecord[];
  if (cursor === null || cursor === "") {
    page = records.slice(-limit).reverse();
  } else {
    const position = decodeCursor(cursor);
    const [direction, seq] = position ?? [];
    if ((direction !== "before" && direction !== "after") || typeof seq !== "number") return invalidCursor();
    page =
      direction === "before"
        ? records.filter((record) => record.seq < seq).slice(-limit)
        : records.filter((record) => record.seq > seq).slice(0, limit);
    page.reverse();
  }
  const newest = page[0];
  const oldest = page[page.length - 1];
  const before =
    oldest && records.some((record) => record.seq < oldest.seq) ? encodeCursor(["before", oldest.seq]) : null;
  const after =
    newest && records.some((record) => record.seq > newest.seq) ? encodeCursor(["after", newest.seq]) : null;
  const fields: Record<string, unknown> = {
    before_cursor: before,
    after_cursor: after,
    before_url: before ? pageUrl(ctx, { cursor: before }) : null,
    after_url: after ? pageUrl(ctx, { cursor: after }) : null,
  };
  if (declares("count")) fields.count = records.length;
  return { items: page, fields };
}

function searchExport(
  ctx: RequestContext,
  records: readonly StoredRecord[],
  declares: (path: string) => boolean,
): GenericPage | Reply {
  const size = positiveInteger(ctx.query.get("page[size]"), EXPORT_DEFAULT_SIZE);
  if (size === undefined) return badRequest("InvalidPaginationParameter", "page[size] must be a positive integer");
  if (size > EXPORT_MAX_SIZE) {
    return badRequest("InvalidPaginationParameter", `page[size] must be at most ${EXPORT_MAX_SIZE}`);
  }
  const now = ctx.sim.clock.now();
  const cursor = ctx.query.get("page[after]");
  let after = 0;
  if (cursor !== null) {
    const [seq, issued] = decodeCursor(cursor) ?? [];
    if (typeof seq !== "number" || typeof issued !== "number") return invalidCursor();
    if (now - issued > EXPORT_CURSOR_TTL_MS) {
      return badRequest(
        "InvalidPaginationParameter",
        "The cursor is invalid or has expired: export cursors last one hour, so start the export again",
      );
    }
    after = seq;
  }
  const rest = records.filter((record) => record.seq > after);
  const items = rest.slice(0, size);
  const hasMore = rest.length > size;
  const last = items[items.length - 1];
  const afterCursor = hasMore && last ? encodeCursor([last.seq, now]) : null;
  const meta: Record<string, unknown> = { has_more: hasMore, after_cursor: afterCursor };
  if (declares("meta.before_cursor")) meta.before_cursor = null;
  const next = afterCursor ? pageUrl(ctx, { "page[size]": size, "page[after]": afterCursor }) : null;
  const links: Record<string, unknown> = { next };
  if (declares("links.prev")) links.prev = null;
  return { items, fields: { meta, links } };
}
