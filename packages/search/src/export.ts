// The search export, loaded on first use: the query checked and built, then core's paginate in the
// `search-export` style (cursor pages, the hour-long cursor, CursorExpiredError) does the paging. `count`
// loads the query builder from here too, so that a client that neither exports nor counts by terms
// loads neither.
import type { PaginateOptions, Paginator } from "@zenfetch/core";
import { buildTerms, SEARCH_RESULT_TYPES, typeTermOf } from "./query.js";

export { searchQuery } from "./query.js";

import type { ExportSearchOptions, SearchBaseClient, SearchExport, SearchResultType } from "./types.js";

const LABEL = "exportSearch";

/** The query string of an export, or a TypeError saying what to change. */
export function exportQuery(type: unknown, query: unknown): string {
  if (!(SEARCH_RESULT_TYPES as readonly unknown[]).includes(type)) {
    throw new TypeError(
      `${LABEL}: \`type\` must be one of ${SEARCH_RESULT_TYPES.join(", ")} (the export returns one kind of record a run); got ${JSON.stringify(type) ?? String(type)}`,
    );
  }
  let text: string;
  if (typeof query === "string") {
    text = query.trim();
  } else if (query !== null && typeof query === "object" && !Array.isArray(query)) {
    if ("type" in query) {
      throw new TypeError(`${LABEL}: give the type as the option \`type\`, not among the query's terms`);
    }
    text = buildTerms(type as SearchResultType, query as Record<string, unknown>, LABEL).join(" ");
  } else {
    throw new TypeError(`${LABEL}: \`query\` must be a string or an object of terms`);
  }
  if (text === "") throw new TypeError(`${LABEL}: \`query\` is empty; Zendesk needs something to search for`);
  const typeTerm = typeTermOf(text);
  if (typeTerm !== undefined) {
    throw new TypeError(
      `${LABEL}: the query has a type term (${typeTerm}), which Zendesk refuses on the export; pass the type as \`type: ${JSON.stringify(type)}\` and leave it out of the query`,
    );
  }
  return text;
}

export function runExport<T extends SearchResultType>(
  client: SearchBaseClient,
  options: ExportSearchOptions<T>,
): SearchExport<T> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${LABEL}: pass { type, query }`);
  }
  const { type, query, pageSize, maxItems, maxPages, signal, headers, resume } = options;
  const text = exportQuery(type, query);
  const paging: PaginateOptions = {};
  if (pageSize !== undefined) paging.pageSize = pageSize;
  if (maxItems !== undefined) paging.maxItems = maxItems;
  if (maxPages !== undefined) paging.maxPages = maxPages;
  if (signal !== undefined) paging.signal = signal;
  if (headers !== undefined) paging.headers = headers;
  if (resume !== undefined) paging.resume = resume;
  const run = client.paginate("/api/v2/search/export", {
    params: { query: { query: text, "filter[type]": type } },
    ...paging,
  });
  // Every result is of `type`: Zendesk exports one kind a run.
  return run as unknown as Paginator<never, never> as SearchExport<T>;
}
