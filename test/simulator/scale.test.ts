import { describe, expect, it } from "vitest";
import { startSimulator } from "./index.js";
import { Simulator } from "./simulator.js";
import { type ApiResponse, api } from "./test-helpers.js";

describe("at scale", () => {
  // Speed and memory are measured by `pnpm bench`, not asserted here: these tests check the behaviour at scale.
  it("seeds 100,000 tickets lazily: the rows exist without being materialised", () => {
    const sim = new Simulator({ seed: { tickets: 100_000, users: 10_000, organizations: 1_000 } });
    expect(sim.store.tickets.size).toBe(100_000);
  });

  it("serves 200 pages of 100 over HTTP and exports 30,000 tickets by cursor, with a bounded request log", async () => {
    const sim = await startSimulator({ seed: { tickets: 30_000 }, rateLimits: { incremental: false }, requestLog: 50 });
    try {
      let url: string | null = "/api/v2/tickets?page[size]=100";
      const ids = new Set<number>();
      for (let pages = 0; pages < 200 && url; pages++) {
        const response: ApiResponse = await api(sim, "GET", url);
        for (const ticket of response.body.tickets) ids.add(ticket.id);
        url = response.body.meta.has_more ? response.body.links.next : null;
      }
      expect(ids.size).toBe(20_000);

      let exported = 0;
      url = "/api/v2/incremental/tickets/cursor?start_time=0";
      while (url) {
        const response: ApiResponse = await api(sim, "GET", url);
        exported += response.body.tickets.length;
        url = response.body.end_of_stream ? null : response.body.after_url;
      }
      expect(exported).toBe(30_000);
      expect(sim.requests.entries.length).toBe(50);
      expect(sim.requests.count).toBe(230);
    } finally {
      await sim.close();
    }
  });
});
