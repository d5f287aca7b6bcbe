import { describe, expect, test } from "vitest";
import {
  checkpointOf,
  exportOrganizations,
  exportTickets,
  isPaginationError,
  isZendeskConfigError,
  PaginationError,
  type PaginationResume,
  ServerError,
  type ZendeskError,
} from "../src/index.js";
import {
  BASE,
  collect,
  cursorExport,
  drain,
  type Handler,
  idsOf,
  organization,
  records,
  serve,
  T0,
  testClient,
  ticket,
  timeExport,
  withFaults,
} from "./helpers.js";

/** The first step of an iteration: where paginate's options are checked, before any request. */
const first = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

describe("a cursor that comes back", () => {
  test("A → B → A: a PaginationError before the page that leads back, carrying where it stood", async () => {
    // start → c1 → c2 → c1 again: each cursor differs from the one just used, but c1 was fetched already.
    const after: Record<string, string> = { "": "c1", c1: "c2", c2: "c1" };
    const handler: Handler = (url, count) => {
      const cursor = url.searchParams.get("cursor") ?? "";
      return [
        200,
        {
          tickets: [ticket(count, T0 + count).row],
          after_cursor: after[cursor],
          after_url: null,
          before_cursor: null,
          before_url: null,
          end_of_stream: false,
        },
      ];
    };
    const served = serve(handler);
    const run = exportTickets(testClient(), { startTime: T0 });
    const { ids, error } = await drain(run);
    // The third page (at c2) leads back to c1: it is not yielded, and the run stays at c2.
    expect(ids).toEqual([1, 2]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(isPaginationError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "GET /api/v2/incremental/tickets/cursor: the server sent a next page that was already fetched in this run (cursor=c1); stopping instead of looping",
    );
    expect((error as ZendeskError).resume).toEqual({
      operation: "GET /api/v2/incremental/tickets/cursor",
      url: `${BASE}/api/v2/incremental/tickets/cursor?cursor=c2`,
    });
    expect(checkpointOf(error)).toEqual({ type: "cursor", export: "tickets", cursor: "c2" });
    expect(run.checkpoint).toEqual(checkpointOf(error));
    // The page at c1 is not asked for again.
    expect(served.requests).toEqual([
      `/api/v2/incremental/tickets/cursor?start_time=${T0}`,
      "/api/v2/incremental/tickets/cursor?cursor=c1",
      "/api/v2/incremental/tickets/cursor?cursor=c2",
    ]);
  });

  test("the after_cursor just used, on a page that says there is more, is refused the same way", async () => {
    serve(() => [200, { tickets: [ticket(1, T0 + 1).row], after_cursor: "c1", end_of_stream: false }]);
    const { ids, error } = await drain(exportTickets(testClient(), { startTime: T0 }));
    expect(ids).toEqual([1]);
    expect(checkpointOf(error)).toEqual({ type: "cursor", export: "tickets", cursor: "c1" });
    expect((error as Error).message).toContain("already fetched in this run (cursor=c1)");
  });

  test("a new iteration of a finished run polls its last position again without tripping over it", async () => {
    const data = records(ticket, 2);
    serve(cursorExport("tickets", () => data));
    const run = exportTickets(testClient(), { startTime: T0 });
    expect(idsOf(await collect(run))).toEqual([1, 2]);
    expect(idsOf(await collect(run))).toEqual([]);
  });
});

describe("one resume value", () => {
  test("an error's resume goes back in as `checkpoint` and finishes the export, nothing lost or repeated", async () => {
    const data = records(ticket, 9);
    serve(
      withFaults(
        cursorExport("tickets", () => data),
        { 3: [500, { error: "InternalError" }] },
      ),
    );
    const first = await drain(exportTickets(testClient(), { startTime: T0, perPage: 3 }));
    expect(first.error).toBeInstanceOf(ServerError);
    const saved = JSON.parse(JSON.stringify((first.error as ServerError).resume)) as PaginationResume;
    const rest = await collect(exportTickets(testClient(), { checkpoint: saved, perPage: 3 }));
    expect([...first.ids, ...idsOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("a time export's resume keeps the records of its second already delivered, and honours them", async () => {
    // Three a second, four a page: the second page starts inside a second the first one ended in.
    const data = records(organization, 11, 3);
    serve(
      withFaults(
        timeExport("organizations", () => data),
        { 2: [500, { error: "InternalError" }] },
      ),
    );
    const first = await drain(exportOrganizations(testClient(), { startTime: T0, perPage: 4 }));
    expect(first.ids).toEqual([1, 2, 3, 4]);
    const resume = (first.error as ServerError).resume as PaginationResume;
    expect(resume).toEqual({
      operation: "GET /api/v2/incremental/organizations",
      url: `${BASE}/api/v2/incremental/organizations?start_time=${T0 + 11}&per_page=4`,
      skip: [`4@${T0 + 11}`],
    });
    expect(checkpointOf(resume)).toEqual({
      type: "time",
      export: "organizations",
      startTime: T0 + 11,
      skip: [`4@${T0 + 11}`],
    });
    const rest = await collect(exportOrganizations(testClient(), { checkpoint: resume, perPage: 4 }));
    expect([...first.ids, ...idsOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test("core's paginate refuses a resume with records to skip rather than repeat them", async () => {
    const resume: PaginationResume = {
      operation: "GET /api/v2/incremental/organizations",
      url: `${BASE}/api/v2/incremental/organizations?start_time=${T0}`,
      skip: [`4@${T0}`],
    };
    await expect(
      first(
        testClient().paginate("/api/v2/incremental/organizations", { params: { query: { start_time: T0 } }, resume }),
      ),
    ).rejects.toThrow("only the export helper it came from can leave out");
  });

  test("a resume of another export, or of no export, is refused before any request", () => {
    const served = serve(() => [500]);
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(isZendeskConfigError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error("no error");
    };
    const users: PaginationResume = {
      operation: "GET /api/v2/incremental/users/cursor",
      url: `${BASE}/api/v2/incremental/users/cursor?cursor=u1`,
    };
    expect(message(() => exportTickets(testClient(), { checkpoint: users }))).toContain(
      "this checkpoint belongs to the users export",
    );
    const other: PaginationResume = { operation: "GET /api/v2/users", url: `${BASE}/api/v2/users?page[after]=x` };
    expect(message(() => exportTickets(testClient(), { checkpoint: other }))).toContain(
      "this `resume` belongs to GET /api/v2/users, not an export",
    );
    expect(checkpointOf(other)).toBeUndefined();
    expect(served.requests).toEqual([]);
  });
});
