import {
  type CustomFieldMaps,
  callInit,
  createDomainClient,
  type DomainClient,
  unwrap,
  withHelpers,
  type ZendeskClient,
  type ZendeskClientOptions,
  type ZendeskDomain,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type {
  ExportSearchOptions,
  SearchBaseClient,
  SearchCallOptions,
  SearchCountQuery,
  SearchExport,
  SearchResultType,
} from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type SearchClientOptions = ZendeskClientOptions;

/**
 * What the search package adds to a client (under `client.search` on a multi-domain client). `F`, the app's
 * custom field maps, types the fields of the exported records.
 */
export interface SearchHelpers<F extends CustomFieldMaps = CustomFieldMaps> {
  /**
   * Every result of a query, of one `type`, through the search export (no 1,000-result cap), typed by `type`.
   * The query must not hold a `type:` term. Iterate for results, or `.pages()` for pages; a cursor that
   * outlives its hour fails the run with `CursorExpiredError` (start again).
   */
  exportSearch<T extends SearchResultType>(options: ExportSearchOptions<T>): SearchExport<T, F>;
  /** How many records match the query (a string, or `searchQuery`'s terms). */
  count(query: SearchCountQuery, options?: SearchCallOptions): Promise<number>;
}

/**
 * The core client on the search paths (`GET` on literal paths, `paginate`, which types search results as the
 * union of the four kinds), plus `exportSearch` and `count`. `F`, the app's field maps, types custom fields.
 */
export type SearchClient<F extends CustomFieldMaps = CustomFieldMaps> = ZendeskClient<
  paths<F>,
  typeof operations,
  typeof includes
> &
  SearchHelpers<F>;

/**
 * The search export over `client` (a search client, or any client with the search paths); see
 * `SearchHelpers.exportSearch`. Options are checked when iteration starts, before any request.
 */
export function exportSearch<T extends SearchResultType, F extends CustomFieldMaps = CustomFieldMaps>(
  client: SearchBaseClient<F>,
  options: ExportSearchOptions<T>,
): SearchExport<T, F> {
  // The export's code is loaded on the first page, as core's paging code is.
  const load = async () =>
    (await import("./export.js")).runExport(client as unknown as SearchBaseClient, options) as unknown as SearchExport<
      T,
      F
    >;
  return {
    async *[Symbol.asyncIterator]() {
      yield* await load();
    },
    async *pages() {
      yield* (await load()).pages();
    },
  };
}

async function count(client: SearchBaseClient, query: SearchCountQuery, options: SearchCallOptions = {}) {
  // Terms are written out by the builder, which loads with the export's code.
  const text = typeof query === "string" ? query : (await import("./export.js")).searchQuery(query);
  if (text.trim() === "") throw new TypeError("count: the query is empty; Zendesk needs something to count");
  return unwrap(await client.GET("/api/v2/search/count", { params: { query: { query: text } }, ...callInit(options) }))
    .count;
}

/** The search domain, for a client shared with other domains: `createZendeskClient({ domains: [search] })`. */
export const search = withHelpers(domain, (client: DomainClient<paths, typeof operations>): SearchHelpers => {
  const base = client as unknown as SearchBaseClient;
  return {
    exportSearch: (options) => exportSearch(base, options),
    count: (query, options) => count(base, query, options),
  };
});

/**
 * The search domain typed with the app's own field maps: the `custom_fields` of ticket results, the
 * `user_fields` of user results and the `organization_fields` of organization results (and of sideloads).
 * The same object as `search` at run time; only its types differ.
 *
 * ```ts
 * type MyFields = { ticket: { 360001: string }; user: { plan: "gold" | "silver" } };
 * const zendesk = createZendeskClient({ subdomain, auth, domains: [searchOf<MyFields>()] });
 * ```
 */
export function searchOf<F extends CustomFieldMaps>(): ZendeskDomain<
  "search",
  paths<F>,
  typeof operations,
  SearchHelpers<F>,
  typeof includes
> {
  // The paths exist only as types: the descriptor is the same, seen through the app's maps.
  return search as unknown as ZendeskDomain<"search", paths<F>, typeof operations, SearchHelpers<F>, typeof includes>;
}

/**
 * Makes a client for the search endpoints of one Zendesk account (core's options, checked at once).
 * `createSearchClient<MyFields>(…)` types custom fields from the app's field maps.
 *
 * ```ts
 * const zendesk = createSearchClient({ subdomain: "acme", auth: { email, apiToken } });
 * for await (const hit of zendesk.paginate("/api/v2/search", { params: { query: { query: "type:ticket vip" } } })) …
 * ```
 */
export function createSearchClient<F extends CustomFieldMaps = CustomFieldMaps>(
  options: SearchClientOptions,
): SearchClient<F> {
  // The maps exist only as types: the plain descriptor, seen through them.
  return createDomainClient(search, options) as unknown as SearchClient<F>;
}
