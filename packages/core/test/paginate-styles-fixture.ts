/**
 * A small API in openapi-typescript's shape for the paging styles the main fixture does not cover: an older
 * cursor list (ticket audits), the search export with its expiring cursor, a list returned whole (a ticket's
 * tags), and offset lists with a cap (search, and a widget list capped at 4 records to keep tests small).
 * For `paginate-styles.test.ts` and `paginate-styles.test-d.ts`.
 */

type JsonContent<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Methods = {
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };

export interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
}
export interface Widget {
  id: number;
  name: string;
}
export interface SearchResult {
  id: number;
  result_type: "ticket" | "user" | "organization" | "group";
}

interface LegacyCursorPage {
  audits: Audit[];
  before_cursor: string | null;
  after_cursor: string | null;
  before_url: string | null;
  after_url: string | null;
}
interface SearchExportPage {
  results: SearchResult[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}
type Offset<K extends string, T> = { next_page: string | null; previous_page: string | null; count: number } & {
  [P in K]: T[];
};

export interface paths {
  "/api/v2/ticket_audits": { parameters: NoParams; get: operations["ListTicketAudits"] } & Methods;
  "/api/v2/search/export": { parameters: NoParams; get: operations["ExportSearchResults"] } & Methods;
  "/api/v2/search": { parameters: NoParams; get: operations["ListSearchResults"] } & Methods;
  "/api/v2/tickets/{ticket_id}/tags": { parameters: NoParams; get: operations["ListTicketTags"] } & Methods;
  "/api/v2/widgets": { parameters: NoParams; get: operations["ListWidgets"] } & Methods;
}

export interface operations {
  ListTicketAudits: {
    parameters: { query?: { cursor?: string; limit?: number }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<LegacyCursorPage> };
  };
  ExportSearchResults: {
    parameters: {
      query: { query: string; "filter[type]": "ticket" | "user" | "organization" | "group"; "page[size]"?: number };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: { 200: JsonContent<SearchExportPage> };
  };
  ListSearchResults: {
    parameters: { query: { query: string; per_page?: number }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<Offset<"results", SearchResult>> };
  };
  ListTicketTags: {
    parameters: { query?: never; header?: never; path: { ticket_id: number }; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<{ tags: string[] }> };
  };
  ListWidgets: {
    parameters: { query?: { per_page?: number }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<Offset<"widgets", Widget>> };
  };
}

export const operations = {
  "GET /api/v2/ticket_audits": { pagination: { style: "legacy-cursor", items: "audits" } },
  "GET /api/v2/search/export": { pagination: { style: "search-export", items: "results" } },
  "GET /api/v2/search": {
    pagination: { style: "offset", items: "results", maxRecords: 1000, instead: "GET /api/v2/search/export" },
  },
  "GET /api/v2/tickets/{ticket_id}/tags": { pagination: { style: "unpaginated", items: "tags" } },
  "GET /api/v2/widgets": {
    pagination: { style: "offset", items: "widgets", maxRecords: 4, instead: "GET /api/v2/widgets (cursor)" },
  },
} as const;
