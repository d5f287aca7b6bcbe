import { describe, expectTypeOf, test } from "vitest";
import { createZendeskClient, type PaginatedPath, type PaginateInit, type PaginatePage } from "../src/index.js";
import { operations, type paths, type Thing, type ThingFilter } from "./paginate-post-fixture.js";

type ItemOf<T> = T extends AsyncIterable<infer Item> ? Item : never;

const client = createZendeskClient<paths, typeof operations>({
  subdomain: "acme",
  auth: { oauthToken: "t" },
  operations,
});
const path = { space: "s1" };
const filter: ThingFilter = { name: { $contains: "a" } };

describe("paginate a POST search", () => {
  test("PaginatedPath takes the method: GET by default, POST when asked", () => {
    expectTypeOf<PaginatedPath<paths, typeof operations>>().toEqualTypeOf<"/api/v2/spaces/{space}/things/search">();
    expectTypeOf<PaginatedPath<paths, typeof operations, "POST">>().toEqualTypeOf<
      "/api/v2/spaces/{space}/things/search" | "/api/v2/spaces/{space}/things/match"
    >();
  });

  test("method POST with the body yields the items and pages of the POST's response", () => {
    const found = client.paginate("/api/v2/spaces/{space}/things/search", {
      method: "POST",
      params: { path, query: { query: "x", include: ["owner"] } },
      body: { filter },
      maxItems: 10,
    });
    expectTypeOf<ItemOf<typeof found>>().toEqualTypeOf<Thing>();
    expectTypeOf<ItemOf<ReturnType<typeof found.pages>>["meta"]["after_cursor"]>().toEqualTypeOf<string | null>();
    const matched = client.paginate("/api/v2/spaces/{space}/things/match", { method: "POST", params: { path } });
    expectTypeOf<ItemOf<typeof matched>>().toEqualTypeOf<Thing>();
    expectTypeOf<PaginatePage<paths, "/api/v2/spaces/{space}/things/match", "POST">["next_page"]>().toEqualTypeOf<
      string | null
    >();
  });

  test("the body is the POST's request body: required when the spec requires it, and checked", () => {
    type Body = PaginateInit<paths, "/api/v2/spaces/{space}/things/search", "POST">["body"];
    expectTypeOf<Body>().toMatchTypeOf<{ filter: ThingFilter }>();
    expectTypeOf<{ filter: ThingFilter }>().toMatchTypeOf<Body>();
    // @ts-expect-error the filter search requires its body
    client.paginate("/api/v2/spaces/{space}/things/search", { method: "POST", params: { path } });
    client.paginate("/api/v2/spaces/{space}/things/search", {
      method: "POST",
      params: { path },
      // @ts-expect-error the filter has no such operator
      body: { filter: { name: { $near: "a" } } },
    });
    client.paginate("/api/v2/spaces/{space}/things/search", {
      method: "POST",
      // @ts-expect-error include is a list
      params: { path, query: { include: "owner" } },
      body: { filter },
    });
  });

  test("without method POST it is the GET: no body, the GET's parameters", () => {
    const searched = client.paginate("/api/v2/spaces/{space}/things/search", {
      params: { path, query: { query: "x" } },
    });
    expectTypeOf<ItemOf<typeof searched>>().toEqualTypeOf<Thing>();
    client.paginate("/api/v2/spaces/{space}/things/search", {
      method: "GET",
      params: { path, query: { query: "x" } },
    });
    client.paginate("/api/v2/spaces/{space}/things/search", {
      params: { path, query: { query: "x" } },
      // @ts-expect-error a GET sends no body
      body: { filter },
    });
    // @ts-expect-error the GET search requires its query
    client.paginate("/api/v2/spaces/{space}/things/search", { params: { path } });
  });

  test("only operations the metadata pages are accepted, with their own method", () => {
    // @ts-expect-error /match pages by POST only
    client.paginate("/api/v2/spaces/{space}/things/match", { params: { path } });
    // @ts-expect-error a POST that does not page
    client.paginate("/api/v2/spaces/{space}/things", {
      method: "POST",
      params: { path },
      body: { thing: { name: "a" } },
    });
    // @ts-expect-error only GET and POST page
    client.paginate("/api/v2/spaces/{space}/things/search", { method: "PUT", params: { path }, body: { filter } });
  });
});
