import { describe, expectTypeOf, test } from "vitest";
import { createZendeskClient, type PaginatedPath, type PaginationStyle } from "../src/index.js";
import { type Audit, operations, type paths, type SearchResult, type Widget } from "./paginate-styles-fixture.js";

type ItemOf<T> = T extends AsyncIterable<infer Item> ? Item : never;

const client = createZendeskClient<paths, typeof operations>({
  subdomain: "acme",
  auth: { oauthToken: "t" },
  operations,
});

describe("paginate with the newer styles", () => {
  test("every path the fixture pages is accepted, whatever its style", () => {
    expectTypeOf<PaginatedPath<paths, typeof operations>>().toEqualTypeOf<
      | "/api/v2/ticket_audits"
      | "/api/v2/search/export"
      | "/api/v2/search"
      | "/api/v2/tickets/{ticket_id}/tags"
      | "/api/v2/widgets"
    >();
    expectTypeOf<"legacy-cursor" | "search-export" | "unpaginated">().toExtend<PaginationStyle>();
  });

  test("legacy-cursor yields its items", () => {
    const audits = client.paginate("/api/v2/ticket_audits", { pageSize: 100, params: { query: { limit: 100 } } });
    expectTypeOf<ItemOf<typeof audits>>().toEqualTypeOf<Audit>();
    expectTypeOf<ItemOf<ReturnType<typeof audits.pages>>["before_cursor"]>().toEqualTypeOf<string | null>();
  });

  test("search-export takes its required query", () => {
    const found = client.paginate("/api/v2/search/export", {
      params: { query: { query: "status:open", "filter[type]": "ticket" } },
    });
    expectTypeOf<ItemOf<typeof found>>().toEqualTypeOf<SearchResult>();
    // @ts-expect-error filter[type] is required
    client.paginate("/api/v2/search/export", { params: { query: { query: "x" } } });
  });

  test("unpaginated yields the list's elements", () => {
    const tags = client.paginate("/api/v2/tickets/{ticket_id}/tags", { params: { path: { ticket_id: 1 } } });
    expectTypeOf<ItemOf<typeof tags>>().toEqualTypeOf<string>();
  });

  test("an offset list with a cap pages as any offset list", () => {
    const widgets = client.paginate("/api/v2/widgets", { maxItems: 4 });
    expectTypeOf<ItemOf<typeof widgets>>().toEqualTypeOf<Widget>();
    expectTypeOf(operations["GET /api/v2/widgets"].pagination.maxRecords).toEqualTypeOf<4>();
  });
});
