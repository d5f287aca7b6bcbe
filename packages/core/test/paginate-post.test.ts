import { describe, expect, test } from "vitest";
import {
  createZendeskClient,
  isPaginationError,
  PaginationError,
  ServerError,
  type ZendeskError,
} from "../src/index.js";
import type { Recorded, TestServer } from "./helpers.js";
import { EMAIL, FAST_RETRY, json, startServer, TOKEN } from "./helpers.js";
import { collect, collectUntilError } from "./paginate-helpers.js";
import { operations, type paths, type ThingFilter } from "./paginate-post-fixture.js";

/** The first step of an iteration: where paginate's options are checked, before any request. */
const firstStep = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

const SEARCH = "/api/v2/spaces/{space}/things/search";
const path = { space: "s1" };
const filter: ThingFilter = { $and: [{ name: { $contains: "a" } }, { name: { $eq: "abc" } }] };
const thing = (id: number) => ({ id, name: `Thing ${id}` });

const client = (baseUrl: string) =>
  createZendeskClient<paths, typeof operations>({
    baseUrl,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    operations,
  });

const ids = (items: { id: number }[]) => items.map((item) => item.id);
const query = (r: Recorded) => Object.fromEntries(r.url.searchParams);
const bodyOf = (r: Recorded) => (r.body === "" ? undefined : JSON.parse(r.body));

/**
 * `…/things/search` answering GET and POST alike: `pages[i]` for cursor `c{i}` (no cursor: page 0); links.next
 * on even pages and only meta.after_cursor on odd ones, unless `nextLink` says what links.next is.
 */
function searchServer(pages: number[][], options: { nextLink?: (server: TestServer, i: number) => string } = {}) {
  let server: TestServer;
  return startServer((req, res) => {
    const after = req.url.searchParams.get("page[after]");
    const i = after ? Number(after.slice(1)) : 0;
    const more = i < pages.length - 1;
    const next = more ? `c${i + 1}` : null;
    const link =
      options.nextLink?.(server, i + 1) ??
      (i % 2 === 0 ? `${server.url}${req.url.pathname}?page[after]=${next}` : null);
    json(res, 200, {
      things: (pages[i] ?? []).map(thing),
      meta: { has_more: more, after_cursor: next, before_cursor: null },
      links: { next: more ? link : null, prev: null },
    });
  }).then((s) => {
    server = s;
    return s;
  });
}

describe("paginate with method POST", () => {
  test("resends the body with every page; the cursor and the query go in the query string", async () => {
    const server = await searchServer([[1, 2], [3, 4], [5]]);
    const things = await collect(
      client(server.url).paginate(SEARCH, {
        method: "POST",
        params: { path, query: { query: "abc" } },
        body: { filter },
        pageSize: 2,
      }),
    );
    expect(ids(things)).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    expect(server.requests.map(bodyOf)).toEqual([{ filter }, { filter }, { filter }]);
    expect(server.requests.map((r) => r.headers["content-type"])).toEqual(Array(3).fill("application/json"));
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/v2/spaces/s1/things/search?query=abc&page[size]=2",
      "/api/v2/spaces/s1/things/search?page[after]=c1", // links.next, as the server sent it
      "/api/v2/spaces/s1/things/search?page[after]=c2", // page[after] from meta.after_cursor, on the link's query
    ]);
  });

  test("list parameters go out comma-separated, as core sends them for a GET", async () => {
    const server = await searchServer([[1], [2]], { nextLink: () => "" });
    await collect(
      client(server.url).paginate(SEARCH, {
        method: "POST",
        params: { path, query: { include: ["owner", "tags"] } },
        body: { filter },
      }),
    );
    expect(server.requests.map((r) => r.url.searchParams.getAll("include"))).toEqual([["owner,tags"], ["owner,tags"]]);
    expect(query(server.requests[1] as Recorded)).toEqual({
      include: "owner,tags",
      "page[size]": "100",
      "page[after]": "c1",
    });
  });

  test("the same path without method POST is paged by GET, with no body", async () => {
    const server = await searchServer([[1], [2]]);
    const things = await collect(client(server.url).paginate(SEARCH, { params: { path, query: { query: "x" } } }));
    expect(ids(things)).toEqual([1, 2]);
    expect(server.requests.map((r) => [r.method, r.body])).toEqual([
      ["GET", ""],
      ["GET", ""],
    ]);
  });

  test("an offset-style POST follows next_page and resends the body", async () => {
    const server = await startServer((req, res) => {
      const page = Number(req.url.searchParams.get("page") ?? 1);
      json(res, 200, {
        matches: [thing(page)],
        next_page: page < 3 ? `http://${req.headers.host}/api/v2/spaces/s1/things/match.json?page=${page + 1}` : null,
        previous_page: null,
        count: 3,
      });
    });
    const matches = await collect(
      client(server.url).paginate("/api/v2/spaces/{space}/things/match", {
        method: "POST",
        params: { path },
        body: { name: "Thing" },
        pageSize: 1,
      }),
    );
    expect(ids(matches)).toEqual([1, 2, 3]);
    expect(server.requests.map((r) => [r.path, bodyOf(r)])).toEqual([
      ["/api/v2/spaces/s1/things/match?per_page=1", { name: "Thing" }],
      ["/api/v2/spaces/s1/things/match?page=2", { name: "Thing" }],
      ["/api/v2/spaces/s1/things/match?page=3", { name: "Thing" }],
    ]);
  });
});

describe("POST safety", () => {
  test("a next link to another host is refused, after the page's items are yielded: the body goes nowhere else", async () => {
    const server = await searchServer([[1, 2], [3]], {
      nextLink: () => "https://evil.example/api/v2/spaces/s1/things/search?page[after]=c1",
    });
    const { items, error } = await collectUntilError(
      client(server.url).paginate(SEARCH, { method: "POST", params: { path }, body: { filter } }),
    );
    expect(ids(items)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toBe(
      `POST ${SEARCH}: refusing to follow the next-page link to https://evil.example: it is not the client's host (${server.url}), and credentials stay there`,
    );
    expect(server.requests).toHaveLength(1);
  });

  test("a next link to another path is refused, and so is a cursor that repeats", async () => {
    const other = await searchServer([[1], [2]], {
      nextLink: (s) => `${s.url}/api/v2/spaces/s1/things?page[after]=c1`,
    });
    const a = await collectUntilError(
      client(other.url).paginate(SEARCH, { method: "POST", params: { path }, body: { filter } }),
    );
    expect((a.error as Error).message).toContain("refusing to follow the next-page link to another path");

    const looping = await startServer((_req, res) =>
      json(res, 200, {
        things: [thing(1)],
        meta: { has_more: true, after_cursor: "same", before_cursor: null },
        links: { next: null, prev: null },
      }),
    );
    const b = await collectUntilError(
      client(looping.url).paginate(SEARCH, { method: "POST", params: { path }, body: { filter } }),
    );
    expect(isPaginationError(b.error)).toBe(true);
    expect((b.error as Error).message).toContain("already fetched");
    expect(looping.requests).toHaveLength(2);
  });

  test("an error mid-stream carries a POST resume; resuming resends the body from the failed page", async () => {
    let failed = false;
    const upstream = await searchServer([[1], [2], [3]], { nextLink: () => "" });
    const flaky = await startServer(async (req, res) => {
      if (req.url.searchParams.get("page[after]") === "c1" && !failed) {
        failed = true;
        return json(res, 500, { error: "InternalError" });
      }
      const answer = await fetch(`${upstream.url}${req.path}`, { method: req.method, body: req.body });
      json(res, answer.status, await answer.json());
    });
    const search = client(flaky.url);
    const init = { method: "POST", params: { path }, body: { filter } } as const;
    const first = await collectUntilError(search.paginate(SEARCH, init));
    expect(ids(first.items)).toEqual([1]);
    expect(first.error).toBeInstanceOf(ServerError);
    const resume = (first.error as ZendeskError).resume;
    expect(resume).toEqual({
      operation: `POST ${SEARCH}`,
      url: `${flaky.url}/api/v2/spaces/s1/things/search?page[size]=100&page[after]=c1`,
    });

    // The GET of the same path is another operation.
    await expect(
      firstStep(search.paginate(SEARCH, { params: { path, query: { query: "x" } }, resume })),
    ).rejects.toThrow(`paginate: \`resume\` belongs to POST ${SEARCH}, not GET ${SEARCH}`);
    const rest = await collect(search.paginate(SEARCH, { ...init, resume }));
    expect(ids(rest)).toEqual([2, 3]);
    expect(flaky.requests.slice(2).map((r) => [r.method, r.url.searchParams.get("page[after]"), bodyOf(r)])).toEqual([
      ["POST", "c1", { filter }],
      ["POST", "c2", { filter }],
    ]);
  });

  test("maxItems, maxPages and break send no further POST", async () => {
    const server = await searchServer([[1, 2], [3, 4], [5]]);
    const search = client(server.url);
    const init = { method: "POST", params: { path }, body: { filter } } as const;
    expect(ids(await collect(search.paginate(SEARCH, { ...init, maxItems: 2 })))).toEqual([1, 2]);
    expect(await collect(search.paginate(SEARCH, { ...init, maxPages: 2 }).pages())).toHaveLength(2);
    for await (const t of search.paginate(SEARCH, init)) {
      expect(t.id).toBe(1);
      break;
    }
    expect(server.requests).toHaveLength(4);
  });
});

describe("what paginate refuses before any request", () => {
  const loose = () => client("http://127.0.0.1:9").paginate as (path: string, init?: object) => unknown;

  test("a method other than GET and POST", () => {
    // PUT pages nothing: the operations map has no such list.
    expect(() => loose()(SEARCH, { method: "PUT", params: { path } })).toThrow(
      `paginate: PUT ${SEARCH} is not a paginated list operation`,
    );
  });

  test("a body without method POST: a GET would drop the filter and list everything", async () => {
    await expect(
      firstStep(
        loose()(SEARCH, { params: { path, query: { query: "x" } }, body: { filter } }) as AsyncIterable<unknown>,
      ),
    ).rejects.toThrow('paginate: a `body` is sent only with `method: "POST"`');
  });

  test("a POST that the metadata does not page, and a POST search's path paged by GET", () => {
    expect(() => loose()("/api/v2/spaces/{space}/things", { method: "POST", params: { path }, body: {} })).toThrow(
      "POST /api/v2/spaces/{space}/things is not a paginated list operation",
    );
    expect(() => loose()("/api/v2/spaces/{space}/things/match", { params: { path } })).toThrow(
      "GET /api/v2/spaces/{space}/things/match is not a paginated list operation",
    );
  });
});
