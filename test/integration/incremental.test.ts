/**
 * Every export helper of @zenfetch/incremental against the simulator's exports: the cursor-based ones (tickets,
 * users), the time-based ones (organizations, ticket events, ticket metric events) and the skill-based routing ones,
 * each read to its end with every record once; polling again from the stored checkpoint; a stop and a resume from a
 * stored checkpoint; the stall; the sample endpoint; the default budget.
 */

import type { RateLimiter } from "@zenfetch/core";
import {
  type Checkpoint,
  type ExportPage,
  type ExportRun,
  exportOrganizations,
  exportRoutingAttributes,
  exportRoutingAttributeValues,
  exportRoutingInstanceValues,
  exportTicketEvents,
  exportTicketMetricEvents,
  exportTickets,
  exportUsers,
  isExportStalledError,
  type RoutingExportOptions,
  unwrap,
} from "@zenfetch/incremental";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import {
  closeSimulators,
  duplicates,
  incrementalClient,
  must,
  range,
  SEED_START,
  startSim,
  ticketsClient,
} from "./helpers.js";

afterEach(closeSimulators);

interface Drained<Item, C extends Checkpoint> {
  items: Item[];
  pages: number;
  endOfStream: boolean[];
  duplicatesDropped: number[];
  checkpoint: C;
}

type Page<Item> = { items: Item[]; endOfStream: boolean; duplicatesDropped: number };

async function drain<Item, C extends Checkpoint>(run: AsyncIterable<Page<Item>> & { checkpoint: C }) {
  const out: Drained<Item, C> = {
    items: [],
    pages: 0,
    endOfStream: [],
    duplicatesDropped: [],
    checkpoint: run.checkpoint,
  };
  for await (const page of run) {
    out.items.push(...page.items);
    out.pages++;
    out.endOfStream.push(page.endOfStream);
    out.duplicatesDropped.push(page.duplicatesDropped);
  }
  out.checkpoint = run.checkpoint;
  return out;
}

const queries = (sim: RunningSimulator, path: string) => sim.requests.find("GET", path).map((entry) => entry.query);
const noLimits = { rateLimits: { incremental: false, sample: false } } as const;

describe("cursor-based exports", () => {
  it("exportTickets: every ticket once, oldest change first; include and excludeDeleted sent as Zendesk reads them", async () => {
    const sim = await startSim({ seed: { tickets: 2_345 }, ...noLimits });
    const zendesk = incrementalClient(sim);
    const run = exportTickets(zendesk, { startTime: 0, include: ["users", "groups"], perPage: 1000 });
    const sideloads: unknown[] = [];
    const ids: number[] = [];
    for await (const page of run) {
      ids.push(...page.items.map((t) => must(t.id)));
      sideloads.push(page.sideloads.users, page.sideloads.groups);
    }
    expect(ids).toEqual(range(1, 2_345));
    expect(sideloads.every(Array.isArray)).toBe(true);
    const sent = queries(sim, "/api/v2/incremental/tickets/cursor");
    expect(sent).toHaveLength(3);
    expect(sent[0]).toEqual({ start_time: "0", include: "users,groups", per_page: "1000" });
    expect(sent.slice(1).every((q) => q.cursor && q.start_time === undefined && q.include === "users,groups")).toBe(
      true,
    );
    expect(run.checkpoint.type).toBe("cursor");

    // A deleted ticket comes with status "deleted", or not at all with excludeDeleted.
    unwrap(await ticketsClient(sim).DELETE("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 7 } } }));
    sim.clock.advance(61_000);
    const withDeleted = await drain(exportTickets(zendesk, { checkpoint: run.checkpoint }));
    expect(withDeleted.items.map((t) => [t.id, t.status])).toEqual([[7, "deleted"]]);
    const without = await drain(exportTickets(zendesk, { checkpoint: run.checkpoint, excludeDeleted: true }));
    expect(without.items).toEqual([]);
    expect(queries(sim, "/api/v2/incremental/tickets/cursor").at(-1)?.exclude_deleted).toBe("true");
  });

  it("exportUsers: every user once, with the sideloads asked for", async () => {
    const sim = await startSim({ seed: { users: 130 }, ...noLimits });
    const result = await drain(
      exportUsers(incrementalClient(sim), { startTime: SEED_START, perPage: 50, include: ["identities"] }),
    );
    expect(result.items.map((u) => u.id)).toEqual(range(1, 130));
    expect(result.pages).toBe(3);
    expect(result.endOfStream).toEqual([false, false, true]);
    expect(queries(sim, "/api/v2/incremental/users/cursor")[0]?.include).toBe("identities");
  });

  it("polling from the stored checkpoint yields only what changed since; nothing new is one empty page", async () => {
    const sim = await startSim({ seed: { tickets: 300 }, ...noLimits });
    const zendesk = incrementalClient(sim);
    const first = await drain(exportTickets(zendesk, { startTime: 0 }));
    expect(first.items).toHaveLength(300);
    const stored = JSON.stringify(first.checkpoint);

    const nothing = await drain(exportTickets(zendesk, { checkpoint: JSON.parse(stored) }));
    expect(nothing).toMatchObject({ items: [], pages: 1, endOfStream: [true], duplicatesDropped: [0] });
    expect(JSON.stringify(nothing.checkpoint)).toBe(stored); // an empty page never moves it

    const tickets = ticketsClient(sim);
    const created = unwrap(
      await tickets.POST("/api/v2/tickets", { body: { ticket: { subject: "New", comment: { body: "Hello" } } } }),
    ).ticket;
    unwrap(
      await tickets.PUT("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: 12 } },
        body: { ticket: { status: "solved" } },
      }),
    );
    const early = await drain(exportTickets(zendesk, { checkpoint: JSON.parse(stored) }));
    expect(early.items).toEqual([]); // held back for a minute, as Zendesk does
    sim.clock.advance(61_000);
    const later = await drain(exportTickets(zendesk, { checkpoint: JSON.parse(stored) }));
    expect(later.items.map((t) => t.id).sort((a, b) => must(a) - must(b))).toEqual([12, created.id]);
  });
});

describe("time-based exports", () => {
  it("exportOrganizations: every organization once across pages that split shared seconds", async () => {
    const sim = await startSim({ seed: { organizations: 333, perTimestamp: 5 }, ...noLimits });
    const result = await drain(exportOrganizations(incrementalClient(sim), { startTime: SEED_START, perPage: 100 }));
    const ids = result.items.map((o) => must(o.id));
    expect(duplicates(ids)).toEqual([]);
    expect(ids).toEqual(range(1, 333));
    expect(result.endOfStream.at(-1)).toBe(true);
    // The simulator repeats each page's last second on the next page: the pages overlapped and were deduped.
    const starts = queries(sim, "/api/v2/incremental/organizations").map((q) => Number(q.start_time));
    expect(new Set(starts).size).toBe(starts.length);
    expect(result.duplicatesDropped.slice(1).every((n) => n > 0)).toBe(true);
    expect(result.checkpoint).toMatchObject({ type: "time", export: "organizations" });
  });

  it("exportTicketEvents: one event per audit, every one once, include comment_events sent", async () => {
    const sim = await startSim({ seed: { tickets: 1_200, perTimestamp: 3 }, ...noLimits });
    const result = await drain(
      exportTicketEvents(incrementalClient(sim), { startTime: 0, include: ["comment_events"] }),
    );
    const ids = result.items.map((e) => must(e.id));
    expect(ids).toHaveLength(2 * 1_200);
    expect(duplicates(ids)).toEqual([]);
    expect(new Set(result.items.map((e) => e.ticket_id))).toEqual(new Set(range(1, 1_200)));
    const stamps = result.items.map((e) => Number(e.timestamp));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(queries(sim, "/api/v2/incremental/ticket_events").every((q) => q.include === "comment_events")).toBe(true);
  });

  it("exportTicketMetricEvents: every metric event once, and a ticket created later adds its own", async () => {
    const sim = await startSim({ seed: { tickets: 1_500 }, ...noLimits });
    const zendesk = incrementalClient(sim);
    const result = await drain(exportTicketMetricEvents(zendesk, { startTime: 0, includeChanges: true }));
    expect(result.items).toHaveLength(1_500);
    expect(duplicates(result.items.map((e) => e.id))).toEqual([]);
    expect(new Set(result.items.map((e) => e.ticket_id))).toEqual(new Set(range(1, 1_500)));
    expect(queries(sim, "/api/v2/incremental/ticket_metric_events")[0]?.include_changes).toBe("true");

    const created = unwrap(
      await ticketsClient(sim).POST("/api/v2/tickets", {
        body: { ticket: { subject: "Timed", comment: { body: "Start the clock." } } },
      }),
    ).ticket;
    sim.clock.advance(61_000);
    const more = await drain(exportTicketMetricEvents(zendesk, { checkpoint: result.checkpoint }));
    expect(more.items.map((e) => [e.ticket_id, e.metric, e.type])).toEqual([[created.id, "reply_time", "activate"]]);
  });

  it("a second with more changes than a page holds: ExportStalledError, and a resume from the next second", async () => {
    const sim = await startSim({ seed: { organizations: 1_600, perTimestamp: 1_500 }, ...noLimits });
    const zendesk = incrementalClient(sim);
    const delivered: number[] = [];
    const error = await (async () => {
      for await (const page of exportOrganizations(zendesk, { startTime: SEED_START }))
        delivered.push(...page.items.map((o) => must(o.id)));
    })().catch((e: unknown) => e);
    expect(isExportStalledError(error)).toBe(true);
    expect(error).toMatchObject({ export: "organizations", timestamp: SEED_START, pageSize: 1000 });
    expect(delivered).toEqual([]); // nothing of the stalled page was yielded
    expect(sim.requests.find("GET", "/api/v2/incremental/organizations")).toHaveLength(1); // and no loop

    const rest = await drain(exportOrganizations(zendesk, { checkpoint: { type: "time", startTime: SEED_START + 1 } }));
    expect(rest.items.map((o) => o.id)).toEqual(range(1_501, 1_600));
  });
});

/** One routing change as the exports type it, and as `type:id@second`: one change of one record. */
type RoutingChange = { id: string; type: string; time: string };
const routingMark = (change: RoutingChange) => `${change.type}:${change.id}@${Date.parse(change.time) / 1000}`;

interface RoutingCase {
  name: string;
  exportName: string;
  path: string;
  run: (
    client: ReturnType<typeof incrementalClient>,
    options: RoutingExportOptions,
  ) => ExportRun<ExportPage<RoutingChange>>;
  /** Every change the simulator holds for this export, as `type:id@second`. */
  expected: (sim: RunningSimulator) => string[];
  /** Records one more change (at the simulator's clock) and returns its mark. */
  change: (sim: RunningSimulator) => string;
}

const ROUTING_CASES: RoutingCase[] = [
  {
    name: "exportRoutingAttributes",
    exportName: "routing_attributes",
    path: "/api/v2/incremental/routing/attributes",
    run: exportRoutingAttributes,
    expected: (sim) => sim.state.routing.attributes.map((c) => `${c.type}:${c.id}@${c.time}`),
    change: (sim) => {
      const c = sim.state.routing.createAttribute("Channel");
      return `create:${c.id}@${c.time}`;
    },
  },
  {
    name: "exportRoutingAttributeValues",
    exportName: "routing_attribute_values",
    path: "/api/v2/incremental/routing/attribute_values",
    run: exportRoutingAttributeValues,
    expected: (sim) => sim.state.routing.attributeValues.map((c) => `${c.type}:${c.id}@${c.time}`),
    change: (sim) => {
      const c = sim.state.routing.createAttributeValue(must(sim.state.routing.attributes[0]).id, "Spanish");
      return `create:${c.id}@${c.time}`;
    },
  },
  {
    name: "exportRoutingInstanceValues",
    exportName: "routing_instance_values",
    path: "/api/v2/incremental/routing/instance_values",
    run: exportRoutingInstanceValues,
    expected: (sim) =>
      [...sim.state.routing.instanceValues.values()].flatMap((row) => [
        `associate_${row.instanceType}:${row.id}@${row.associatedAt}`,
        ...(row.unassociatedAt === null ? [] : [`unassociate_${row.instanceType}:${row.id}@${row.unassociatedAt}`]),
      ]),
    change: (sim) => {
      const row = sim.state.routing.associate(must(sim.state.routing.attributeValues[0]).id, "ticket", 1);
      return `associate_ticket:${row.id}@${row.associatedAt}`;
    },
  },
];

describe("skill-based routing exports", () => {
  it.each(ROUTING_CASES)(
    "$name: every change once, start_time first and then the cursor in next_page, ending on the empty page",
    async ({ exportName, path, run, expected }) => {
      const sim = await startSim({ exports: { routingPageSize: 3 }, ...noLimits });
      const result = await drain(run(incrementalClient(sim), { startTime: SEED_START }));
      const marks = result.items.map(routingMark);
      const all = expected(sim);
      expect(all.length).toBeGreaterThan(6);
      expect(duplicates(marks)).toEqual([]);
      expect([...marks].sort()).toEqual([...all].sort());
      // Pages of 3, then the empty page that ends the feed (the only one flagged endOfStream).
      expect(result.pages).toBe(Math.ceil(all.length / 3) + 1);
      expect(result.endOfStream).toEqual([...Array(result.pages - 1).fill(false), true]);
      expect(result.duplicatesDropped.every((n) => n === 0)).toBe(true);
      const sent = queries(sim, path);
      expect(sent).toHaveLength(result.pages);
      expect(sent[0]).toEqual({ start_time: String(SEED_START) });
      expect(sent.slice(1).every((q) => Object.keys(q).join() === "cursor")).toBe(true);
      expect(new Set(sent.slice(1).map((q) => q.cursor)).size).toBe(result.pages - 1);
      // The checkpoint is the cursor of the empty page: the next poll asks from there.
      expect(result.checkpoint).toEqual({ type: "cursor", cursor: sent.at(-1)?.cursor, export: exportName });
    },
  );

  it.each(ROUTING_CASES)(
    "$name: stopped after two pages and resumed from the stored JSON checkpoint, nothing is lost or repeated; a poll later finds only what is new",
    async ({ path, run, expected, change }) => {
      const sim = await startSim({ exports: { routingPageSize: 3 }, ...noLimits });
      const delivered: string[] = [];
      let stored = "";
      let pages = 0;
      for await (const page of run(incrementalClient(sim), { startTime: SEED_START })) {
        delivered.push(...page.items.map(routingMark)); // "store" the page, then its checkpoint
        stored = JSON.stringify(page.checkpoint);
        if (++pages === 2) break;
      }
      expect(delivered).toHaveLength(6);
      expect(queries(sim, path)).toHaveLength(2); // the break fetched nothing more

      // Another process: a new client, the checkpoint from storage; it asks for the page after the second.
      const rest = await drain(run(incrementalClient(sim), { checkpoint: JSON.parse(stored) }));
      expect(queries(sim, path)[2]).toEqual({ cursor: JSON.parse(stored).cursor });
      const all = [...delivered, ...rest.items.map(routingMark)];
      expect(duplicates(all)).toEqual([]);
      expect([...all].sort()).toEqual([...expected(sim)].sort());

      // Caught up: polling from the stored end yields one empty page and keeps the checkpoint; a change made since
      // shows up after the minute's lag, alone.
      const end = JSON.stringify(rest.checkpoint);
      const nothing = await drain(run(incrementalClient(sim), { checkpoint: JSON.parse(end) }));
      expect(nothing).toMatchObject({ items: [], pages: 1, endOfStream: [true] });
      expect(JSON.stringify(nothing.checkpoint)).toBe(end);
      const added = change(sim);
      expect((await drain(run(incrementalClient(sim), { checkpoint: JSON.parse(end) }))).items).toEqual([]);
      sim.clock.advance(61_000);
      const later = await drain(run(incrementalClient(sim), { checkpoint: JSON.parse(end) }));
      expect(later.items.map(routingMark)).toEqual([added]);
    },
  );
});

describe("the sample endpoint and the client's budgets", () => {
  it("the sample export is one page, fetched with client.GET", async () => {
    const sim = await startSim({ seed: { tickets: 500 } });
    const zendesk = incrementalClient(sim, { endpointLimits: {} });
    const page = unwrap(
      await zendesk.GET("/api/v2/incremental/{incremental_resource}/sample", {
        params: { path: { incremental_resource: "tickets" }, query: { start_time: 0 } },
      }),
    );
    expect((page as { tickets?: unknown[] }).tickets).toHaveLength(50);
  });

  it("by default each export keeps to 10 requests a minute (30 with highVolume): the 11th would wait", async () => {
    const sim = await startSim({ seed: { organizations: 200 }, ...noLimits });
    const operation = "GET /api/v2/incremental/organizations";
    for (const [highVolume, limit] of [
      [false, 10],
      [true, 30],
    ] as const) {
      const zendesk = incrementalClient(sim, { endpointLimits: {}, highVolume });
      let pages = 0;
      for await (const _ of exportOrganizations(zendesk, { startTime: SEED_START, perPage: 5 }))
        if (++pages === limit) break;
      const budget = { key: operation, limit, windowSeconds: 60 };
      expect((zendesk.limiter as RateLimiter).waitMs(budget)).toBeGreaterThan(50_000);
      expect((zendesk.limiter as RateLimiter).waitMs({ ...budget, limit: limit + 1 })).toBe(0);
    }
  });
});
