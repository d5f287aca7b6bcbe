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
 */
export type PaginationStyle = "cursor" | "offset" | "cursor-or-offset" | "incremental-time" | "incremental-cursor";

export const PAGINATION_STYLES: readonly PaginationStyle[] = [
  "cursor",
  "offset",
  "cursor-or-offset",
  "incremental-time",
  "incremental-cursor",
];

export interface OperationMeta {
  /** Present on list operations: the style, and the response property that holds the items. */
  pagination?: { style: PaginationStyle; items: string };
  /** The operation accepts an `Idempotency-Key` header; the runtime sends one, the same on every attempt. */
  idempotencyKey?: boolean;
  /** The endpoint's own limit on top of the account's (the incremental exports: 10 a minute). */
  rateLimit?: { limit: number; windowSeconds: number };
}

/** The generated `operations` map: `"GET /api/v2/tickets"` → its metadata; an operation with none is absent. */
export type OperationsMeta = Record<string, OperationMeta>;
