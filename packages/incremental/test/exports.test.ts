import { describe, expect, test } from "vitest";
import {
  type Checkpoint,
  type ExportPage,
  type ExportRun,
  type ExportStart,
  exportOrganizations,
  exportRoutingAttributes,
  exportRoutingAttributeValues,
  exportRoutingInstanceValues,
  exportTicketEvents,
  exportTicketMetricEvents,
  exportTickets,
  exportUsers,
  type IncrementalClient,
} from "../src/index.js";
import {
  collect,
  cursorExport,
  type Handler,
  idsOf,
  metricEvent,
  organization,
  records,
  routingChange,
  routingExport,
  serve,
  T0,
  type Timed,
  testClient,
  ticket,
  ticketEvent,
  timeExport,
  user,
} from "./helpers.js";

type AnyRun = ExportRun<ExportPage<unknown, object>>;

interface Case {
  name: string;
  path: string;
  make: (id: number, ts: number) => Timed;
  /** The fake endpoint, paging `perPage` records at a time. */
  server: (records: () => Timed[], perPage: number) => Handler;
  run: (client: IncrementalClient, options: ExportStart) => AnyRun;
  /** How the second request of a walk must look, after a first page that ended on `last` (the third record). */
  second: (last: Timed) => string;
  /** Feeds without end_of_stream (ticket metric events) learn they caught up from one more page that does not move. */
  confirmsEnd?: boolean;
}

const time =
  (property: string, endOfStream = true) =>
  (rows: () => Timed[], perPage: number) =>
    timeExport(property, rows, { perPage, endOfStream });

const cases: Case[] = [
  {
    name: "exportTickets",
    path: "/api/v2/incremental/tickets/cursor",
    make: ticket,
    server: (rows, perPage) => cursorExport("tickets", rows, { perPage }),
    run: (client, options) => exportTickets(client, options) as AnyRun,
    second: () => "/api/v2/incremental/tickets/cursor?cursor=c3",
  },
  {
    name: "exportUsers",
    path: "/api/v2/incremental/users/cursor",
    make: user,
    server: (rows, perPage) => cursorExport("users", rows, { perPage }),
    run: (client, options) => exportUsers(client, options) as AnyRun,
    second: () => "/api/v2/incremental/users/cursor?cursor=c3",
  },
  {
    name: "exportOrganizations",
    path: "/api/v2/incremental/organizations",
    make: organization,
    server: time("organizations"),
    run: (client, options) => exportOrganizations(client, options as ExportStart<never>) as AnyRun,
    second: (last) => `/api/v2/incremental/organizations?start_time=${last.ts}`,
  },
  {
    name: "exportTicketEvents",
    path: "/api/v2/incremental/ticket_events",
    make: ticketEvent,
    server: time("ticket_events"),
    run: (client, options) => exportTicketEvents(client, options as ExportStart<never>) as AnyRun,
    second: (last) => `/api/v2/incremental/ticket_events?start_time=${last.ts}`,
  },
  {
    name: "exportTicketMetricEvents",
    path: "/api/v2/incremental/ticket_metric_events",
    make: metricEvent,
    server: time("ticket_metric_events", false),
    run: (client, options) => exportTicketMetricEvents(client, options as ExportStart<never>) as AnyRun,
    second: (last) => `/api/v2/incremental/ticket_metric_events?start_time=${last.ts}`,
    confirmsEnd: true,
  },
  {
    name: "exportRoutingAttributes",
    path: "/api/v2/incremental/routing/attributes",
    make: routingChange("attribute"),
    server: (rows, perPage) => routingExport("attributes", rows, { perPage }),
    run: (client, options) => exportRoutingAttributes(client, options) as AnyRun,
    second: () => "/api/v2/incremental/routing/attributes?cursor=r3",
  },
  {
    name: "exportRoutingAttributeValues",
    path: "/api/v2/incremental/routing/attribute_values",
    make: routingChange("value"),
    server: (rows, perPage) => routingExport("attribute_values", rows, { perPage }),
    run: (client, options) => exportRoutingAttributeValues(client, options) as AnyRun,
    second: () => "/api/v2/incremental/routing/attribute_values?cursor=r3",
  },
  {
    name: "exportRoutingInstanceValues",
    path: "/api/v2/incremental/routing/instance_values",
    make: routingChange("instance"),
    server: (rows, perPage) => routingExport("instance_values", rows, { perPage }),
    run: (client, options) => exportRoutingInstanceValues(client, options) as AnyRun,
    second: () => "/api/v2/incremental/routing/instance_values?cursor=r3",
  },
];

for (const c of cases) {
  describe(c.name, () => {
    test("zero records: one empty page, end of stream, the checkpoint still at the start", async () => {
      const served = serve(c.server(() => [], 3));
      const run = c.run(testClient(), { startTime: T0 });
      const pages = await collect(run);
      expect(served.requests).toEqual([`${c.path}?start_time=${T0}`]);
      expect(pages).toHaveLength(1);
      expect(pages[0]?.items).toEqual([]);
      expect(pages[0]?.endOfStream).toBe(true);
      expect(run.checkpoint).toMatchObject({ type: "time", startTime: T0 });
    });

    test("one page", async () => {
      const data = records(c.make, 2);
      const served = serve(c.server(() => data, 3));
      const run = c.run(testClient(), { startTime: new Date(T0 * 1000) });
      const pages = await collect(run);
      expect(idsOf(pages)).toEqual(data.map((r) => r.row.id));
      expect(served.requests[0]).toBe(`${c.path}?start_time=${T0}`);
      expect(served.requests).toHaveLength(c.confirmsEnd ? 2 : 1);
      expect(pages.at(-1)?.endOfStream).toBe(true);
      expect(pages.slice(0, -1).every((p) => !p.endOfStream)).toBe(true);
      expect(run.checkpoint).toEqual(pages.at(-1)?.checkpoint);
      // Polling again from it, with nothing new, yields nothing.
      const again = await collect(c.run(testClient(), { checkpoint: run.checkpoint }));
      expect(idsOf(again)).toEqual([]);
    });

    test("many pages, in order, each record once (two records a second, so time pages overlap)", async () => {
      const data = records(c.make, 7, 2);
      const served = serve(c.server(() => data, 3));
      const run = c.run(testClient(), { startTime: T0 });
      const pages = await collect(run);
      expect(idsOf(pages)).toEqual(data.map((r) => r.row.id));
      expect(served.requests[0]).toBe(`${c.path}?start_time=${T0}`);
      expect(served.requests[1]).toBe(c.second(data[2] as Timed));
      expect(served.requests.length).toBe(c.confirmsEnd ? 4 : 3);
      expect(pages.at(-1)?.endOfStream).toBe(true);
      const checkpoints = pages.map((p) => p.checkpoint);
      // The metric event feed confirms its end with a page that does not move: same checkpoint as the one before.
      expect(new Set(checkpoints.map((p) => JSON.stringify(p))).size).toBe(3);
      expect(run.checkpoint).toEqual(checkpoints.at(-1));
      expect((run.checkpoint as Checkpoint).export).toBeDefined();
      const again = await collect(c.run(testClient(), { checkpoint: JSON.parse(JSON.stringify(run.checkpoint)) }));
      expect(idsOf(again)).toEqual([]);
    });
  });
}
