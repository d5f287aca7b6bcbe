// Paging that always ends: a run of empty pages that claim more, a cursor handed back with another query,
// and page sizes past what Zendesk serves.
import { describe, expect, test } from "vitest";
import { createZendeskClient, PaginationError, type ZendeskError } from "../src/index.js";
import { VisitedPages } from "../src/paging/building-blocks.js";
import { EMAIL, FAST_RETRY, json, startServer, TOKEN, testClient } from "./helpers.js";
import { collect, collectUntilError } from "./paginate-helpers.js";
import { operations as styleOperations, type paths as stylePaths } from "./paginate-styles-fixture.js";

describe("empty pages that claim more", () => {
  test("50 empty pages in a row end the run with a PaginationError carrying resume", async () => {
    const server = await startServer((req, res) => {
      const after = Number(req.url.searchParams.get("page[after]")?.slice(1) ?? 0);
      json(res, 200, { users: [], meta: { has_more: true, after_cursor: `c${after + 1}` } });
    });
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("50 pages in a row came back empty");
    expect(server.requests).toHaveLength(50);
    expect((error as ZendeskError).resume?.url).toContain("page[after]=c49");
  });

  test("an empty page among full ones does not count against the bound", async () => {
    const server = await startServer((req, res) => {
      const n = Number(req.url.searchParams.get("page[after]") ?? 0);
      // Every other page is empty, 120 pages in all.
      const users = n % 2 === 0 ? [{ id: n }] : [];
      json(res, 200, { users, meta: { has_more: n < 119, after_cursor: `${n + 1}` } });
    });
    const items = await collect(testClient(server.url).paginate("/api/v2/users"));
    expect(items).toHaveLength(60);
  });
});

describe("a cursor seen before", () => {
  test("VisitedPages keys a request on its cursor, whatever else its query says", () => {
    for (const [first, again] of [
      ["cursor=c1&per_page=2", "per_page=3&cursor=c1&include=users"],
      ["page[after]=x&page[size]=10", "page[size]=20&page[after]=x"],
    ] as const) {
      const visited = new VisitedPages("GET /api/v2/x");
      visited.visit(first);
      expect(() => visited.visit(again)).toThrow(PaginationError);
    }
    // Without a cursor, the whole query names the request (an offset page, a start_time).
    const visited = new VisitedPages("GET /api/v2/x");
    visited.visit("page=2&per_page=10");
    expect(() => visited.visit("page=2&per_page=20")).not.toThrow();
    expect(() => visited.visit("per_page=20&page=2")).toThrow(PaginationError);
  });

  test("is refused even when the rest of the query changes", async () => {
    const server = await startServer((req, res) => {
      const after = req.url.searchParams.get("page[after]");
      const size = Number(req.url.searchParams.get("page[size]"));
      // c1 → c2 → c1 again, with a new page size each time.
      const next = after === "c1" ? "c2" : "c1";
      json(res, 200, {
        users: [{ id: size }],
        meta: { has_more: true },
        links: { next: `http://${req.headers.host}/api/v2/users?page[after]=${next}&page[size]=${size - 1}` },
      });
    });
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(items).toHaveLength(3);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("already fetched in this run");
    expect(server.requests).toHaveLength(3);
  });
});

describe("page sizes past Zendesk's largest", () => {
  const styles = (baseUrl: string) =>
    createZendeskClient<stylePaths, typeof styleOperations>({
      baseUrl,
      auth: { email: EMAIL, apiToken: TOKEN },
      retry: FAST_RETRY,
      operations: styleOperations,
    });

  test.each([
    ["/api/v2/users", 101, 100],
    ["/api/v2/groups", 1e9, 100],
    ["/api/v2/incremental/tickets", 1001, 1000],
  ] as const)("%s with pageSize %d is refused before any request", async (path, pageSize, max) => {
    const server = await startServer((_req, res) => json(res, 500, {}));
    const error = await collect(testClient(server.url).paginate(path as never, { pageSize } as never)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain(`a page holds at most ${max} items`);
    expect(server.requests).toHaveLength(0);
  });

  test("search export takes up to 1000, and refuses more", async () => {
    const server = await startServer((_req, res) => json(res, 200, { results: [], meta: { has_more: false } }));
    const zendesk = styles(server.url);
    const query = { params: { query: { query: "x", "filter[type]": "ticket" } } } as never;
    await collect(zendesk.paginate("/api/v2/search/export", { ...(query as object), pageSize: 1000 } as never));
    expect(server.requests[0]?.url.searchParams.get("page[size]")).toBe("1000");
    const error = await collect(
      zendesk.paginate("/api/v2/search/export", { ...(query as object), pageSize: 1e9 } as never),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain("a page holds at most 1000 items");
    expect(server.requests).toHaveLength(1);
  });
});
