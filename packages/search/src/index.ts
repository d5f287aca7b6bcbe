// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/search` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  createSearchClient,
  exportSearch,
  type SearchClient,
  type SearchClientOptions,
  type SearchHelpers,
  search,
  searchOf,
} from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export {
  type OneOrMany,
  quoteSearchValue,
  type SearchAnyTerms,
  type SearchCommonTerms,
  type SearchDate,
  type SearchDateTerm,
  type SearchGroupTerms,
  type SearchOrderedTerm,
  type SearchOrganizationTerms,
  type SearchQueryInput,
  type SearchTerms,
  type SearchTermsByType,
  type SearchTicketPriority,
  type SearchTicketStatus,
  type SearchTicketTerms,
  type SearchUserTerms,
  searchQuery,
} from "./query.js";
export type {
  ExportSearchOptions,
  SearchBaseClient,
  SearchCallOptions,
  SearchCount,
  SearchCountQuery,
  SearchExport,
  SearchExportPage,
  SearchGroupResult,
  SearchOrganizationResult,
  SearchResult,
  SearchResultOf,
  SearchResultsPage,
  SearchResultType,
  SearchSortBy,
  SearchSortOrder,
  SearchTicketResult,
  SearchUserResult,
} from "./types.js";
