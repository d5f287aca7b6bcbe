/**
 * A small API in openapi-typescript's shape for paging POST searches: a path whose GET and POST both page
 * (as Zendesk's custom object record search), a POST-only search that pages by offset, and a POST that does
 * not page. For `paginate-post.test.ts` and `paginate-post.test-d.ts`.
 */

type JsonContent<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Methods = { put?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never };

export interface Thing {
  id: number;
  name: string;
}
export interface ThingFilter {
  name?: { $eq?: string; $contains?: string };
  $and?: ThingFilter[];
}
interface CursorPage {
  things: Thing[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}
interface OffsetPage {
  matches: Thing[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}
type ThingsPath = { space: string };

export interface paths {
  "/api/v2/spaces/{space}/things/search": {
    parameters: { query?: never; header?: never; path: ThingsPath; cookie?: never };
    get: operations["SearchThings"];
    post: operations["FilterThings"];
  } & Methods;
  "/api/v2/spaces/{space}/things/match": {
    parameters: { query?: never; header?: never; path: ThingsPath; cookie?: never };
    get?: never;
    post: operations["MatchThings"];
  } & Methods;
  "/api/v2/spaces/{space}/things": {
    parameters: { query?: never; header?: never; path: ThingsPath; cookie?: never };
    get?: never;
    post: operations["CreateThing"];
  } & Methods;
}

export interface operations {
  SearchThings: {
    parameters: {
      query: { query: string; "page[size]"?: number; "page[after]"?: string };
      header?: never;
      path: { space: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: { 200: JsonContent<CursorPage> };
  };
  FilterThings: {
    parameters: {
      query?: { query?: string; include?: string[]; "page[size]"?: number; "page[after]"?: string };
      header?: never;
      path: { space: string };
      cookie?: never;
    };
    requestBody: { content: { "application/json": { filter: ThingFilter } } };
    responses: { 200: JsonContent<CursorPage>; 422: JsonContent<{ error: string }> };
  };
  MatchThings: {
    parameters: { query?: { per_page?: number }; header?: never; path: { space: string }; cookie?: never };
    requestBody?: { content: { "application/json": { name?: string } } };
    responses: { 200: JsonContent<OffsetPage> };
  };
  CreateThing: {
    parameters: { query?: never; header?: never; path: { space: string }; cookie?: never };
    requestBody: { content: { "application/json": { thing: { name: string } } } };
    responses: { 201: JsonContent<{ thing: Thing }> };
  };
}

export const operations = {
  "GET /api/v2/spaces/{space}/things/search": {
    pagination: { style: "cursor", items: "things" },
  },
  "POST /api/v2/spaces/{space}/things/search": {
    pagination: { style: "cursor", items: "things" },
  },
  "POST /api/v2/spaces/{space}/things/match": {
    pagination: { style: "offset", items: "matches" },
  },
  "POST /api/v2/spaces/{space}/things": {},
} as const;
