import { describe, expect, test } from "vitest";
import {
  checkpointOf,
  ExportStalledError,
  exportOrganizations,
  exportRoutingAttributes,
  exportTicketEvents,
  exportTicketMetricEvents,
  isExportStalledError,
  isPaginationError,
  isZendeskError,
} from "../src/index.js";
import {
  BASE,
  collect,
  type Handler,
  idsOf,
  iso,
  metricEvent,
  organization,
  type Reply,
  records,
  routingChange,
  routingExport,
  serve,
  T0,
  testClient,
  ticketEvent,
  timeExport,
} from "./helpers.js";

/** Answers the n-th request with the n-th reply. */
const script =
  (...replies: Reply[]): Handler =>
  (_url, count) =>
    replies[count - 1] ?? [599, { error: "UnexpectedRequest" }];

const org = (id: number, ts: number) => ({ id, name: `Org ${id}`, updated_at: iso(ts) });
const timePage = (property: string, rows: unknown[], endTime: number, extra: Record<string, unknown> = {}) => ({
  [property]: rows,
  next_page: `${BASE}/api/v2/incremental/${property}.json?start_time=${endTime}`,
  end_time: endTime,
  count: rows.length,
  ...extra,
});

describe("boundary duplicates", () => {
  test("a record repeated with the same id and timestamp is dropped; one updated since is kept", async () => {
    const s = T0 + 100;
    serve(
      script(
        [200, timePage("organizations", [org(1, s - 5), org(2, s), org(3, s)], s, { end_of_stream: false })],
        // The next page starts at end_time: 2 and 3 come again; 2 was updated meanwhile and comes back later, too.
        [200, timePage("organizations", [org(3, s), org(4, s + 1), org(2, s + 2)], s + 2, { end_of_stream: true })],
      ),
    );
    const pages = await collect(exportOrganizations(testClient(), { startTime: T0 }));
    expect(pages.map((p) => p.items.map((o) => [o.id, o.updated_at]))).toEqual([
      [
        [1, iso(s - 5)],
        [2, iso(s)],
        [3, iso(s)],
      ],
      [
        [4, iso(s + 1)],
        [2, iso(s + 2)],
      ],
    ]);
    expect(pages.map((p) => p.duplicatesDropped)).toEqual([0, 1]);
    expect(pages[0]?.checkpoint).toEqual({
      type: "time",
      export: "organizations",
      startTime: s,
      skip: [`2@${s}`, `3@${s}`],
    });
  });

  test("only records of the boundary second are compared: the same id at another second is kept", async () => {
    const s = T0 + 100;
    serve(
      script(
        [200, timePage("organizations", [org(1, s - 5), org(2, s)], s, { end_of_stream: false })],
        // Org 1 again, changed at s + 1: a real change, not a repeat.
        [200, timePage("organizations", [org(2, s), org(1, s + 1)], s + 1, { end_of_stream: true })],
      ),
    );
    const pages = await collect(exportOrganizations(testClient(), { startTime: T0 }));
    expect(idsOf(pages)).toEqual([1, 2, 1]);
  });

  test("ticket events compare their `timestamp`", async () => {
    const data = records(ticketEvent, 9, 3);
    serve(timeExport("ticket_events", () => data, { perPage: 4 }));
    const pages = await collect(exportTicketEvents(testClient(), { startTime: T0 }));
    expect(idsOf(pages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.reduce((n, p) => n + p.duplicatesDropped, 0)).toBeGreaterThan(0);
  });
});

describe("stall", () => {
  test("a page full of one second fails with ExportStalledError instead of looping", async () => {
    // Five organizations changed in one second, two a page: next_page cannot move past that second.
    const stuck = T0 + 50;
    const data = [organization(1, T0 + 20), ...[2, 3, 4, 5, 6].map((id) => organization(id, stuck))];
    // Page 1: 1 and 2, ending at `stuck`. Page 2 starts at `stuck`: 2 (again) and 3, ending at `stuck` again.
    const served = serve(timeExport("organizations", () => data));
    const run = exportOrganizations(testClient(), { startTime: T0, perPage: 2 });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const page of run) seen.push(...page.items.map((o) => o.id));
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExportStalledError);
    expect(isExportStalledError(error)).toBe(true);
    expect(isPaginationError(error)).toBe(true);
    expect(isZendeskError(error)).toBe(true);
    const stalled = error as ExportStalledError;
    expect(stalled.timestamp).toBe(stuck);
    expect(stalled.export).toBe("organizations");
    expect(stalled.message).toContain(`stalled at ${stuck} (${iso(stuck)})`);
    expect(stalled.message).toContain("cursor-based export");
    expect(stalled.message).toContain("exportTickets and exportUsers");
    // Pages before the stall were delivered; the stalled one was not, and nothing was asked twice over.
    expect(seen).toEqual([1, 2]);
    expect(served.requests).toEqual([
      `/api/v2/incremental/organizations?start_time=${T0}&per_page=2`,
      `/api/v2/incremental/organizations?start_time=${stuck}&per_page=2`,
    ]);
    expect(stalled.pageSize).toBe(2);
    // Where it stood, as core's resume value and as the export's checkpoint.
    expect(stalled.resume).toEqual({
      operation: "GET /api/v2/incremental/organizations",
      url: `${BASE}/api/v2/incremental/organizations?start_time=${stuck}&per_page=2`,
      skip: [`2@${stuck}`],
    });
    expect(checkpointOf(error)).toEqual({
      type: "time",
      export: "organizations",
      startTime: stuck,
      skip: [`2@${stuck}`],
    });
    expect(run.checkpoint).toEqual(checkpointOf(error));
  });

  test("ticket metric events (no end_of_stream): a full page of one second is a stall, not the end", async () => {
    const stuck = T0 + 50;
    const data = [metricEvent(1, T0 + 20), ...records((id) => metricEvent(id + 1, stuck), 1001)];
    const served = serve(timeExport("ticket_metric_events", () => data, { endOfStream: false }));
    const run = exportTicketMetricEvents(testClient(), { startTime: T0 });
    const pages: number[] = [];
    await expect(
      (async () => {
        for await (const page of run) pages.push(page.items.length);
      })(),
    ).rejects.toThrow(ExportStalledError);
    expect(pages).toEqual([1000]);
    expect(served.requests).toHaveLength(2);
  });
});

describe("feeds without end_of_stream stop", () => {
  const events = (ids: number[], ts: number) => ids.map((id) => metricEvent(id, ts).row);

  test("on a page whose end_time does not move (and is not full)", async () => {
    const s = T0 + 30;
    const served = serve(
      script(
        [200, timePage("ticket_metric_events", events([1, 2], s), s)],
        [200, timePage("ticket_metric_events", events([2, 3], s), s)],
      ),
    );
    const run = exportTicketMetricEvents(testClient(), { startTime: T0 });
    const pages = await collect(run);
    expect(idsOf(pages)).toEqual([1, 2, 3]);
    expect(served.requests).toHaveLength(2);
    expect(pages.at(-1)?.endOfStream).toBe(true);
    expect(run.checkpoint).toEqual({
      type: "time",
      export: "ticket_metric_events",
      startTime: s,
      skip: [`2@${s}`, `3@${s}`],
    });
  });

  test("on a null next_page", async () => {
    const served = serve(
      script([200, { ...timePage("ticket_metric_events", events([1], T0 + 5), T0 + 5), next_page: null }]),
    );
    const pages = await collect(exportTicketMetricEvents(testClient(), { startTime: T0 }));
    expect(idsOf(pages)).toEqual([1]);
    expect(served.requests).toHaveLength(1);
  });

  test("on an empty page, keeping the checkpoint it had", async () => {
    const served = serve(
      script(
        [200, timePage("ticket_metric_events", events([1], T0 + 5), T0 + 5)],
        [200, timePage("ticket_metric_events", [], T0 + 9)],
      ),
    );
    const run = exportTicketMetricEvents(testClient(), { startTime: T0 });
    const pages = await collect(run);
    expect(served.requests).toHaveLength(2);
    const after = { type: "time", export: "ticket_metric_events", startTime: T0 + 5, skip: [`1@${T0 + 5}`] };
    expect(pages.map((p) => p.checkpoint)).toEqual([after, after]);
  });

  test("routing: on a null next_page; the checkpoint asks for that last page again, its changes marked delivered", async () => {
    // Two changes a second, three a page: the last second (attribute-3 and -4) is split across the pages.
    const data = records(routingChange("attribute"), 4, 2);
    const served = serve(routingExport("attributes", () => data, { perPage: 3, end: "null" }));
    const run = exportRoutingAttributes(testClient(), { startTime: T0 });
    const pages = await collect(run);
    expect(idsOf(pages)).toEqual(["attribute-1", "attribute-2", "attribute-3", "attribute-4"]);
    expect(served.requests).toHaveLength(2);
    expect(run.checkpoint).toEqual({
      type: "cursor",
      export: "routing_attributes",
      cursor: "r3",
      skip: [`create:attribute-4@${T0 + 11}`],
    });
    // Next run: two more changes, one in that same split second. Only they come, nothing twice.
    data.push(routingChange("attribute")(5, T0 + 11), routingChange("attribute")(6, T0 + 12));
    const next = await collect(exportRoutingAttributes(testClient(), { checkpoint: run.checkpoint }));
    expect(idsOf(next)).toEqual(["attribute-5", "attribute-6"]);
  });

  test("routing: on an empty page, keeping the cursor it had", async () => {
    const data = records(routingChange("attribute"), 4);
    const served = serve(routingExport("attributes", () => data, { perPage: 3, end: "empty" }));
    const run = exportRoutingAttributes(testClient(), { startTime: T0 });
    const pages = await collect(run);
    expect(pages.map((p) => p.items.length)).toEqual([3, 1, 0]);
    expect(served.requests.slice(1)).toEqual([
      "/api/v2/incremental/routing/attributes?cursor=r3",
      "/api/v2/incremental/routing/attributes?cursor=r4",
    ]);
    expect(run.checkpoint).toEqual({ type: "cursor", export: "routing_attributes", cursor: "r4" });
  });

  test("routing: on a next_page that repeats the cursor just used, marking that page delivered", async () => {
    const change = routingChange("attribute");
    const served = serve(
      script(
        [
          200,
          { attributes: [change(1, T0 + 1).row], next_page: `${BASE}/x.json?cursor=k1`, end_time: T0 + 1, count: 1 },
        ],
        [
          200,
          { attributes: [change(2, T0 + 2).row], next_page: `${BASE}/x.json?cursor=k1`, end_time: T0 + 2, count: 1 },
        ],
      ),
    );
    const run = exportRoutingAttributes(testClient(), { startTime: T0 });
    const pages = await collect(run);
    expect(idsOf(pages)).toEqual(["attribute-1", "attribute-2"]);
    expect(served.requests).toHaveLength(2);
    expect(run.checkpoint).toEqual({
      type: "cursor",
      export: "routing_attributes",
      cursor: "k1",
      skip: [`create:attribute-2@${T0 + 2}`],
    });
  });
});
