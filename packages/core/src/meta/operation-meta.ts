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

/**
 * How a bulk job's per-item results are matched to the items sent: by their position in the request (`index`),
 * or by the item's `id`, `external_id` or `name` (an item that is itself an id matches on its value).
 */
export type BulkMatch = "index" | "id" | "external_id" | "name";

/**
 * A job-creating bulk operation, from the spec's `x-zenfetch-bulk`: what `bulkHelpers` builds a helper from.
 * Exactly one of `items` and `ids` is present.
 */
export interface BulkMeta {
  /** The helper's name on the client (`createMany`). */
  readonly helper: string;
  /** The body path of the array the items go in (`["tickets"]`, `["job", "items"]`). */
  readonly items?: readonly string[];
  /** The body path of the action beside the items (`["job", "action"]`): the helper then takes the action first. */
  readonly action?: readonly string[];
  /** The query parameter that takes the ids, comma-separated (`ids` of `destroy_many?ids=1,2,3`). */
  readonly ids?: string;
  /** With `ids`: the body path of what every item gets (`["ticket"]`): the helper then takes it after the ids. */
  readonly shared?: readonly string[];
  /** Most items one request takes (Zendesk's limit; the array's `maxItems`). */
  readonly batch: number;
  /** How results match items; per action when the operation takes one. */
  readonly match: BulkMatch | { readonly [action: string]: BulkMatch };
  /** What ids are, of the items sent and of the results: `integer` (tickets) or `string` (records). */
  readonly idType: "integer" | "string";
}

export interface OperationMeta {
  /** Present on list operations: the style, the response property that holds the items, any offset cap. */
  pagination?: PaginationMeta;
  /** The operation accepts an `Idempotency-Key` header; the runtime sends one, the same on every attempt. */
  idempotencyKey?: boolean;
  /**
   * The endpoint's own budget on top of the account's (the incremental exports: 10 a minute), or several
   * when different requests to it count differently (a request counts against every rule that applies to it).
   */
  rateLimit?: RateLimitRule | readonly RateLimitRule[];
  /** A bulk operation that queues a job per batch of items: one entry per form it takes (update_many has two). */
  bulk?: readonly BulkMeta[];
  /** Present when the request body is not JSON: how it goes out. */
  body?: RequestBodyMeta;
}

/**
 * A request body that is not JSON, from the spec's request media type:
 * - `bytes`: a file's bytes as they are (`type: string, format: binary`): a `Blob`, `ArrayBuffer`, `Uint8Array`
 *   or `ReadableStream<Uint8Array>`, sent with the Blob's own type, else the caller's `Content-Type`, else
 *   `media` when it names one type (`image/png`, not `image/*`), else `application/octet-stream`;
 * - `multipart`: a `multipart/form-data` form: an object of fields (files as `Blob`s) or a `FormData`.
 */
export interface RequestBodyMeta {
  /** The media type the spec gives the body (`application/octet-stream`, `*\/*`, `multipart/form-data`). */
  readonly media: string;
  readonly kind: "bytes" | "multipart";
}

/** A request budget: at most `limit` requests in any `windowSeconds`. */
export interface EndpointLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * A named set of alternative budgets the spec declares, for accounts whose allowance differs from the default:
 * `"high-volume"` is an account with Zendesk's High Volume API add-on.
 */
export type BudgetPreset = "high-volume";

export const BUDGET_PRESETS: readonly BudgetPreset[] = ["high-volume"];

/** One per-endpoint budget, as the spec's `x-zenfetch-rate-limit` declares it. */
export interface RateLimitRule extends EndpointLimit {
  /** A path parameter: each of its values has a window of its own (a view's tickets: one budget per view). */
  per?: string;
  /**
   * Only requests whose query parameter `query` is a number above `above` count against this rule (List
   * Tickets' offset pages past page 500); the others pass it by.
   */
  when?: { query: string; above: number };
  /** The budget under a preset, where it differs from `limit` per `windowSeconds`. */
  presets?: { readonly [P in BudgetPreset]?: EndpointLimit };
}

/** The generated `operations` map: `"GET /api/v2/tickets"` → its metadata; an operation with none is absent. */
export type OperationsMeta = Record<string, OperationMeta>;
