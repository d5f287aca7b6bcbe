import type { CustomFieldMaps, PaginateOptions, Paginator, ResponseSchemas, ZendeskClient } from "@zenfetch/core";
import type { HeadersOptions } from "openapi-fetch";
import type { includes, operations } from "./generated/operations.js";
import type { components, paths, operations as spec } from "./generated/schema.js";
import type { SearchQueryInput, SearchTerms } from "./query.js";

/** `F`, the app's custom field maps (see `searchOf`), types `custom_fields`, `user_fields` and `organization_fields`. */
type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;
type FM = CustomFieldMaps;

/** The core client on the search paths: `GET` on literal paths, `paginate`. */
export type SearchBaseClient<F extends FM = FM> = ZendeskClient<paths<F>, typeof operations, typeof includes>;

// --- Results ---------------------------------------------------------------------------------------

/**
 * One search hit: a ticket, user, organization or group, each with every property of its record plus
 * `result_type`. A `switch (result.result_type)` narrows it to the kind.
 */
export type SearchResult<F extends FM = FM> = Schemas<F>["SearchResult"];
/** A ticket hit: the ticket as its own endpoints return it, with `result_type: "ticket"`. */
export type SearchTicketResult<F extends FM = FM> = Schemas<F>["SearchTicketResult"];
/** A user hit, with `result_type: "user"`. */
export type SearchUserResult<F extends FM = FM> = Schemas<F>["SearchUserResult"];
/** An organization hit, with `result_type: "organization"`. */
export type SearchOrganizationResult<F extends FM = FM> = Schemas<F>["SearchOrganizationResult"];
/** A group hit, with `result_type: "group"`. */
export type SearchGroupResult<F extends FM = FM> = Schemas<F>["SearchGroupResult"];
/** `"ticket" | "user" | "organization" | "group"`. */
export type SearchResultType = Schemas["SearchResultType"];
/** The hit type of one `result_type`: `SearchResultOf<"ticket">` is `SearchTicketResult`. */
export type SearchResultOf<T extends SearchResultType, F extends FM = FM> = Extract<
  SearchResult<F>,
  { result_type: T }
>;

/** One page of `GET /api/v2/search`: `results`, `count` (every match), `next_page`, `previous_page`, `facets`. */
export type SearchResultsPage<F extends FM = FM> = Schemas<F>["SearchResultsPage"];
/** One page of the search export, its results all of type `T`; `meta.after_cursor` lasts an hour. */
export type SearchExportPage<T extends SearchResultType = SearchResultType, F extends FM = FM> = Omit<
  Schemas<F>["SearchExportPage"],
  "results"
> & { results: SearchResultOf<T, F>[] };
/** `{ count }`. */
export type SearchCount = Schemas["SearchCount"];

type ListQuery = spec["ListSearchResults"]["parameters"]["query"];
/** `updated_at`, `created_at`, `priority`, `status` or `ticket_type`; relevance when left out. */
export type SearchSortBy = NonNullable<ListQuery["sort_by"]>;
/** `asc` or `desc` (the default). */
export type SearchSortOrder = NonNullable<ListQuery["sort_order"]>;

// --- Helpers' options --------------------------------------------------------------------------

/** Options of a single request. */
export interface SearchCallOptions {
  signal?: AbortSignal;
  headers?: HeadersOptions;
}

/** What `exportSearch` takes. */
export interface ExportSearchOptions<T extends SearchResultType> extends Omit<PaginateOptions, "pageSize"> {
  /** The one kind of record to export (Zendesk's `filter[type]`); it types the results. */
  type: T;
  /**
   * The query, without a `type:` term (Zendesk refuses the export when it has one: give the type in `type`).
   * A string in Zendesk's syntax, or the terms of `type` as `searchQuery` takes them (without `type`).
   */
  query: string | SearchTerms<T>;
  /** Results a page, up to 1,000 (default 100, which Zendesk recommends for tickets with many archived ones). */
  pageSize?: number;
}

/**
 * The export's results, typed by `type`: `for await (const hit of …)`, or `.pages()` for whole pages.
 * A cursor older than an hour fails the run with `CursorExpiredError`.
 */
export type SearchExport<T extends SearchResultType, F extends FM = FM> = Paginator<
  SearchResultOf<T, F>,
  SearchExportPage<T, F>
>;

/** A query for `count`: a string in Zendesk's syntax, or `searchQuery`'s terms. */
export type SearchCountQuery = string | SearchQueryInput;
