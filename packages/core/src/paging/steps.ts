// One rule per pagination style: given the request just made and the page it returned, where the list goes
// next (or that it ended), how big a page to ask for, and what an error answer means. `paginate` and the
// incremental exports both page through these rules, so every style is read one way only.
import { CursorExpiredError } from "../errors/cursor-expired-error.js";
import { OffsetLimitError } from "../errors/offset-limit-error.js";
import { PaginationError } from "../errors/pagination-error.js";
import type { ZendeskError, ZendeskErrorInit } from "../errors/zendesk-error.js";
import type { PaginationMeta, PaginationStyle } from "../meta/operation-meta.js";
import type { Page } from "./types.js";

/** What a style says after one page. */
export interface PageStep {
  /** The list has nothing more to give now: make no further request. */
  done: boolean;
  /**
   * The query of the next request. When `done`, where a list that grows (an incremental export) is to be
   * asked again later, if the page says; absent when it does not.
   */
  next?: URLSearchParams;
  /**
   * The link `next` was read from, when the server gave one. A run that follows it must check that it
   * stays on the client's host and the operation's path.
   */
  link?: string;
}

/** What a step rule reads. */
export interface StepInput {
  /** `"GET /api/v2/tickets"`, for messages. */
  operation: string;
  pagination: PaginationMeta;
  /** The query of the request that returned `page`. */
  query: URLSearchParams;
  page: Page;
  /** The page's items (`page[pagination.items]`). */
  items: readonly unknown[];
}

/** The query parameter that sets a style's page size, the size sent when none is given, and Zendesk's largest. */
export interface PageSize {
  param: string;
  default?: number;
  max: number;
}

/**
 * How many pages in a row may come back empty while saying there is more, before a run gives up: a server
 * that keeps handing out next pages with nothing on them would otherwise be paged through for ever.
 */
export const MAX_EMPTY_PAGES = 50;

interface StyleRule {
  size?: PageSize;
  /** The request parameter that carries a cursor which expires, and how long it lasts after being handed out. */
  expiring?: { param: string; lifetimeMs: number };
  step(input: StepInput): PageStep;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

const DONE: PageStep = { done: true };

/** The query of a link, read relative to any base: where it points is for the caller to check. */
function queryOf(link: string, operation: string, what: string): URLSearchParams {
  try {
    return new URL(link, "https://zendesk.invalid").searchParams;
  } catch {
    throw new PaginationError(`${operation}: ${what} is not a URL: ${JSON.stringify(link.slice(0, 200))}`);
  }
}

const follow = (link: string, operation: string, what: string): PageStep => ({
  done: false,
  next: queryOf(link, operation, what),
  link,
});

/** The current query with `set` applied and `drop` removed. */
function moved(query: URLSearchParams, set: Record<string, string>, drop: string[] = []): URLSearchParams {
  const next = new URLSearchParams(query);
  for (const key of drop) next.delete(key);
  for (const [key, value] of Object.entries(set)) next.set(key, value);
  return next;
}

const positiveInt = (value: string | null | undefined): number | undefined => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Zendesk's page size on its offset lists when `per_page` is not sent. */
const DEFAULT_PER_PAGE = 100;

/**
 * An offset list that reached its cap while the server says there is more (a next page, or a `count` above
 * what was read): the rest cannot be had by offset, so say so rather than stop as though the list ended.
 */
function checkOffsetCap({ operation, pagination, query, page, items }: StepInput, next: URLSearchParams | undefined) {
  const cap = pagination.maxRecords;
  if (cap === undefined) return;
  const perPage =
    positiveInt(query.get("per_page")) ?? positiveInt(next?.get("per_page")) ?? (items.length || DEFAULT_PER_PAGE);
  const reached = ((positiveInt(query.get("page")) ?? 1) - 1) * perPage + items.length;
  const count = typeof page.count === "number" ? page.count : undefined;
  if (reached >= cap && (next !== undefined || (count !== undefined && count > reached))) {
    throw offsetLimitError(operation, cap, pagination.instead);
  }
}

const offset: StyleRule = {
  size: { param: "per_page", max: 100 },
  step(input) {
    const link = text(input.page.next_page);
    const step = link ? follow(link, input.operation, "next_page") : DONE;
    checkOffsetCap(input, step.next);
    return step;
  },
};

/** `meta.has_more` with `links.next` or `meta.after_cursor`; a page in offset form (`next_page`) is read as one. */
function cursorStep(input: StepInput): PageStep {
  const { page, query, operation } = input;
  const meta = page.meta;
  if (!(isRecord(meta) && "has_more" in meta)) return offset.step(input);
  if (meta.has_more !== true) return DONE;
  const next = isRecord(page.links) ? text(page.links.next) : undefined;
  if (next) return follow(next, operation, "links.next");
  const after = text(meta.after_cursor);
  if (after) return { done: false, next: moved(query, { "page[after]": after }, ["page[before]"]) };
  throw new PaginationError(`${operation}: meta.has_more is true but there is no links.next or meta.after_cursor`);
}

/** The query keys that say where a time-based feed is: the second it starts at, or the cursor it carries on from. */
const samePlace = (a: URLSearchParams, b: URLSearchParams) =>
  a.get("start_time") === b.get("start_time") && a.get("cursor") === b.get("cursor");

const incrementalTime: StyleRule = {
  size: { param: "per_page", max: 1000 },
  step({ operation, query, page, items }) {
    const link = text(page.next_page);
    let next: URLSearchParams | undefined;
    if (link) next = queryOf(link, operation, "next_page");
    else if (!query.has("cursor") && (typeof page.end_time === "number" || text(page.end_time))) {
      // A time-based request goes on from the page's end_time, which is what next_page would say.
      next = moved(query, { start_time: String(page.end_time) });
    }
    const later: PageStep = next ? { done: true, next } : DONE;
    if (page.end_of_stream === true || !link || !next) return later;
    const hasEndOfStream = typeof page.end_of_stream === "boolean";
    // Feeds that send no end_of_stream (ticket metric events, the routing exports) end on an empty page.
    if (!hasEndOfStream && items.length === 0) return later;
    // A next page at the very place just asked for: nothing new (an empty page, or a feed without
    // end_of_stream, has caught up). A full page that does not move is left to the run to refuse.
    if (samePlace(query, next) && (items.length === 0 || !hasEndOfStream)) return later;
    return { done: false, next, link };
  },
};

const incrementalCursor: StyleRule = {
  size: { param: "per_page", max: 1000 },
  step({ operation, query, page }) {
    const after = text(page.after_cursor);
    const afterUrl = text(page.after_url);
    let step: PageStep | undefined;
    if (after) step = { done: false, next: moved(query, { cursor: after }, ["start_time"]) };
    else if (afterUrl) step = follow(afterUrl, operation, "after_url");
    if (page.end_of_stream === true) return step ? { ...step, done: true } : DONE;
    if (!step) throw new PaginationError(`${operation}: end_of_stream is false but there is no after_cursor`);
    return step;
  },
};

const STYLES: Record<PaginationStyle, StyleRule> = {
  cursor: { size: { param: "page[size]", default: 100, max: 100 }, step: cursorStep },
  "cursor-or-offset": { size: { param: "page[size]", default: 100, max: 100 }, step: cursorStep },
  offset,
  "incremental-time": incrementalTime,
  "incremental-cursor": incrementalCursor,
  "legacy-cursor": {
    size: { param: "limit", max: 1000 },
    // Newest first: the next page is the older one, before_url (or cursor=before_cursor); null at the end.
    step({ operation, query, page }) {
      const link = text(page.before_url);
      if (link) return follow(link, operation, "before_url");
      const before = text(page.before_cursor);
      return before ? { done: false, next: moved(query, { cursor: before }) } : DONE;
    },
  },
  "search-export": {
    size: { param: "page[size]", default: 100, max: 1000 },
    expiring: { param: "page[after]", lifetimeMs: 3_600_000 },
    step: cursorStep,
  },
  unpaginated: { step: () => DONE },
};

/** Where the list goes after `input.page`, by the operation's style. Throws a `PaginationError` for a page it cannot read on from. */
export function pageStep(input: StepInput): PageStep {
  return STYLES[input.pagination.style].step(input);
}

/**
 * The query parameter that sets the page size in `style` (`page[size]`, `per_page`, `limit`), its default, and
 * the largest Zendesk serves: 100 on cursor and offset lists, 1 000 on search exports and incremental exports.
 */
export function pageSizeParam(style: PaginationStyle): PageSize | undefined {
  return STYLES[style].size;
}

/**
 * How long a cursor of `style` lasts after the page that handed it out, and the request parameter that
 * carries it; undefined for styles whose cursors do not expire.
 */
export function expiringCursor(style: PaginationStyle): { param: string; lifetimeMs: number } | undefined {
  return STYLES[style].expiring;
}

/**
 * What an error answer to a page request means for the style, when it means more than its status: a 4xx to
 * a search export page carrying a cursor is the cursor expiring; a 400/422 to an offset page past the cap is
 * the cap. Undefined when the error stands as it is.
 */
export function pageFailure(
  { operation, pagination, query }: Pick<StepInput, "operation" | "pagination" | "query">,
  error: ZendeskError,
): PaginationError | undefined {
  const { status, method, url } = error;
  if (status === undefined) return undefined;
  const expiring = STYLES[pagination.style].expiring;
  if (expiring && query.has(expiring.param) && (status === 400 || status === 404 || status === 422)) {
    return cursorExpiredError(operation, expiring.lifetimeMs, {
      status,
      method,
      url,
      cause: error,
      reason: `Zendesk answered ${status} to a page request carrying one`,
    });
  }
  const cap = pagination.maxRecords;
  const pageNumber = positiveInt(query.get("page"));
  if (cap !== undefined && pageNumber !== undefined && (status === 400 || status === 422)) {
    const perPage = positiveInt(query.get("per_page")) ?? DEFAULT_PER_PAGE;
    if (pageNumber * perPage > cap) {
      return offsetLimitError(operation, cap, pagination.instead, { status, method, url, cause: error });
    }
  }
  return undefined;
}

/** The error for a list that reached its offset cap, saying what to use past it. */
export function offsetLimitError(
  operation: string,
  maxRecords: number,
  instead: string | undefined,
  init: ZendeskErrorInit = {},
): OffsetLimitError {
  const way = instead
    ? `use ${instead} instead`
    : "page it by cursor instead (page[size], page[after]; paginate does so where the list allows), or narrow the request (a filter, a time range) to fewer records";
  return new OffsetLimitError(
    `${operation}: Zendesk serves at most ${maxRecords} records of this list by offset paging (page, per_page) and refuses the pages past them, but there are more; to reach the rest, ${way}.`,
    { ...init, maxRecords, instead },
  );
}

/** The error for a search export whose cursor outlived Zendesk's hour. */
export function cursorExpiredError(
  operation: string,
  lifetimeMs: number,
  init: ZendeskErrorInit & { reason: string },
): CursorExpiredError {
  const { reason, ...rest } = init;
  const hours = lifetimeMs / 3_600_000;
  const lifetime = hours === 1 ? "an hour" : `${hours} hours`;
  return new CursorExpiredError(
    `${operation}: the search export's cursor has expired (${reason}). Zendesk keeps a search export cursor for ${lifetime} after the page that handed it out, and a run cannot be resumed past that: start the export again, without \`resume\`.`,
    { ...rest, lifetimeMs },
  );
}
