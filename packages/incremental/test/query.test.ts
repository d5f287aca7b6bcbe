import { describe, expect, test } from "vitest";
import {
  createIncrementalClient,
  exportTicketEvents,
  exportTicketMetricEvents,
  exportTickets,
  exportUsers,
  isZendeskError,
  RateLimiter,
  unwrap,
  ZendeskError,
} from "../src/index.js";
import { BASE, collect, cursorExport, records, serve, T0, testClient, ticket, timeExport, user } from "./helpers.js";

describe("include", () => {
  test("is sent as one comma-separated value, on every page, and its sideloads land on the page", async () => {
    const data = records(ticket, 4);
    const served = serve((url, count) => {
      const [status, body] = cursorExport("tickets", () => data)(url, count);
      const sideloads =
        count === 1 ? { users: [{ id: 7, name: "Ann" }], groups: [{ id: 8, name: "Tier 1" }] } : { users: [] };
      return [status, { ...(body as object), ...sideloads }];
    });
    const pages = await collect(
      exportTickets(testClient(), { startTime: T0, perPage: 2, include: ["users", "groups", "users", "dates"] }),
    );
    expect(served.requests).toEqual([
      `/api/v2/incremental/tickets/cursor?start_time=${T0}&per_page=2&include=users,groups,dates`,
      "/api/v2/incremental/tickets/cursor?cursor=c2&per_page=2&include=users,groups,dates",
    ]);
    expect(pages[0]?.sideloads).toEqual({ users: [{ id: 7, name: "Ann" }], groups: [{ id: 8, name: "Tier 1" }] });
    // Asked for but not sent: present and empty. `dates` adds fields to each ticket, so it is no sideload.
    expect(pages[1]?.sideloads).toEqual({ users: [], groups: [] });
  });

  test("users: sideloads, open_ticket_count as a map", async () => {
    const served = serve((url, count) => {
      const [status, body] = cursorExport("users", () => records(user, 1))(url, count);
      return [status, { ...(body as object), identities: [{ id: 1, user_id: 1, type: "email", value: "a@b.c" }] }];
    });
    const [page] = await collect(
      exportUsers(testClient(), { startTime: T0, include: ["identities", "open_ticket_count"] }),
    );
    expect(served.requests).toEqual([
      `/api/v2/incremental/users/cursor?start_time=${T0}&include=identities,open_ticket_count`,
    ]);
    expect(page?.sideloads).toEqual({
      identities: [{ id: 1, user_id: 1, type: "email", value: "a@b.c" }],
      open_ticket_count: {},
    });
  });

  test("ticket events: include=comment_events", async () => {
    const served = serve(timeExport("ticket_events", () => []));
    const [page] = await collect(exportTicketEvents(testClient(), { startTime: T0, include: ["comment_events"] }));
    expect(served.requests).toEqual([`/api/v2/incremental/ticket_events?start_time=${T0}&include=comment_events`]);
    expect(page?.sideloads).toEqual({});
  });
});

describe("flags", () => {
  test("excludeDeleted on tickets, includeChanges on ticket metric events", async () => {
    const served = serve((url, count) =>
      url.pathname.includes("metric")
        ? timeExport("ticket_metric_events", () => [], { endOfStream: false })(url, count)
        : cursorExport("tickets", () => [])(url, count),
    );
    await collect(exportTickets(testClient(), { startTime: T0, excludeDeleted: true }));
    await collect(exportTicketMetricEvents(testClient(), { startTime: T0, includeChanges: true }));
    expect(served.requests).toEqual([
      `/api/v2/incremental/tickets/cursor?start_time=${T0}&exclude_deleted=true`,
      `/api/v2/incremental/ticket_metric_events?start_time=${T0}&include_changes=true`,
    ]);
  });

  test("a cursor is sent URL-encoded", async () => {
    const served = serve(() => [200, { tickets: [], after_cursor: null, end_of_stream: true }]);
    await collect(exportTickets(testClient(), { checkpoint: { type: "cursor", cursor: "a+b/c=" } }));
    expect(served.requests).toEqual(["/api/v2/incremental/tickets/cursor?cursor=a%2Bb%2Fc%3D"]);
  });
});

describe("createIncrementalClient", () => {
  test("is the core client on the incremental paths, with credentials and the re-exported helpers", async () => {
    const served = serve(() => [200, { users: [], next_page: null, end_time: T0, end_of_stream: true, count: 0 }]);
    const client = createIncrementalClient({
      baseUrl: BASE,
      auth: { email: "admin@acme.test", apiToken: "tok" },
      limiter: new RateLimiter(),
    });
    const page = unwrap(await client.GET("/api/v2/incremental/users", { params: { query: { start_time: T0 } } }));
    expect(page.end_of_stream).toBe(true);
    expect(served.requests).toEqual([`/api/v2/incremental/users?start_time=${T0}`]);
    expect(served.authorization).toEqual([`Basic ${btoa("admin@acme.test/token:tok")}`]);
    expect(isZendeskError(new ZendeskError("x"))).toBe(true);
  });
});
