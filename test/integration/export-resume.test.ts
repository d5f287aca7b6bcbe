/**
 * An export stopped part way (a `break` after N pages, the checkpoint stored as JSON, as a process would before it
 * exits) and resumed from that checkpoint by a new client loses nothing and repeats nothing: the union of the two
 * runs is exactly the full set and their intersection is empty. For the cursor export (tickets) and for time-based
 * ones (organizations, ticket events) whose break falls inside a second that several records share, which is where
 * the boundary dedupe (the checkpoint's `skip`) has to work.
 */
import {
  type Checkpoint,
  exportOrganizations,
  exportTicketEvents,
  exportTickets,
  exportUsers,
  type TimeCheckpoint,
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

const seconds = (iso: string | undefined) => Math.floor(Date.parse(String(iso)) / 1000);

/** Runs `pages` of an export, storing each page's items and then its checkpoint, as the README says to. */
async function firstRun<Item>(
  run: AsyncIterable<{ items: Item[]; checkpoint: Checkpoint }>,
  stopAfter: number,
): Promise<{ items: Item[]; saved: string }> {
  const items: Item[] = [];
  let saved = "";
  let pages = 0;
  for await (const page of run) {
    items.push(...page.items); // "store" the page…
    saved = JSON.stringify(page.checkpoint); // …then its checkpoint
    if (++pages === stopAfter) break;
  }
  return { items, saved };
}

async function drain<Item>(run: AsyncIterable<{ items: Item[]; duplicatesDropped: number }>) {
  const items: Item[] = [];
  const dropped: number[] = [];
  for await (const page of run) {
    items.push(...page.items);
    dropped.push(page.duplicatesDropped);
  }
  return { items, dropped };
}

function expectExactSplit<K>(first: K[], second: K[], all: K[]) {
  expect(duplicates(first)).toEqual([]);
  expect(duplicates(second)).toEqual([]);
  const a = new Set(first);
  expect(second.filter((key) => a.has(key))).toEqual([]); // intersection empty
  expect(new Set([...first, ...second])).toEqual(new Set(all)); // union exact
  expect(first.length + second.length).toBe(all.length);
}

describe("a cursor export (tickets) stopped and resumed from its stored checkpoint", () => {
  const TICKETS = 5_000;

  it("page.checkpoint stored after each page: the resumed run starts right after the last stored page", async () => {
    const sim = await startSim({ seed: { tickets: TICKETS }, rateLimits: { incremental: false } });
    const first = await firstRun(exportTickets(incrementalClient(sim), { startTime: 0, perPage: 450 }), 4);
    expect(first.items).toHaveLength(4 * 450);
    const stored: Checkpoint = JSON.parse(first.saved);
    expect(stored).toMatchObject({ type: "cursor", export: "tickets" });

    // A new process: a new client, the checkpoint read back from storage.
    const second = await drain(exportTickets(incrementalClient(sim), { checkpoint: stored, perPage: 450 }));

    expectExactSplit(
      first.items.map((t) => t.id),
      second.items.map((t) => t.id),
      range(1, TICKETS),
    );
    expect(second.items[0]?.id).toBe(4 * 450 + 1);
  });

  it("run.checkpoint after a break before the page was stored: the resumed run starts with that page", async () => {
    const sim = await startSim({ seed: { tickets: TICKETS }, rateLimits: { incremental: false } });
    const stored: number[] = [];
    const run = exportTickets(incrementalClient(sim), { startTime: 0, perPage: 700 });
    let pages = 0;
    for await (const page of run) {
      if (++pages === 3) break; // stopping (a deploy, Ctrl-C) before this page was stored
      stored.push(...page.items.map((t) => must(t.id)));
    }
    const saved = JSON.stringify(run.checkpoint);

    const second = await drain(exportTickets(incrementalClient(sim), { checkpoint: JSON.parse(saved) }));

    expect(stored).toEqual(range(1, 1400));
    expectExactSplit(
      stored,
      second.items.map((t) => t.id),
      range(1, TICKETS),
    );
  });

  it("a ticket changed while the export was stopped comes once more, as its new version, at the end", async () => {
    const sim = await startSim({ seed: { tickets: TICKETS }, rateLimits: { incremental: false } });
    const first = await firstRun(exportTickets(incrementalClient(sim), { startTime: 0 }), 2);
    const changed = first.items[10]?.id ?? 0;
    const update = await ticketsClient(sim).PUT("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: changed } },
      body: { ticket: { subject: "Changed meanwhile" } },
    });
    expect(update.response.status).toBe(200);
    sim.clock.advance(61_000); // past the export's one-minute lag

    const second = await drain(exportTickets(incrementalClient(sim), { checkpoint: JSON.parse(first.saved) }));

    const ids = second.items.map((t) => t.id);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.at(-1)).toBe(changed);
    expect(second.items.at(-1)?.subject).toBe("Changed meanwhile");
    expect(new Set([...first.items.map((t) => t.id), ...ids]).size).toBe(TICKETS);
    expect(first.items.length + ids.length).toBe(TICKETS + 1);
  });
});

describe("the user export (cursor) stopped and resumed", () => {
  it("loses and repeats no user", async () => {
    const sim = await startSim({ seed: { users: 300 }, rateLimits: { incremental: false } });
    const first = await firstRun(exportUsers(incrementalClient(sim), { startTime: 0, perPage: 70 }), 2);
    const second = await drain(
      exportUsers(incrementalClient(sim), { checkpoint: JSON.parse(first.saved), perPage: 70 }),
    );
    expectExactSplit(
      first.items.map((u) => u.id),
      second.items.map((u) => u.id),
      range(1, 300),
    );
  });
});

describe("a time-based export stopped inside a shared second and resumed from its stored checkpoint", () => {
  /** Records of the checkpoint's second on each side of the break: the break must split that second. */
  function splitSecond(checkpoint: TimeCheckpoint, firstStamps: number[], secondStamps: number[]) {
    return {
      before: firstStamps.filter((s) => s === checkpoint.startTime).length,
      after: secondStamps.filter((s) => s === checkpoint.startTime).length,
    };
  }

  it("organizations (4 per second, 10 per page): no organization lost or repeated", async () => {
    const ORGS = 97;
    const sim = await startSim({
      seed: { organizations: ORGS, perTimestamp: 4 },
      rateLimits: { incremental: false },
    });
    const first = await firstRun(
      exportOrganizations(incrementalClient(sim), { startTime: SEED_START, perPage: 10 }),
      3,
    );
    const stored: TimeCheckpoint = JSON.parse(first.saved);
    expect(stored.type).toBe("time");
    expect(stored.skip?.length).toBeGreaterThan(0);

    const second = await drain(
      exportOrganizations(incrementalClient(sim), { checkpoint: JSON.parse(first.saved), perPage: 10 }),
    );

    expectExactSplit(
      first.items.map((o) => o.id),
      second.items.map((o) => o.id),
      range(1, ORGS),
    );
    const split = splitSecond(
      stored,
      first.items.map((o) => seconds(o.updated_at)),
      second.items.map((o) => seconds(o.updated_at)),
    );
    expect(split.before).toBeGreaterThan(0);
    expect(split.after).toBeGreaterThan(0);
    // The resumed first page began with the stored second's records again, and dropped exactly those.
    expect(second.dropped[0]).toBe(stored.skip?.length);
    expect(requestedStartTimes(sim, "/api/v2/incremental/organizations").at(3)).toBe(String(stored.startTime));
  });

  it("ticket events (1,000 a page, several tickets updated in each second): no event lost or repeated", async () => {
    const TICKETS = 1_700;
    const sim = await startSim({
      seed: { tickets: TICKETS, perTimestamp: 7, interval: 60 },
      rateLimits: { incremental: false },
    });
    const all = await drain(exportTicketEvents(incrementalClient(sim), { startTime: 0 }));
    const allIds = all.items.map((e) => e.id);
    expect(allIds).toHaveLength(2 * TICKETS); // each seeded ticket: its creation and one update
    expect(duplicates(allIds)).toEqual([]);

    const first = await firstRun(exportTicketEvents(incrementalClient(sim), { startTime: 0 }), 2);
    const stored: TimeCheckpoint = JSON.parse(first.saved);
    expect(stored.skip?.length).toBeGreaterThan(0);

    const second = await drain(exportTicketEvents(incrementalClient(sim), { checkpoint: stored }));

    expectExactSplit(
      first.items.map((e) => e.id),
      second.items.map((e) => e.id),
      allIds,
    );
    const split = splitSecond(
      stored,
      first.items.map((e) => Number(e.timestamp)),
      second.items.map((e) => Number(e.timestamp)),
    );
    expect(split.before).toBeGreaterThan(0);
    expect(split.after).toBeGreaterThan(0);
    expect(second.dropped[0]).toBe(stored.skip?.length);
  });
});

function requestedStartTimes(sim: RunningSimulator, path: string): (string | undefined)[] {
  return sim.requests.find("GET", path).map((entry) => entry.query.start_time);
}
