import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./index.js";
import { api, type Loose } from "./test-helpers.js";

const START = 1_704_067_200; // 2024-01-01T00:00:00Z, the first seeded update

describe("incremental exports", () => {
  let sim: RunningSimulator;
  const start = async (options: SimulatorOptions = {}) => {
    sim = await startSimulator({ rateLimits: { incremental: false, sample: false }, ...options });
    return sim;
  };
  afterEach(() => sim?.close());

  describe("time-based", () => {
    it("pages up to 1000 items, ordered by time then id, repeating the boundary second on the next page", async () => {
      // Three tickets share each second, so the 1000-item limit splits the last second of the first page.
      await start({ seed: { tickets: 2500, perTimestamp: 3, interval: 1 } });
      const first = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${START}`);
      expect(first.status).toBe(200);
      const tickets = first.body.tickets;
      expect(tickets).toHaveLength(1000);
      expect(first.body.count).toBe(1000);
      expect(first.body.end_of_stream).toBe(false);
      const last = tickets[999];
      expect(first.body.end_time).toBe(last.generated_timestamp);
      expect(first.body.next_page).toBe(`${sim.url}/api/v2/incremental/tickets.json?start_time=${first.body.end_time}`);
      const keys = tickets.map((t: { generated_timestamp: number; id: number }) => [t.generated_timestamp, t.id]);
      expect([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(keys);

      const second = await api(sim, "GET", first.body.next_page);
      const atBoundary = tickets.filter(
        (t: { generated_timestamp: number }) => t.generated_timestamp === first.body.end_time,
      );
      expect(second.body.tickets.slice(0, atBoundary.length).map((t: { id: number }) => t.id)).toEqual(
        atBoundary.map((t: { id: number }) => t.id),
      );
      // Walking on to the end sees every ticket, some twice, none missed.
      const seen = new Set<number>(tickets.map((t: { id: number }) => t.id));
      let page = second.body;
      for (let i = 0; i < 10; i++) {
        for (const t of page.tickets) seen.add(t.id);
        if (page.end_of_stream) break;
        page = (await api(sim, "GET", page.next_page)).body;
      }
      expect(page.end_of_stream).toBe(true);
      expect(seen.size).toBe(2500);
    });

    it("holds back changes from the last minute and exports them once a minute has passed", async () => {
      await start({ seed: { tickets: 3 }, now: Date.UTC(2024, 0, 10) });
      const created = await api(sim, "POST", "/api/v2/tickets", {
        body: { ticket: { subject: "New", comment: { body: "x" } } },
      });
      const id = created.body.ticket.id;
      const before = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${START}`);
      expect(before.body.tickets.map((t: { id: number }) => t.id)).toEqual([1, 2, 3]);
      expect(before.body.end_of_stream).toBe(true);
      sim.clock.advance(61_000);
      const after = await api(sim, "GET", before.body.next_page);
      expect(after.body.tickets.map((t: { id: number }) => t.id)).toEqual([3, id]);
    });

    it("exports changed tickets again, after the others, and deleted ones with status deleted", async () => {
      await start({ seed: { tickets: 5 }, now: Date.UTC(2024, 0, 10) });
      await api(sim, "PUT", "/api/v2/tickets/2", { body: { ticket: { subject: "Changed" } } });
      await api(sim, "DELETE", "/api/v2/tickets/4");
      sim.clock.advance(61_000);
      const page = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${START}`);
      expect(page.body.tickets.map((t: { id: number }) => t.id)).toEqual([1, 3, 5, 2, 4]);
      expect(page.body.tickets.at(-1).status).toBe("deleted");
      const live = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${START}&exclude_deleted=true`);
      expect(live.body.tickets.map((t: { id: number }) => t.id)).toEqual([1, 3, 5, 2]);
    });

    it("refuses a start_time less than a minute ago, or none", async () => {
      await start({ seed: { tickets: 1 } });
      const now = Math.floor(sim.clock.now() / 1000);
      const recent = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${now - 30}`);
      expect(recent.status).toBe(400);
      expect(recent.body.error).toBe("InvalidValue");
      expect((await api(sim, "GET", "/api/v2/incremental/tickets")).status).toBe(400);
      expect((await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${now - 61}`)).status).toBe(200);
    });

    it("stalls when more than 1000 items share one second: next_page repeats the request", async () => {
      await start({ seed: { tickets: 1500, perTimestamp: 1500 } });
      const first = await api(sim, "GET", `/api/v2/incremental/tickets?start_time=${START}`);
      expect(first.body.tickets).toHaveLength(1000);
      expect(first.body.end_time).toBe(START);
      expect(first.body.end_of_stream).toBe(false);
      const again = await api(sim, "GET", first.body.next_page);
      expect(again.body.tickets.map((t: { id: number }) => t.id)).toEqual(
        first.body.tickets.map((t: { id: number }) => t.id),
      );
      expect(again.body.next_page).toBe(first.body.next_page);
    });

    it("exports users, organizations, ticket events and ticket metric events", async () => {
      await start({ seed: { tickets: 10, users: 12, organizations: 3 } });
      const users = await api(sim, "GET", `/api/v2/incremental/users?start_time=0&per_page=5`);
      expect(users.body.users).toHaveLength(5);
      expect(users.body.end_of_stream).toBe(false);
      expect(users.body.next_page).toContain("per_page=5");
      const organizations = await api(sim, "GET", `/api/v2/incremental/organizations?start_time=0`);
      expect(organizations.body.organizations).toHaveLength(3);
      const events = await api(sim, "GET", `/api/v2/incremental/ticket_events?start_time=0`);
      expect(events.body.ticket_events).toHaveLength(20);
      const times = events.body.ticket_events.map((e: { timestamp: number }) => e.timestamp);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const metrics = await api(sim, "GET", `/api/v2/incremental/ticket_metric_events?start_time=0`);
      expect(metrics.body.ticket_metric_events).toHaveLength(10);
    });

    it("serves a sample of at most 50", async () => {
      await start({ seed: { tickets: 80 } });
      const sample = await api(sim, "GET", `/api/v2/incremental/tickets/sample?start_time=0`);
      expect(sample.body.tickets).toHaveLength(50);
      expect(
        (await api(sim, "GET", `/api/v2/incremental/users/sample?start_time=0`)).body.users.length,
      ).toBeGreaterThan(0);
      expect((await api(sim, "GET", `/api/v2/incremental/widgets/sample?start_time=0`)).status).toBe(404);
    });
  });

  describe("cursor-based", () => {
    it("walks every ticket exactly once, even through a crowded second", async () => {
      await start({ seed: { tickets: 2600, perTimestamp: 1300 } });
      const ids: number[] = [];
      let url = `/api/v2/incremental/tickets/cursor?start_time=${START}`;
      let body: Loose;
      for (let i = 0; i < 10; i++) {
        body = (await api(sim, "GET", url)).body;
        ids.push(...body.tickets.map((t: { id: number }) => t.id));
        expect(body.after_url).toBe(
          `${sim.url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(body.after_cursor)}`,
        );
        if (body.end_of_stream) break;
        url = body.after_url;
      }
      expect(body.end_of_stream).toBe(true);
      expect(ids).toEqual(Array.from({ length: 2600 }, (_, i) => i + 1));
    });

    it("resumes from the last cursor to pick up later changes", async () => {
      await start({ seed: { tickets: 4 }, now: Date.UTC(2024, 0, 10) });
      const first = await api(sim, "GET", `/api/v2/incremental/tickets/cursor?start_time=${START}`);
      expect(first.body.end_of_stream).toBe(true);
      expect(first.body.tickets).toHaveLength(4);
      const empty = await api(sim, "GET", first.body.after_url);
      expect(empty.body.tickets).toEqual([]);
      expect(empty.body.after_cursor).toBe(first.body.after_cursor);
      await api(sim, "PUT", "/api/v2/tickets/1", { body: { ticket: { status: "solved" } } });
      sim.clock.advance(61_000);
      const later = await api(sim, "GET", first.body.after_url);
      expect(later.body.tickets.map((t: { id: number; status: string }) => [t.id, t.status])).toEqual([[1, "solved"]]);
    });

    it("pages backwards with before_cursor", async () => {
      await start({ seed: { tickets: 30 } });
      const first = await api(sim, "GET", `/api/v2/incremental/tickets/cursor?start_time=0&per_page=10`);
      expect(first.body.before_cursor).toBeNull();
      const second = await api(sim, "GET", first.body.after_url);
      expect(second.body.tickets[0].id).toBe(11);
      const back = await api(sim, "GET", second.body.before_url);
      expect(back.body.tickets.map((t: { id: number }) => t.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it("exports users by cursor, and refuses a broken cursor", async () => {
      await start({ seed: { users: 15 } });
      const page = await api(sim, "GET", `/api/v2/incremental/users/cursor?start_time=0&per_page=10`);
      expect(page.body.users).toHaveLength(10);
      expect(page.body.end_of_stream).toBe(false);
      const rest = await api(sim, "GET", page.body.after_url);
      expect(rest.body.users).toHaveLength(5);
      expect(rest.body.end_of_stream).toBe(true);
      expect((await api(sim, "GET", `/api/v2/incremental/users/cursor?cursor=garbage`)).status).toBe(400);
    });
  });
});
