import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import {
  isPaginationError,
  PaginationError,
  type PaginationResume,
  RateLimitError,
  ResponseParseError,
  ServerError,
  type ZendeskError,
} from "../src/index.js";
import type { Recorded, TestServer } from "./helpers.js";
import { json, startServer, testClient, ticket } from "./helpers.js";
import { collect, collectUntilError } from "./paginate-helpers.js";

/** The first step of an iteration: where paginate's options are checked, before any request. */
const first = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

const user = (id: number) => ({ id, name: `User ${id}` });
const group = (id: number) => ({ id, name: `Group ${id}` });
const ids = (items: { id: number | string }[]) => items.map((item) => item.id);

const query = (r: Recorded | undefined) => Object.fromEntries(r?.url.searchParams ?? []);

/**
 * A cursor-paginated `/api/v2/users`: `pages[i]` is served for cursor `c{i}` (no cursor: page 0),
 * with links.next unless `linkless`.
 */
function cursorUsers(
  pages: number[][],
  options: { linkless?: boolean; nextLink?: (server: TestServer, i: number) => string } = {},
) {
  let server: TestServer;
  const ready = startServer((req, res) => {
    const after = req.url.searchParams.get("page[after]");
    const i = after ? Number(after.slice(1)) : 0;
    const more = i < pages.length - 1;
    const next = more ? `c${i + 1}` : null;
    json(res, 200, {
      users: (pages[i] ?? []).map(user),
      meta: { has_more: more, after_cursor: next, before_cursor: i > 0 ? `c${i - 1}` : null },
      links: {
        next:
          more && !options.linkless
            ? (options.nextLink?.(server, i + 1) ??
              `${server.url}/api/v2/users.json?page%5Bafter%5D=${next}&page%5Bsize%5D=2`)
            : null,
        prev: null,
      },
    });
  }).then((s) => {
    server = s;
    return s;
  });
  return ready;
}

describe("cursor", () => {
  test("zero items: one request, nothing yielded", async () => {
    const server = await cursorUsers([[]]);
    expect(await collect(testClient(server.url).paginate("/api/v2/users"))).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(query(server.requests[0])).toEqual({ "page[size]": "100" });
  });

  test("one page", async () => {
    const server = await cursorUsers([[1, 2]]);
    expect(ids(await collect(testClient(server.url).paginate("/api/v2/users")))).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test("many pages through links.next, in order, with pageSize as page[size]", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    const client = testClient(server.url);
    const users = await collect(
      client.paginate("/api/v2/users", { params: { query: { role: "agent" } }, pageSize: 2 }),
    );
    expect(ids(users)).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/v2/users?role=agent&page[size]=2",
      "/api/v2/users?page[after]=c1&page[size]=2",
      "/api/v2/users?page[after]=c2&page[size]=2",
    ]);
  });

  test("without links.next, builds page[after] from meta.after_cursor and keeps the query", async () => {
    const server = await cursorUsers([[1], [2], [3]], { linkless: true });
    const users = await collect(
      testClient(server.url).paginate("/api/v2/users", { params: { query: { role: "admin" } } }),
    );
    expect(ids(users)).toEqual([1, 2, 3]);
    expect(query(server.requests[2])).toEqual({ role: "admin", "page[size]": "100", "page[after]": "c2" });
  });

  test("a path with parameters (custom object records)", async () => {
    const server = await startServer((req, res) => {
      const after = req.url.searchParams.get("page[after]");
      json(res, 200, {
        custom_object_records: after
          ? [{ id: "r2", name: "B", custom_object_fields: {} }]
          : [{ id: "r1", name: "A", custom_object_fields: { color: "red" } }],
        meta: { has_more: !after, after_cursor: after ? null : "x1", before_cursor: null },
        links: { next: after ? null : `${server.url}/api/v2/custom_objects/car/records?page[after]=x1`, prev: null },
      });
    });
    const records = await collect(
      testClient(server.url).paginate("/api/v2/custom_objects/{custom_object_key}/records", {
        params: { path: { custom_object_key: "car" } },
      }),
    );
    expect(records.map((r) => r.name)).toEqual(["A", "B"]);
    expect(server.requests.map((r) => r.url.pathname)).toEqual([
      "/api/v2/custom_objects/car/records",
      "/api/v2/custom_objects/car/records",
    ]);
  });

  test(".pages() yields whole response bodies", async () => {
    const server = await cursorUsers([[1, 2], [3]]);
    const pages = await collect(testClient(server.url).paginate("/api/v2/users").pages());
    expect(pages).toHaveLength(2);
    expect(pages[0]?.meta).toEqual({ has_more: true, after_cursor: "c1", before_cursor: null });
    expect(ids(pages[1]?.users ?? [])).toEqual([3]);
  });
});

describe("cursor-or-offset", () => {
  test("uses cursor: sends page[size] and follows meta/links", async () => {
    const server = await startServer((req, res) => {
      const after = req.url.searchParams.get("page[after]");
      json(res, 200, {
        tickets: after ? [ticket(2)] : [ticket(1)],
        meta: { has_more: !after, after_cursor: after ? null : "t1", before_cursor: null },
        links: {
          next: after ? null : `${server.url}/api/v2/tickets.json?page%5Bafter%5D=t1&page%5Bsize%5D=100`,
          prev: null,
        },
      });
    });
    const tickets = await collect(testClient(server.url).paginate("/api/v2/tickets"));
    expect(ids(tickets)).toEqual([1, 2]);
    expect(query(server.requests[0])).toEqual({ "page[size]": "100" });
    expect(query(server.requests[1])).toEqual({ "page[after]": "t1", "page[size]": "100" });
  });

  test("copes with an answer in offset form (next_page)", async () => {
    const server = await startServer((req, res) => {
      const page = Number(req.url.searchParams.get("page") ?? 1);
      json(res, 200, {
        tickets: [ticket(page)],
        next_page: page < 3 ? `${server.url}/api/v2/tickets.json?page=${page + 1}` : null,
        previous_page: null,
        count: 3,
      });
    });
    expect(ids(await collect(testClient(server.url).paginate("/api/v2/tickets")))).toEqual([1, 2, 3]);
  });
});

describe("offset", () => {
  const offsetGroups = (pageCount: number, perPage = 2) =>
    startServer((req, res) => {
      const page = Number(req.url.searchParams.get("page") ?? 1);
      const size = Number(req.url.searchParams.get("per_page") ?? perPage);
      const total = pageCount === 0 ? 0 : pageCount * size;
      const items = Array.from({ length: pageCount === 0 ? 0 : size }, (_, i) => group((page - 1) * size + i + 1));
      json(res, 200, {
        groups: items,
        next_page:
          page < pageCount ? `http://${req.headers.host}/api/v2/groups.json?page=${page + 1}&per_page=${size}` : null,
        previous_page:
          page > 1 ? `http://${req.headers.host}/api/v2/groups.json?page=${page - 1}&per_page=${size}` : null,
        count: total,
      });
    });

  test("zero items", async () => {
    const server = await offsetGroups(0);
    expect(await collect(testClient(server.url).paginate("/api/v2/groups"))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test("one page", async () => {
    const server = await offsetGroups(1);
    expect(ids(await collect(testClient(server.url).paginate("/api/v2/groups")))).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test("many pages through next_page; pageSize becomes per_page", async () => {
    const server = await offsetGroups(3, 3);
    const groups = await collect(testClient(server.url).paginate("/api/v2/groups", { pageSize: 3 }));
    expect(ids(groups)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/v2/groups?per_page=3",
      "/api/v2/groups?page=2&per_page=3",
      "/api/v2/groups?page=3&per_page=3",
    ]);
  });
});

describe("incremental-time", () => {
  /** Pages of tickets; `next_page` always set (as Zendesk does), end_of_stream on the last. */
  const timeExport = (pages: number[][]) =>
    startServer((req, res) => {
      const start = Number(req.url.searchParams.get("start_time"));
      const i = start - 1000;
      const last = i >= pages.length - 1;
      json(res, 200, {
        tickets: (pages[i] ?? []).map(ticket),
        next_page: `http://${req.headers.host}/api/v2/incremental/tickets.json?start_time=${start + 1}`,
        end_time: start + 1,
        end_of_stream: last,
        count: pages[i]?.length ?? 0,
      });
    });

  test("zero items: stops at end_of_stream", async () => {
    const server = await timeExport([[]]);
    const client = testClient(server.url);
    expect(
      await collect(client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } })),
    ).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test("one page", async () => {
    const server = await timeExport([[1, 2]]);
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } }),
    );
    expect(ids(tickets)).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test("many pages: follows next_page until end_of_stream, though next_page is still set", async () => {
    const server = await timeExport([[1, 2], [3], [4, 5]]);
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } }),
    );
    expect(ids(tickets)).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.url.searchParams.get("start_time"))).toEqual(["1000", "1001", "1002"]);
  });

  test("a feed without end_of_stream ends on an empty page", async () => {
    const server = await startServer((req, res) => {
      const start = Number(req.url.searchParams.get("start_time"));
      const tickets = start < 1002 ? [ticket(start - 999)] : [];
      json(res, 200, {
        tickets,
        next_page: `http://${req.headers.host}/api/v2/incremental/tickets?start_time=${start + 1}`,
        end_time: start + 1,
        count: tickets.length,
      });
    });
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } }),
    );
    expect(ids(tickets)).toEqual([1, 2]);
    expect(server.requests).toHaveLength(3);
  });

  test("a feed without end_of_stream whose next_page points back at a fetched page has caught up", async () => {
    const server = await startServer((req, res) => {
      const start = Number(req.url.searchParams.get("start_time"));
      json(res, 200, {
        tickets: [ticket(start - 999)],
        next_page: `http://${req.headers.host}/api/v2/incremental/tickets?start_time=${Math.min(start + 1, 1001)}`,
        end_time: Math.min(start + 1, 1001),
        count: 1,
      });
    });
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } }),
    );
    expect(ids(tickets)).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
  });

  test("a feed that sends end_of_stream and repeats a page is still an error", async () => {
    const server = await startServer((req, res) =>
      json(res, 200, {
        tickets: [ticket(1)],
        next_page: `http://${req.headers.host}/api/v2/incremental/tickets?start_time=1000`,
        end_time: 1000,
        end_of_stream: false,
        count: 1,
      }),
    );
    const client = testClient(server.url);
    const { error } = await collectUntilError(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 1000 } } }),
    );
    expect(isPaginationError(error)).toBe(true);
  });

  test("list parameters go out comma-separated, as Zendesk reads them", async () => {
    const server = await timeExport([[1]]);
    const client = testClient(server.url);
    const query = { start_time: 1000, include: ["users", "groups"] } as never;
    await collect(client.paginate("/api/v2/incremental/tickets", { params: { query } }));
    expect(server.requests[0]?.url.searchParams.getAll("include")).toEqual(["users,groups"]);
  });

  test("stops when next_page is null", async () => {
    const server = await startServer((_req, res) =>
      json(res, 200, { tickets: [ticket(1)], next_page: null, end_time: 5, end_of_stream: false, count: 1 }),
    );
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 0 } } }),
    );
    expect(ids(tickets)).toEqual([1]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("incremental-cursor", () => {
  const cursorExport = (pages: number[][]) =>
    startServer((req, res) => {
      const cursor = req.url.searchParams.get("cursor");
      const i = cursor ? Number(cursor.replace("k", "")) : 0;
      const last = i >= pages.length - 1;
      json(res, 200, {
        tickets: (pages[i] ?? []).map(ticket),
        after_cursor: last ? null : `k${i + 1}`,
        after_url: last ? null : `http://${req.headers.host}/api/v2/incremental/tickets/cursor.json?cursor=k${i + 1}`,
        before_cursor: null,
        before_url: null,
        end_of_stream: last,
      });
    });

  test("zero items", async () => {
    const server = await cursorExport([[]]);
    const client = testClient(server.url);
    expect(
      await collect(client.paginate("/api/v2/incremental/tickets/cursor", { params: { query: { start_time: 0 } } })),
    ).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test("one page", async () => {
    const server = await cursorExport([[7]]);
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets/cursor", { params: { query: { start_time: 0 } } }),
    );
    expect(ids(tickets)).toEqual([7]);
  });

  test("many pages: start_time first, then cursor=<after_cursor> without start_time, until end_of_stream", async () => {
    const server = await cursorExport([[1, 2], [3], [4]]);
    const client = testClient(server.url);
    const tickets = await collect(
      client.paginate("/api/v2/incremental/tickets/cursor", {
        params: { query: { start_time: 1700000000 } },
        pageSize: 2,
      }),
    );
    expect(ids(tickets)).toEqual([1, 2, 3, 4]);
    expect(server.requests.map(query)).toEqual([
      { start_time: "1700000000", per_page: "2" },
      { per_page: "2", cursor: "k1" },
      { per_page: "2", cursor: "k2" },
    ]);
  });
});

describe("safety", () => {
  test("a next link to another host is refused, after the page's items are yielded", async () => {
    const server = await cursorUsers([[1, 2], [3]], {
      nextLink: () => "https://evil.example/api/v2/users?page[after]=c1",
    });
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(ids(items)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("refusing to follow the next-page link to https://evil.example");
    expect(server.requests).toHaveLength(1);
  });

  test("a next link with another scheme or port is refused too", async () => {
    const httpsSameHost = await cursorUsers([[1], [2]], {
      nextLink: (s) => `${s.url.replace("http:", "https:")}/api/v2/users?page[after]=c1`,
    });
    const a = await collectUntilError(testClient(httpsSameHost.url).paginate("/api/v2/users"));
    expect(isPaginationError(a.error)).toBe(true);
    const otherPort = await cursorUsers([[1], [2]], {
      nextLink: () => "http://127.0.0.1:1/api/v2/users?page[after]=c1",
    });
    const b = await collectUntilError(testClient(otherPort.url).paginate("/api/v2/users"));
    expect(isPaginationError(b.error)).toBe(true);
    expect(httpsSameHost.requests).toHaveLength(1);
    expect(otherPort.requests).toHaveLength(1);
  });

  test("a next link to another path on the same host is refused", async () => {
    const server = await cursorUsers([[1], [2]], { nextLink: (s) => `${s.url}/api/v2/tickets?page[after]=c1` });
    const { error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect((error as Error).message).toContain("another path");
  });

  test("a cursor that repeats is an error, not an endless loop", async () => {
    const server = await startServer((_req, res) =>
      json(res, 200, {
        users: [user(1)],
        meta: { has_more: true, after_cursor: "same", before_cursor: null },
        links: { next: null, prev: null },
      }),
    );
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("already fetched");
    expect(server.requests).toHaveLength(2);
    expect(items).toHaveLength(2);
  });

  test("a page without its items array is a PaginationError", async () => {
    const server = await startServer((_req, res) => json(res, 200, { meta: { has_more: false } }));
    const { error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain('no "users" array');
  });

  test("an HTML page in the middle is a ResponseParseError with a resume point", async () => {
    const server = await startServer((req, res) => {
      if (req.url.searchParams.get("page[after]")) {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html>maintenance</html>");
      }
      json(res, 200, {
        users: [user(1)],
        meta: { has_more: true, after_cursor: "c1", before_cursor: null },
        links: { next: null, prev: null },
      });
    });
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(ids(items)).toEqual([1]);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ZendeskError).resume?.url).toContain("page[after]=c1");
  });

  test("a path that does not page is refused at run time", () => {
    const client = testClient("http://127.0.0.1:9");
    expect(() => (client.paginate as (path: string) => unknown)("/api/v2/tickets/{ticket_id}")).toThrow(
      PaginationError,
    );
    expect(() => (client.paginate as (path: string) => unknown)("/api/v2/tickets/{ticket_id}")).toThrow(
      "GET /api/v2/tickets/{ticket_id} is not a paginated list operation",
    );
  });
});

describe("stopping", () => {
  test("break after the first item makes exactly one request", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    for await (const u of testClient(server.url).paginate("/api/v2/users")) {
      expect(u.id).toBe(1);
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  test("break after a page's last item makes no request for the next page", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    for await (const u of testClient(server.url).paginate("/api/v2/users")) {
      if (u.id === 2) break;
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(server.requests).toHaveLength(1);
  });

  test("maxItems stops mid-page without fetching more", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    const users = await collect(testClient(server.url).paginate("/api/v2/users", { maxItems: 3 }));
    expect(ids(users)).toEqual([1, 2, 3]);
    expect(server.requests).toHaveLength(2);
    const exact = await cursorUsers([[1, 2], [3, 4], [5]]);
    expect(ids(await collect(testClient(exact.url).paginate("/api/v2/users", { maxItems: 2 })))).toEqual([1, 2]);
    expect(exact.requests).toHaveLength(1);
  });

  test("maxPages stops after that many pages, for items and for pages()", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    const client = testClient(server.url);
    expect(ids(await collect(client.paginate("/api/v2/users", { maxPages: 2 })))).toEqual([1, 2, 3, 4]);
    expect(await collect(client.paginate("/api/v2/users", { maxPages: 1 }).pages())).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });

  test("an abort in mid-iteration rejects with the reason and fetches nothing more", async () => {
    const server = await cursorUsers([[1, 2], [3, 4], [5]]);
    const controller = new AbortController();
    const reason = new Error("stop now");
    const seen: number[] = [];
    const run = async () => {
      for await (const u of testClient(server.url).paginate("/api/v2/users", { signal: controller.signal })) {
        seen.push(u.id);
        if (u.id === 3) controller.abort(reason);
      }
    };
    await expect(run()).rejects.toBe(reason);
    expect(seen).toEqual([1, 2, 3]);
    expect(server.requests).toHaveLength(2);
  });

  test("an abort while a page is in flight rejects promptly", async () => {
    const server = await startServer((req, res) => {
      if (req.url.searchParams.get("page[after]")) return; // never answers
      json(res, 200, {
        users: [user(1)],
        meta: { has_more: true, after_cursor: "c1", before_cursor: null },
        links: { next: null, prev: null },
      });
    });
    const controller = new AbortController();
    const run = collect(testClient(server.url).paginate("/api/v2/users", { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("enough")), 50);
    await expect(run).rejects.toThrow("enough");
  });
});

describe("resume", () => {
  test("an error in the middle comes after every fetched item, carries resume, and resuming finishes the list", async () => {
    let failed = false;
    const server = await cursorUsers([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const flaky = await startServer(async (req, res) => {
      if (req.url.searchParams.get("page[after]") === "c2" && !failed) {
        failed = true;
        return json(res, 500, { error: "InternalError" });
      }
      const upstream = await fetch(`${server.url}${req.path}`);
      const body = (await upstream.json()) as { links: { next: string | null } };
      if (body.links.next) body.links.next = body.links.next.replace(server.url, flaky.url);
      json(res, 200, body);
    });
    const client = testClient(flaky.url);
    const first = await collectUntilError(client.paginate("/api/v2/users", { pageSize: 2 }));
    expect(ids(first.items)).toEqual([1, 2, 3, 4]);
    expect(first.error).toBeInstanceOf(ServerError);
    const resume = (first.error as ServerError).resume as PaginationResume;
    expect(resume).toEqual({
      operation: "GET /api/v2/users",
      url: `${flaky.url}/api/v2/users?page[after]=c2&page[size]=2`,
    });
    // Plain JSON: it can be saved and read back.
    const saved = JSON.parse(JSON.stringify(resume)) as PaginationResume;
    const rest = await collect(client.paginate("/api/v2/users", { resume: saved }));
    expect(ids(rest)).toEqual([5, 6]);
  });

  test("a RateLimitError in an incremental export carries the cursor to carry on from", async () => {
    let limited = true;
    const server = await startServer((req, res) => {
      const cursor = req.url.searchParams.get("cursor");
      if (cursor === "k1" && limited) {
        limited = false;
        return json(res, 429, { error: "TooManyRequests" }, { "retry-after": "3600" });
      }
      json(res, 200, {
        tickets: [ticket(cursor ? 2 : 1)],
        after_cursor: cursor ? null : "k1",
        after_url: null,
        before_cursor: null,
        before_url: null,
        end_of_stream: Boolean(cursor),
      });
    });
    const client = testClient(server.url);
    const init = { params: { query: { start_time: 1 } } };
    const first = await collectUntilError(client.paginate("/api/v2/incremental/tickets/cursor", init));
    expect(ids(first.items)).toEqual([1]);
    expect(first.error).toBeInstanceOf(RateLimitError);
    expect((first.error as RateLimitError).retryAfterMs).toBe(3_600_000);
    const resume = (first.error as RateLimitError).resume;
    expect(resume?.url).toContain("cursor=k1");
    const rest = await collect(client.paginate("/api/v2/incremental/tickets/cursor", { ...init, resume }));
    expect(ids(rest)).toEqual([2]);
  });

  test("a resume point of another operation or host is refused", async () => {
    const client = testClient("http://127.0.0.1:9");
    await expect(
      first(
        client.paginate("/api/v2/users", {
          resume: { operation: "GET /api/v2/groups", url: "http://127.0.0.1:9/api/v2/groups?page=2" },
        }),
      ),
    ).rejects.toThrow(PaginationError);
    const foreign = client.paginate("/api/v2/users", {
      resume: { operation: "GET /api/v2/users", url: "https://elsewhere.example/api/v2/users?page[after]=x" },
    });
    await expect(collect(foreign)).rejects.toThrow("refusing to follow the resume URL");
  });
});

describe("memory", () => {
  test("pages already iterated can be garbage-collected (no accumulation)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const PAGE = 500;
    const server = await startServer((req, res) => {
      const after = Number(req.url.searchParams.get("page[after]") ?? 0);
      json(res, 200, {
        users: Array.from({ length: PAGE }, (_, i) => ({
          id: after * PAGE + i,
          name: `User ${after * PAGE + i}`,
          pad: "x".repeat(200),
        })),
        meta: { has_more: after < 19, after_cursor: String(after + 1), before_cursor: null },
        links: { next: null, prev: null },
      });
    });
    const refs: WeakRef<object>[] = [];
    let count = 0;
    for await (const u of testClient(server.url).paginate("/api/v2/users")) {
      if (count % PAGE === 0) refs.push(new WeakRef(u));
      count++;
      if (count === 10 * PAGE + 1) {
        gc();
        await new Promise((r) => setTimeout(r, 0));
        gc();
        // Pages 0…8 are behind us: none of their items may still be reachable.
        expect(refs.slice(0, 9).filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
      }
    }
    expect(count).toBe(20 * PAGE);
  });
});
