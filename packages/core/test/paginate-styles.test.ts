import { afterEach, describe, expect, test, vi } from "vitest";
import {
  CursorExpiredError,
  createZendeskClient,
  isCursorExpiredError,
  isOffsetLimitError,
  isPaginationError,
  OffsetLimitError,
  PaginationError,
  ValidationError,
  type ZendeskError,
} from "../src/index.js";
import { EMAIL, FAST_RETRY, json, type Recorded, startServer, TOKEN, testClient, ticket } from "./helpers.js";
import { collect, collectUntilError } from "./paginate-helpers.js";
import { operations, type paths } from "./paginate-styles-fixture.js";

/** The first step of an iteration: where paginate's options are checked, before any request. */
const first = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

const client = (baseUrl: string) =>
  createZendeskClient<paths, typeof operations>({
    baseUrl,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    operations,
  });

const ids = (items: { id: number }[]) => items.map((item) => item.id);
const query = (r: Recorded | undefined) => Object.fromEntries(r?.url.searchParams ?? []);

describe("legacy-cursor", () => {
  /** Ticket audits, newest first: `pages[i]` answers cursor `b{i}` (no cursor: page 0). */
  const audits = (pages: number[][], options: { linkless?: boolean; before?: (i: number) => string | null } = {}) =>
    startServer((req, res) => {
      const cursor = req.url.searchParams.get("cursor");
      const i = cursor ? Number(cursor.slice(1)) : 0;
      const before = options.before ? options.before(i) : i < pages.length - 1 ? `b${i + 1}` : null;
      const limit = req.url.searchParams.get("limit");
      json(res, 200, {
        audits: (pages[i] ?? []).map((id) => ({ id, ticket_id: 1, created_at: "2024-01-01T00:00:00Z" })),
        before_cursor: before,
        after_cursor: i > 0 ? `a${i}` : null,
        before_url:
          before && !options.linkless
            ? `http://${req.headers.host}/api/v2/ticket_audits.json?cursor=${before}${limit ? `&limit=${limit}` : ""}`
            : null,
        after_url: i > 0 ? `http://${req.headers.host}/api/v2/ticket_audits.json?cursor=a${i}` : null,
      });
    });

  test("follows before_url to older pages until it is null; pageSize is sent as limit", async () => {
    const server = await audits([[9, 8], [7, 6], [5]]);
    const items = await collect(client(server.url).paginate("/api/v2/ticket_audits", { pageSize: 2 }));
    expect(ids(items)).toEqual([9, 8, 7, 6, 5]);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/v2/ticket_audits?limit=2",
      "/api/v2/ticket_audits?cursor=b1&limit=2",
      "/api/v2/ticket_audits?cursor=b2&limit=2",
    ]);
  });

  test("without before_url, sends cursor=before_cursor with the rest of the query", async () => {
    const server = await audits([[3], [2], [1]], { linkless: true });
    const items = await collect(client(server.url).paginate("/api/v2/ticket_audits", { pageSize: 1 }));
    expect(ids(items)).toEqual([3, 2, 1]);
    expect(query(server.requests[2])).toEqual({ limit: "1", cursor: "b2" });
  });

  test("one page, no cursor to go on: one request", async () => {
    const server = await audits([[1]]);
    expect(ids(await collect(client(server.url).paginate("/api/v2/ticket_audits")))).toEqual([1]);
    expect(query(server.requests[0])).toEqual({});
  });

  test("a cursor that leads back to an earlier page (A → B → A) is a PaginationError with where it stood", async () => {
    // Page 0 → b1 → b2 → b1 again.
    const server = await audits([[3], [2], [1]], { before: (i) => (i === 2 ? "b1" : `b${i + 1}`) });
    const { items, error } = await collectUntilError(client(server.url).paginate("/api/v2/ticket_audits"));
    expect(ids(items)).toEqual([3, 2, 1]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("already fetched in this run");
    expect((error as ZendeskError).resume).toEqual({
      operation: "GET /api/v2/ticket_audits",
      url: `${server.url}/api/v2/ticket_audits?cursor=b1`,
    });
    expect(server.requests).toHaveLength(3);
  });
});

describe("search-export", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** `pages[i]` answers `page[after]=e{i}` (none: page 0); a cursor in `expired` gets a 422. */
  const exportServer = (pages: number[][], expired: string[] = []) =>
    startServer((req, res) => {
      const after = req.url.searchParams.get("page[after]");
      if (after && expired.includes(after)) {
        return json(res, 422, { error: "InvalidPaginationParameter", description: "cursor is invalid or expired" });
      }
      const i = after ? Number(after.slice(1)) : 0;
      const more = i < pages.length - 1;
      json(res, 200, {
        results: (pages[i] ?? []).map((id) => ({ id, result_type: "ticket" })),
        meta: { has_more: more, after_cursor: more ? `e${i + 1}` : null, before_cursor: null },
        links: {
          next: more ? `http://${req.headers.host}/api/v2/search/export?page[after]=e${i + 1}&page[size]=2` : null,
          prev: null,
        },
      });
    });
  const params = { query: { query: "status:open", "filter[type]": "ticket" as const } };

  test("pages like cursor paging: page[size] (100 unless told), links.next until has_more is false", async () => {
    const server = await exportServer([[1, 2], [3, 4], [5]]);
    const found = await collect(client(server.url).paginate("/api/v2/search/export", { params }));
    expect(ids(found)).toEqual([1, 2, 3, 4, 5]);
    expect(query(server.requests[0])).toEqual({ query: "status:open", "filter[type]": "ticket", "page[size]": "100" });
    expect(query(server.requests[2])).toEqual({ "page[after]": "e2", "page[size]": "2" });
  });

  test("a 4xx to a page carrying a cursor is CursorExpiredError: no resume, and it says to start again", async () => {
    const server = await exportServer([[1], [2], [3]], ["e2"]);
    const { items, error } = await collectUntilError(client(server.url).paginate("/api/v2/search/export", { params }));
    expect(ids(items)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect(isCursorExpiredError(error)).toBe(true);
    expect(isPaginationError(error)).toBe(true);
    const expired = error as CursorExpiredError;
    expect(expired.message).toContain("Zendesk keeps a search export cursor for an hour");
    expect(expired.message).toContain("start the export again");
    expect(expired.status).toBe(422);
    expect(expired.resume).toBeUndefined();
    expect((expired.cause as ZendeskError).status).toBe(422);
  });

  test("a 4xx to the first page (no cursor yet) is the usual error", async () => {
    const server = await startServer((_req, res) => json(res, 422, { error: "InvalidValue", description: "bad" }));
    const { error } = await collectUntilError(client(server.url).paginate("/api/v2/search/export", { params }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(isCursorExpiredError(error)).toBe(false);
  });

  test("more than an hour after the page that handed out the cursor: CursorExpiredError without asking", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = await exportServer([[1], [2], [3]]);
    const seen: number[] = [];
    const run = async () => {
      // Without look-ahead: with it, the third page is fetched while the app still works on the second, in time.
      for await (const result of client(server.url).paginate("/api/v2/search/export", { params, lookAhead: 0 })) {
        seen.push(result.id);
        // The app takes 61 minutes over the second result.
        if (result.id === 2) vi.setSystemTime(Date.now() + 61 * 60_000);
      }
    };
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect((error as Error).message).toContain("more than 60 minutes ago");
    expect((error as ZendeskError).resume).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  test("within the hour the run goes on", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = await exportServer([[1], [2], [3]]);
    const seen: number[] = [];
    for await (const result of client(server.url).paginate("/api/v2/search/export", { params })) {
      seen.push(result.id);
      vi.setSystemTime(Date.now() + 59 * 60_000);
    }
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("unpaginated", () => {
  test("one request; the items of the one response; .pages() yields that page", async () => {
    const server = await startServer((_req, res) => json(res, 200, { tags: ["vip", "urgent"] }));
    const c = client(server.url);
    const init = { params: { path: { ticket_id: 7 } } };
    expect(await collect(c.paginate("/api/v2/tickets/{ticket_id}/tags", init))).toEqual(["vip", "urgent"]);
    expect(await collect(c.paginate("/api/v2/tickets/{ticket_id}/tags", init).pages())).toEqual([
      { tags: ["vip", "urgent"] },
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(["/api/v2/tickets/7/tags", "/api/v2/tickets/7/tags"]);
  });

  test("a next_page in the body is not followed", async () => {
    const server = await startServer((req, res) =>
      json(res, 200, { tags: ["a"], next_page: `http://${req.headers.host}/api/v2/tickets/7/tags?page=2` }),
    );
    const tags = await collect(
      client(server.url).paginate("/api/v2/tickets/{ticket_id}/tags", { params: { path: { ticket_id: 7 } } }),
    );
    expect(tags).toEqual(["a"]);
    expect(server.requests).toHaveLength(1);
  });

  test("pageSize is refused: the list comes whole", async () => {
    await expect(
      first(
        client("http://127.0.0.1:9").paginate("/api/v2/tickets/{ticket_id}/tags", {
          params: { path: { ticket_id: 7 } },
          pageSize: 10,
        }),
      ),
    ).rejects.toThrow("returns its whole list in one response");
  });
});

describe("offset caps", () => {
  /** Widgets by offset, `total` of them; pages past `refuseAfter` records get a 400 as Zendesk's cap does. */
  const widgets = (total: number, options: { refuseAfter?: number; count?: number; nextPage?: boolean } = {}) =>
    startServer((req, res) => {
      const page = Number(req.url.searchParams.get("page") ?? 1);
      const perPage = Number(req.url.searchParams.get("per_page") ?? 100);
      if (options.refuseAfter !== undefined && page * perPage > options.refuseAfter) {
        return json(res, 400, { error: "InvalidPaginationParameter", description: "page is past the limit" });
      }
      const from = (page - 1) * perPage;
      const rows = Array.from({ length: Math.max(0, Math.min(perPage, total - from)) }, (_, i) => ({
        id: from + i + 1,
        name: `W${from + i + 1}`,
      }));
      const more = options.nextPage ?? from + perPage < total;
      json(res, 200, {
        widgets: rows,
        next_page: more ? `http://${req.headers.host}/api/v2/widgets.json?page=${page + 1}&per_page=${perPage}` : null,
        previous_page: null,
        count: options.count ?? total,
      });
    });

  test("reaching the cap while next_page says there is more: OffsetLimitError after the last record, naming the alternative", async () => {
    const server = await widgets(10);
    const { items, error } = await collectUntilError(client(server.url).paginate("/api/v2/widgets", { pageSize: 2 }));
    expect(ids(items)).toEqual([1, 2, 3, 4]);
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect(isOffsetLimitError(error)).toBe(true);
    expect(isPaginationError(error)).toBe(true);
    const capped = error as OffsetLimitError;
    expect(capped.maxRecords).toBe(4);
    expect(capped.instead).toBe("GET /api/v2/widgets (cursor)");
    expect(capped.message).toBe(
      "GET /api/v2/widgets: Zendesk serves at most 4 records of this list by offset paging (page, per_page) and refuses the pages past them, but there are more; to reach the rest, use GET /api/v2/widgets (cursor) instead.",
    );
    expect(capped.resume).toBeUndefined();
    // The page past the cap is never asked for.
    expect(server.requests).toHaveLength(2);
  });

  test("a count above the cap with no next_page is the cap too, not the end", async () => {
    const server = await widgets(4, { count: 25, nextPage: false });
    const { error } = await collectUntilError(client(server.url).paginate("/api/v2/widgets", { pageSize: 4 }));
    expect(error).toBeInstanceOf(OffsetLimitError);
  });

  test("a list that ends at the cap ends quietly", async () => {
    const server = await widgets(4);
    expect(ids(await collect(client(server.url).paginate("/api/v2/widgets", { pageSize: 2 })))).toEqual([1, 2, 3, 4]);
  });

  test("the server's 400 for a page past the cap is OffsetLimitError, with the 400 as its cause", async () => {
    const server = await widgets(10, { refuseAfter: 4 });
    const resume = { operation: "GET /api/v2/widgets", url: `${server.url}/api/v2/widgets?page=3&per_page=2` };
    const { error } = await collectUntilError(client(server.url).paginate("/api/v2/widgets", { resume }));
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect((error as OffsetLimitError).status).toBe(400);
    expect(((error as OffsetLimitError).cause as ZendeskError).status).toBe(400);
    expect((error as OffsetLimitError).resume).toBeUndefined();
  });

  test("search: 1,000 results at most, then the export endpoint", async () => {
    const server = await startServer((req, res) => {
      const page = Number(req.url.searchParams.get("page") ?? 1);
      if (page > 10) return json(res, 422, { error: "InsufficientResourceError" });
      json(res, 200, {
        results: Array.from({ length: 100 }, (_, i) => ({ id: (page - 1) * 100 + i + 1, result_type: "ticket" })),
        next_page: `http://${req.headers.host}/api/v2/search.json?page=${page + 1}&per_page=100&query=x`,
        previous_page: null,
        count: 4321,
      });
    });
    const c = client(server.url);
    const { items, error } = await collectUntilError(
      c.paginate("/api/v2/search", { params: { query: { query: "x" } } }),
    );
    expect(items).toHaveLength(1000);
    expect((error as Error).message).toContain("at most 1000 records");
    expect((error as Error).message).toContain("use GET /api/v2/search/export instead");
    expect(server.requests).toHaveLength(10);

    // Jumping past the cap gets Zendesk's 422, which says the same.
    const resume = { operation: "GET /api/v2/search", url: `${server.url}/api/v2/search?page=11&per_page=100&query=x` };
    const jumped = await collectUntilError(c.paginate("/api/v2/search", { params: { query: { query: "x" } }, resume }));
    expect(jumped.error).toBeInstanceOf(OffsetLimitError);
    expect((jumped.error as OffsetLimitError).status).toBe(422);
  });

  test("a 400 on a page within the cap stays what it is", async () => {
    const server = await startServer((_req, res) => json(res, 400, { error: "InvalidValue", description: "bad" }));
    const resume = { operation: "GET /api/v2/widgets", url: `${server.url}/api/v2/widgets?page=2&per_page=2` };
    const { error } = await collectUntilError(client(server.url).paginate("/api/v2/widgets", { resume }));
    expect(isOffsetLimitError(error)).toBe(false);
    expect((error as ZendeskError).status).toBe(400);
    expect((error as ZendeskError).resume?.url).toContain("page=2");
  });
});

describe("a page that comes back", () => {
  test("cursor: A → B → A fails on the third cursor, after every item, with where it stood", async () => {
    const next: Record<string, string> = { "": "A", A: "B", B: "A" };
    const server = await startServer((req, res) => {
      const after = req.url.searchParams.get("page[after]") ?? "";
      json(res, 200, {
        users: [{ id: server.requests.length, name: `User ${after}` }],
        meta: { has_more: true, after_cursor: next[after], before_cursor: null },
        links: { next: null, prev: null },
      });
    });
    const { items, error } = await collectUntilError(testClient(server.url).paginate("/api/v2/users"));
    expect(items).toHaveLength(3);
    expect(isPaginationError(error)).toBe(true);
    expect((error as Error).message).toContain("already fetched in this run");
    expect((error as ZendeskError).resume?.url).toBe(`${server.url}/api/v2/users?page[size]=100&page[after]=A`);
    expect(server.requests.map((r) => r.url.searchParams.get("page[after]"))).toEqual([null, "A", "B"]);
  });

  test("incremental-time: a next_page back to an earlier start_time is refused, though the feed sends end_of_stream", async () => {
    const server = await startServer((req, res) => {
      const start = Number(req.url.searchParams.get("start_time"));
      const next = start === 1001 ? 1000 : start + 1;
      json(res, 200, {
        tickets: [ticket(start)],
        next_page: `http://${req.headers.host}/api/v2/incremental/tickets?start_time=${next}`,
        end_time: next,
        end_of_stream: false,
      });
    });
    const run = testClient(server.url).paginate("/api/v2/incremental/tickets", {
      params: { query: { start_time: 1000 } },
    });
    const { items, error } = await collectUntilError(run);
    expect(items).toHaveLength(2);
    expect((error as Error).message).toContain("already fetched in this run");
  });
});

describe("resume", () => {
  test("a resume that lists records already delivered (an export's) is refused by paginate", async () => {
    await expect(
      first(
        client("http://127.0.0.1:9").paginate("/api/v2/ticket_audits", {
          resume: {
            operation: "GET /api/v2/ticket_audits",
            url: "http://127.0.0.1:9/api/v2/ticket_audits",
            skip: ["1@2"],
          },
        }),
      ),
    ).rejects.toThrow("only the export helper it came from can leave out");
  });
});
