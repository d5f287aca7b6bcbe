/**
 * What the runtime knows of each operation, read from the spec's `x-zenfetch-*`
 * extensions and generated into each package's `src/generated/operations.ts`.
 */

/**
 * How a list operation pages:
 * - `cursor`: `page[size]`, `page[after]`; response `meta.has_more`, `meta.after_cursor`, `links.next`.
 * - `offset`: `page`, `per_page`; response `next_page` (a URL or null).
 * - `cursor-or-offset`: accepts both; the runtime uses cursor.
 * - `incremental-time`: first request `start_time`; response `next_page`, `end_time`, `end_of_stream`.
 * - `incremental-cursor`: first request `start_time`, then `cursor`; response `after_cursor`, `end_of_stream`.
 * - `legacy-cursor`: `cursor`, `limit`; response `before_cursor`/`before_url` (the next, older page),
 *   `after_cursor`/`after_url`; newest first, null at the end (account-wide ticket audits, trigger revisions).
 * - `search-export`: as `cursor` (`page[size]` up to 1000), but a cursor lasts an hour after the page that
 *   handed it out (`GET /api/v2/search/export`).
 * - `unpaginated`: the whole list in one response.
 */
export type PaginationStyle =
  | "cursor"
  | "offset"
  | "cursor-or-offset"
  | "incremental-time"
  | "incremental-cursor"
  | "legacy-cursor"
  | "search-export"
  | "unpaginated";

export const PAGINATION_STYLES: readonly PaginationStyle[] = [
  "cursor",
  "offset",
  "cursor-or-offset",
  "incremental-time",
  "incremental-cursor",
  "legacy-cursor",
  "search-export",
  "unpaginated",
];

/** How a list operation pages, and which response property holds its items. */
export interface PaginationMeta {
  style: PaginationStyle;
  /** The response property that holds the list. */
  items: string;
  /**
   * The most records Zendesk serves of this list by offset paging (`page`, `per_page`): it refuses pages
   * past them. A run that reaches it while there is more throws `OffsetLimitError` instead of stopping.
   */
  maxRecords?: number;
  /** What to use past `maxRecords`: an operation, `"GET /api/v2/search/export"`, with an optional note. */
  instead?: string;
}

export interface OperationMeta {
  /** Present on list operations: the style, the response property that holds the items, any offset cap. */
  pagination?: PaginationMeta;
  /** The operation accepts an `Idempotency-Key` header; the runtime sends one, the same on every attempt. */
  idempotencyKey?: boolean;
  /** The endpoint's own limit on top of the account's (the incremental exports: 10 a minute). */
  rateLimit?: { limit: number; windowSeconds: number };
}

/** The generated `operations` map: `"GET /api/v2/tickets"` → its metadata; an operation with none is absent. */
export type OperationsMeta = Record<string, OperationMeta>;
