// Three exports at once on one client: each endpoint keeps its own budget, the account's is shared, and nothing
// is lost, repeated, or answered 429.
import { exportOrganizations, exportTickets, exportUsers } from "@zenfetch/incremental";
import { afterEach, describe, expect, it } from "vitest";
import { closeSimulators, incrementalClient, startSim } from "./helpers.js";

afterEach(closeSimulators);

const ENDPOINTS = {
  tickets: "/api/v2/incremental/tickets/cursor",
  users: "/api/v2/incremental/users/cursor",
  organizations: "/api/v2/incremental/organizations",
} as const;

describe("parallel exports", () => {
  it("run side by side, each within its endpoint's budget, the account's shared, with no 429", async () => {
    // Four requests a second per export endpoint, twelve a second for the account: the three exports together
    // fit the account only if each keeps to its own endpoint's budget.
    const sim = await startSim({
      seed: { tickets: 1_500, users: 800, organizations: 800 },
      rateLimits: { incremental: { limit: 4, windowMs: 1_000 }, account: { limit: 12, windowMs: 1_000 } },
    });
    const budget = { limit: 4, windowSeconds: 1 };
    const zendesk = incrementalClient(sim, {
      endpointLimits: Object.fromEntries(Object.values(ENDPOINTS).map((path) => [`GET ${path}`, budget])),
    });
    const idsOf = async (run: AsyncIterable<{ items: readonly { id?: number | null }[] }>) => {
      const ids: unknown[] = [];
      for await (const page of run) ids.push(...page.items.map((item) => item.id));
      return ids;
    };
    const [tickets, users, organizations] = await Promise.all([
      idsOf(exportTickets(zendesk, { startTime: 0, perPage: 100 })),
      idsOf(exportUsers(zendesk, { startTime: 0, perPage: 100 })),
      idsOf(exportOrganizations(zendesk, { startTime: 0, perPage: 100 })),
    ]);
    for (const [ids, count] of [
      [tickets, 1_500],
      [users, 800],
      [organizations, 800],
    ] as const) {
      expect(ids).toHaveLength(count);
      expect(new Set(ids).size).toBe(count);
    }

    const log = sim.requests.entries;
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    expect(zendesk.retries).toEqual([]);
    // Side by side: each export's requests began before another's ended.
    const spans = Object.values(ENDPOINTS).map((path) => {
      const times = log.filter((entry) => entry.path === path).map((entry) => entry.time);
      return { first: Math.min(...times), last: Math.max(...times), count: times.length };
    });
    for (const span of spans) expect(span.count).toBeGreaterThan(1);
    const [a, b, c] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
    expect(b.first).toBeLessThan(a.last);
    expect(c.first).toBeLessThan(a.last);
  }, 30_000);
});
