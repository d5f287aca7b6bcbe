/**
 * Zendesk's two list styles. Cursor: `page[size]` (at most 100), `page[after]`, `page[before]`, answered with
 * `meta {has_more, after_cursor, before_cursor}` and `links {next, prev}`. Offset: `page`, `per_page`, answered with
 * `next_page`, `previous_page` and `count`. Links are absolute URLs on the simulator's own origin.
 */
import { badRequest } from "./errors.js";
import { json, type Reply } from "./reply.js";
import type { RecordTable, TableRow } from "./table.js";
import type { RequestContext } from "./types.js";

export const MAX_PAGE_SIZE = 100;

export type PageRequest =
  | { mode: "cursor"; size: number; after?: string; before?: string }
  | { mode: "offset"; page: number; perPage: number };

/**
 * Reads the paging parameters. Cursor paging is used when `page[size]`, `page[after]` or `page[before]` is given,
 * or when the endpoint pages by cursor only; otherwise offset paging.
 */
export function readPageRequest(
  query: URLSearchParams,
  options: { cursorOnly?: boolean; defaultSize?: number } = {},
): PageRequest | Reply {
  const size = query.get("page[size]");
  const after = query.get("page[after]") ?? undefined;
  const before = query.get("page[before]") ?? undefined;
  if (options.cursorOnly || size !== null || after !== undefined || before !== undefined) {
    if (after !== undefined && before !== undefined) {
      return badRequest("InvalidPaginationParameter", "page[after] and page[before] cannot be used together");
    }
    const parsed = size === null ? (options.defaultSize ?? MAX_PAGE_SIZE) : Number(size);
    if (!Number.isInteger(parsed) || parsed < 1) {
      return badRequest("InvalidPaginationParameter", "page[size] must be a positive integer");
    }
    if (parsed > MAX_PAGE_SIZE) {
      return badRequest("InvalidPaginationParameter", `page[size] must be at most ${MAX_PAGE_SIZE}`);
    }
    return { mode: "cursor", size: parsed, after, before };
  }
  const page = Number(query.get("page") ?? 1);
  const perPage = Number(query.get("per_page") ?? MAX_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
    return badRequest("InvalidPaginationParameter", "page and per_page must be positive integers");
  }
  return { mode: "offset", page, perPage: Math.min(perPage, MAX_PAGE_SIZE) };
}

export function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "status" in value && typeof value.status === "number";
}

/** Opaque cursors: base64url of a small JSON array naming the sort and the position in it. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursor(cursor: string): (string | number)[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
      return value;
    }
  } catch {
    // fall through
  }
  return undefined;
}

export const invalidCursor = (): Reply => badRequest("InvalidPaginationParameter", "The cursor is not valid");

/** The request's URL on the simulator's origin (with `.json`, as Zendesk writes its links) with some params changed. */
export function pageUrl(ctx: RequestContext, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(ctx.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) params.delete(name);
    else params.set(name, String(value));
  }
  const search = params.toString();
  return `${ctx.origin}${ctx.path}.json${search ? `?${search}` : ""}`;
}

export interface CursorSource<T> {
  /** Items after the position (all items when undefined), in list order. */
  forward(after: (string | number)[] | undefined): Iterable<T>;
  /** Items before the position, in reverse list order. */
  backward(before: (string | number)[]): Iterable<T>;
  /** The position of an item, encoded into cursors. */
  position(item: T): (string | number)[];
}

export interface CursorPage<T> {
  items: T[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}

/** One page of a cursor-paged list, or an error reply for a bad cursor. */
export function cursorPage<T>(
  ctx: RequestContext,
  request: Extract<PageRequest, { mode: "cursor" }>,
  source: CursorSource<T>,
): CursorPage<T> | Reply {
  const backward = request.before !== undefined;
  const cursor = request.before ?? request.after;
  const position = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && !position) return invalidCursor();
  const items: T[] = [];
  const iterable = backward ? source.backward(position as (string | number)[]) : source.forward(position);
  let hasMore = false;
  for (const item of iterable) {
    if (items.length === request.size) {
      hasMore = true;
      break;
    }
    items.push(item);
  }
  if (backward) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const afterCursor = last === undefined ? null : encodeCursor(source.position(last));
  const beforeCursor = first === undefined ? null : encodeCursor(source.position(first));
  const size = request.size;
  const link = (name: "page[after]" | "page[before]", value: string) =>
    pageUrl(ctx, {
      "page[size]": size,
      "page[after]": name === "page[after]" ? value : undefined,
      "page[before]": name === "page[before]" ? value : undefined,
    });
  const next = afterCursor && (backward || hasMore) ? link("page[after]", afterCursor) : null;
  const prev = beforeCursor && (!backward || hasMore) ? link("page[before]", beforeCursor) : null;
  return {
    items,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: { next, prev },
  };
}

/**
 * Cursor paging over an in-memory array already in list order. `key` gives each item's position; positions must
 * grow along the list (or shrink, with `descending`), so a cursor whose item has since gone still finds its place.
 */
export function arraySource<T>(
  items: readonly T[],
  key: (item: T) => (string | number)[],
  descending = false,
): CursorSource<T> {
  const order = (a: (string | number)[], b: (string | number)[]) => {
    const sign = descending ? -1 : 1;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === undefined) return -sign;
      if (y === undefined) return sign;
      return x < y ? -sign : sign;
    }
    return 0;
  };
  return {
    *forward(after) {
      for (const item of items) if (after === undefined || order(key(item), after) > 0) yield item;
    },
    *backward(before) {
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i] as T;
        if (order(key(item), before) < 0) yield item;
      }
    },
    position: key,
  };
}

export interface OffsetPage<T> {
  items: T[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}

/** One page of an offset-paged list: `itemAt(index)` reads the list, `count` is its length. */
export function offsetPage<T>(
  ctx: RequestContext,
  request: Extract<PageRequest, { mode: "offset" }>,
  count: number,
  slice: (start: number, end: number) => T[],
): OffsetPage<T> {
  const start = (request.page - 1) * request.perPage;
  const end = Math.min(count, start + request.perPage);
  const items = start < count ? slice(start, end) : [];
  const perPage = ctx.query.has("per_page") ? request.perPage : undefined;
  return {
    items,
    next_page: end < count ? pageUrl(ctx, { page: request.page + 1, per_page: perPage }) : null,
    previous_page: request.page > 1 ? pageUrl(ctx, { page: request.page - 1, per_page: perPage }) : null,
    count,
  };
}

/**
 * A page of a seeded table's live rows, or of `rows` (a filtered subset) when given, in the style the request
 * asks for, under `key` (`{ tickets: [...] }`): cursor paging with `meta` and `links`, or offset paging with
 * `next_page`, `previous_page` and `count`.
 */
export function tablePage<Row extends TableRow>(
  ctx: RequestContext,
  request: PageRequest,
  table: RecordTable<Row>,
  key: string,
  toJson: (row: Row) => unknown,
  rows?: Row[],
): Reply {
  if (request.mode === "cursor") {
    const source: CursorSource<Row> = rows
      ? arraySource(rows, (row) => [row.id])
      : {
          forward: (after) => table.ascending(Number(after?.[0] ?? 0)),
          backward: (before) => table.descending(Number(before[0])),
          position: (row) => [row.id],
        };
    const page = cursorPage(ctx, request, source);
    if (isReply(page)) return page;
    return json(200, { [key]: page.items.map(toJson), meta: page.meta, links: page.links });
  }
  const page = rows
    ? offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end))
    : offsetPage(ctx, request, table.size, (start, end) => {
        const first = table.nthLiveId(start);
        const out: Row[] = [];
        if (first === undefined) return out;
        for (const row of table.ascending(first - 1)) {
          out.push(row);
          if (out.length === end - start) break;
        }
        return out;
      });
  return json(200, {
    [key]: page.items.map(toJson),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}
