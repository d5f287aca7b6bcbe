import { describe, expect, test } from "vitest";
import {
  CursorExpiredError,
  exportSearch,
  isCursorExpiredError,
  isOffsetLimitError,
  OffsetLimitError,
  type ServerError,
} from "../src/index.js";
import {
  collect,
  EXPORT,
  exportPage,
  ORIGIN,
  rejection,
  SEARCH,
  testClient,
  ticketHit,
  useNock,
  userHit,
  zendesk,
} from "./helpers.js";

useNock();

/** The first step of an iteration: where the options are checked, before any request. */
const first = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

describe("exportSearch", () => {
  test("sends the query and filter[type], follows links.next and stops when has_more is false", async () => {
    zendesk()
      .get(EXPORT)
      .query({ query: "status:open", "filter[type]": "ticket", "page[size]": "2" })
      .reply(200, exportPage(1, 2, "c1"));
    zendesk()
      .get(EXPORT)
      .query({ "page[after]": "c1" })
      .reply(200, exportPage(3, 4, "c2"));
    zendesk()
      .get(EXPORT)
      .query({ "page[after]": "c2" })
      .reply(200, exportPage(5, 5, null));
    const hits = await collect(testClient().exportSearch({ type: "ticket", query: "status:open", pageSize: 2 }));
    expect(hits.map((hit) => hit.id)).toEqual([1, 2, 3, 4, 5]);
  });

  test("builds the query from terms of its type", async () => {
    zendesk()
      .get(EXPORT)
      .query({ query: 'role:end-user name:"Ada Abbot"', "filter[type]": "user", "page[size]": "100" })
      .reply(200, exportPage(1, 1, null, userHit));
    const hits = await collect(
      exportSearch(testClient(), { type: "user", query: { role: "end-user", name: "Ada Abbot" } }),
    );
    expect(hits).toEqual([userHit(1)]);
  });

  test("refuses a query with a type: term before any request, saying to use `type`", async () => {
    const client = testClient();
    for (const query of ["type:ticket status:open", "status:open -type:user", "TYPE:ticket"]) {
      const error = await rejection(first(client.exportSearch({ type: "ticket", query })));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toMatch(/type term .* pass the type as `type: "ticket"`/);
    }
    // A phrase or another property is not a type term.
    zendesk()
      .get(EXPORT)
      .query({ query: '"type:ticket" ticket_type:incident', "filter[type]": "ticket", "page[size]": "100" })
      .reply(200, exportPage(1, 1, null));
    expect(
      await collect(client.exportSearch({ type: "ticket", query: '"type:ticket" ticket_type:incident' })),
    ).toHaveLength(1);
  });

  test("refuses an unknown type, an empty query and a page over 1,000", async () => {
    const client = testClient();
    const loose = client.exportSearch as (options: unknown) => AsyncIterable<unknown>;
    expect(await rejection(first(loose({ type: "article", query: "x" })))).toBeInstanceOf(TypeError);
    expect(await rejection(first(loose({ type: "ticket", query: "  " })))).toBeInstanceOf(TypeError);
    expect(String(await rejection(first(loose({ type: "ticket", query: "x", pageSize: 1001 }))))).toMatch(/1000/);
  });

  test("a cursor Zendesk refuses as expired fails with CursorExpiredError, which has no resume", async () => {
    zendesk()
      .get(EXPORT)
      .query({ query: "status:open", "filter[type]": "ticket", "page[size]": "2" })
      .reply(200, exportPage(1, 2, "old"));
    zendesk()
      .get(EXPORT)
      .query({ "page[after]": "old" })
      .reply(400, { error: "InvalidPaginationParameter", description: "The cursor has expired" });
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const hit of testClient().exportSearch({ type: "ticket", query: "status:open", pageSize: 2 })) {
          seen.push(hit.id);
        }
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect(isCursorExpiredError(error)).toBe(true);
    expect((error as CursorExpiredError).resume).toBeUndefined();
    expect(String(error)).toMatch(/start the export again/);
  });

  test("a page that fails carries resume, which carries the export on from that page", async () => {
    zendesk()
      .get(EXPORT)
      .query({ query: "vip", "filter[type]": "ticket", "page[size]": "2" })
      .reply(200, exportPage(1, 2, "c1"));
    zendesk().get(EXPORT).query({ "page[after]": "c1" }).reply(500, { error: "InternalServerError" });
    const client = testClient();
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const hit of client.exportSearch({ type: "ticket", query: "vip", pageSize: 2 })) seen.push(hit.id);
      })(),
    );
    const resume = (error as ServerError).resume;
    expect(resume?.operation).toBe("GET /api/v2/search/export");
    zendesk()
      .get(EXPORT)
      .query({ "page[after]": "c1" })
      .reply(200, exportPage(3, 3, null));
    for await (const hit of client.exportSearch({ type: "ticket", query: "vip", pageSize: 2, resume })) {
      seen.push(hit.id);
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  test(".pages() gives whole pages", async () => {
    zendesk()
      .get(EXPORT)
      .query({ query: "vip", "filter[type]": "ticket", "page[size]": "100" })
      .reply(200, exportPage(1, 3, null));
    const pages = await collect(testClient().exportSearch({ type: "ticket", query: "vip" }).pages());
    expect(pages.map((page) => page.results.length)).toEqual([3]);
    expect(pages[0]?.meta.has_more).toBe(false);
  });
});

describe("paginate over the search list", () => {
  const listPage = (page: number, count: number) => {
    const results = [];
    for (let n = (page - 1) * 100 + 1; n <= Math.min(page * 100, count); n++) results.push(ticketHit(n));
    return {
      results,
      facets: null,
      count,
      next_page: page * 100 < count ? `${ORIGIN}${SEARCH}.json?query=vip&page=${page + 1}` : null,
      previous_page: page > 1 ? `${ORIGIN}${SEARCH}.json?query=vip&page=${page - 1}` : null,
    };
  };

  test("reads every page of a query under the cap", async () => {
    zendesk().get(SEARCH).query({ query: "vip" }).reply(200, listPage(1, 150));
    zendesk().get(SEARCH).query({ query: "vip", page: "2" }).reply(200, listPage(2, 150));
    const hits = await collect(testClient().paginate(SEARCH, { params: { query: { query: "vip" } } }));
    expect(hits).toHaveLength(150);
  });

  test("past 1,000 results fails with OffsetLimitError naming the export, after the 1,000", async () => {
    zendesk().get(SEARCH).query({ query: "vip" }).reply(200, listPage(1, 2500));
    for (let page = 2; page <= 10; page++) {
      zendesk()
        .get(SEARCH)
        .query({ query: "vip", page: String(page) })
        .reply(200, listPage(page, 2500));
    }
    let seen = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of testClient().paginate(SEARCH, { params: { query: { query: "vip" } } })) seen++;
      })(),
    );
    expect(seen).toBe(1000);
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect(isOffsetLimitError(error)).toBe(true);
    expect((error as OffsetLimitError).maxRecords).toBe(1000);
    expect((error as OffsetLimitError).instead).toBe("GET /api/v2/search/export (one result type a run)");
    expect(String(error)).toMatch(/use GET \/api\/v2\/search\/export/);
  });

  test("Zendesk's 422 for a page past the cap is the same OffsetLimitError", async () => {
    zendesk()
      .get(SEARCH)
      .query({ query: "vip", page: "11", per_page: "100" })
      .reply(422, { error: "invalid", description: "Search results stop at 1000" });
    const error = await rejection(
      collect(testClient().paginate(SEARCH, { params: { query: { query: "vip", page: 11, per_page: 100 } } })),
    );
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect((error as OffsetLimitError).status).toBe(422);
  });
});

describe("count", () => {
  test("returns Zendesk's count for a string or for terms", async () => {
    zendesk().get("/api/v2/search/count").query({ query: "type:ticket status:open" }).reply(200, { count: 42 });
    zendesk().get("/api/v2/search/count").query({ query: "type:user role:agent" }).reply(200, { count: 3 });
    const client = testClient();
    expect(await client.count("type:ticket status:open")).toBe(42);
    expect(await client.count({ type: "user", role: "agent" })).toBe(3);
    await expect(client.count(" ")).rejects.toThrow(TypeError);
  });
});
