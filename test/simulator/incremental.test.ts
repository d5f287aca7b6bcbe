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

  describe("skill-based routing", () => {
    const PATHS = {
      attributes: "/api/v2/incremental/routing/attributes",
      attribute_values: "/api/v2/incremental/routing/attribute_values",
      instance_values: "/api/v2/incremental/routing/instance_values",
    } as const;
    type Feed = keyof typeof PATHS;
    type Change = { id: string; type: string; time: string; name?: string };
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    const mark = (change: Change) => `${change.type}:${change.id}@${seconds(change.time)}`;

    /** Every change the state holds for a feed, as `type:id@second`. */
    function stateMarks(feed: Feed): string[] {
      const routing = sim.state.routing;
      if (feed === "attributes") return routing.attributes.map((c) => `${c.type}:${c.id}@${c.time}`);
      if (feed === "attribute_values") return routing.attributeValues.map((c) => `${c.type}:${c.id}@${c.time}`);
      return [...routing.instanceValues.values()].flatMap((row) => [
        `associate_${row.instanceType}:${row.id}@${row.associatedAt}`,
        ...(row.unassociatedAt === null ? [] : [`unassociate_${row.instanceType}:${row.id}@${row.unassociatedAt}`]),
      ]);
    }

    /** Follows next_page from start_time to the first empty page. */
    async function walk(feed: Feed, startTime = START) {
      const pages: Loose[] = [];
      let url = `${PATHS[feed]}?start_time=${startTime}`;
      for (let i = 0; i < 50; i++) {
        const response = await api(sim, "GET", url);
        expect(response.status, response.text).toBe(200);
        pages.push(response.body);
        if (response.body.count === 0) break;
        url = response.body.next_page;
      }
      return pages;
    }

    it.each(Object.keys(PATHS) as Feed[])(
      "%s: pages of routingPageSize by the cursor in next_page, every change once, to an empty page",
      async (feed) => {
        await start({ exports: { routingPageSize: 4 } });
        const pages = await walk(feed);
        const last = pages.at(-1);
        expect(last[feed]).toEqual([]);
        expect(pages.length).toBeGreaterThan(2);
        const changes = pages.flatMap((page) => page[feed]);
        expect(changes.map(mark).sort()).toEqual(stateMarks(feed).sort());
        for (const [i, page] of pages.entries()) {
          expect(Object.keys(page).sort()).toEqual([feed, "count", "end_time", "next_page"].sort()); // no end_of_stream
          expect(page.count).toBe(page[feed].length);
          expect(page.count).toBeLessThanOrEqual(4);
          if (i < pages.length - 2) expect(page.count).toBe(4);
          expect(page.next_page).toMatch(new RegExp(`^${sim.url}${PATHS[feed]}\\.json\\?cursor=[^&]+$`));
          if (page.count > 0) {
            expect(page.end_time).toBe(Math.max(...page[feed].map((c: Change) => seconds(c.time))));
          }
        }
        // The empty page stays where it was asked: the same end_time, and a next_page with the same cursor.
        const before = pages.at(-2);
        expect(last.end_time).toBe(before.end_time);
        expect(last.next_page).toBe(before.next_page);
        const again = await api(sim, "GET", last.next_page);
        expect(again.body).toEqual(last);
      },
    );

    it("seeds attributes, values and skills over the timeline, several in one second, the same for the same seed", async () => {
      await start({ seed: { tickets: 250 } });
      const routing = sim.state.routing;
      expect(routing.attributes.map((c) => [c.name, c.type])).toEqual([
        ["Language", "create"],
        ["Product", "create"],
        ["Legacy", "create"],
        ["Region", "create"],
        ["Tier", "create"],
        ["Support tier", "update"],
        ["Legacy", "delete"],
      ]);
      expect(routing.attributeValues.map((c) => c.type)).toEqual([...Array(13).fill("create"), "update", "delete"]);
      const rows = [...routing.instanceValues.values()];
      const tickets = rows.filter((row) => row.instanceType === "ticket");
      expect(new Set(tickets.map((row) => row.instanceId)).size).toBe(24);
      expect(rows.filter((row) => row.instanceType === "agent")).toHaveLength(2 * 5);
      expect(rows.filter((row) => row.unassociatedAt !== null).length).toBeGreaterThan(2);
      // Spread from the first seeded second to the last ticket's; and seconds shared.
      const times = [...routing.attributes, ...routing.attributeValues]
        .map((c) => c.time)
        .concat(rows.map((row) => row.associatedAt));
      expect(Math.min(...times)).toBe(START);
      expect(Math.max(...tickets.map((row) => row.associatedAt))).toBe(START + 249 * 60);
      expect(new Set(times).size).toBeLessThan(times.length);
      const tier = routing.attributes.filter((c) => c.name.includes("ier"));
      expect(tier[0]?.id).toBe(tier[1]?.id);
      expect(tier[0]?.time).toBe(tier[1]?.time);

      const first = (await api(sim, "GET", `${PATHS.instance_values}?start_time=0`)).body;
      const other = await startSimulator({ seed: { tickets: 250 } });
      try {
        const same = await api(other, "GET", `${PATHS.instance_values}?start_time=0`);
        expect(same.body.instance_values).toEqual(first.instance_values);
      } finally {
        await other.close();
      }
    });

    it("places an association that was taken back next to its removal, in the removal's second", async () => {
      await start();
      const changes: Change[] = (await walk("instance_values")).flatMap((page) => page.instance_values);
      const removed = [...sim.state.routing.instanceValues.values()].filter((row) => row.unassociatedAt !== null);
      expect(removed.length).toBeGreaterThan(0);
      for (const row of removed) {
        const at = changes.findIndex((c) => c.id === row.id);
        expect(changes.slice(at, at + 2).map((c) => [c.type, seconds(c.time)])).toEqual([
          [`associate_${row.instanceType}`, row.associatedAt],
          [`unassociate_${row.instanceType}`, row.unassociatedAt],
        ]);
        // Everything before it is placed no later than the removal, everything after it no earlier.
        const removal = row.unassociatedAt ?? 0;
        const placed = (c: Change) => {
          const other = sim.state.routing.instanceValues.get(c.id);
          return other?.unassociatedAt ?? other?.associatedAt ?? Number.NaN;
        };
        expect(changes.slice(0, at).every((c) => placed(c) <= removal)).toBe(true);
        expect(changes.slice(at + 2).every((c) => placed(c) >= removal)).toBe(true);
      }
    });

    it("holds back the last minute's changes; the last cursor picks them up later, removals bring their association", async () => {
      await start({ now: Date.UTC(2024, 0, 10) });
      const routing = sim.state.routing;
      const attributes = await walk("attributes");
      const values = await walk("instance_values");
      const language = routing.attributes[0]?.id as string;
      const spanish = routing.createAttributeValue(language, "Spanish");
      const given = [...routing.instanceValues.values()].find((row) => row.unassociatedAt === null);
      if (!given) throw new Error("no instance value to take back");
      routing.unassociate(given.id);
      routing.createAttribute("Channel");

      const early = await api(sim, "GET", attributes.at(-1).next_page);
      expect(early.body.attributes).toEqual([]);
      sim.clock.advance(61_000);
      const later = await api(sim, "GET", attributes.at(-1).next_page);
      expect(later.body.attributes.map((c: Change) => [c.name, c.type])).toEqual([["Channel", "create"]]);
      expect(later.body.end_time).toBe(Date.UTC(2024, 0, 10) / 1000);
      const value = await api(sim, "GET", `${PATHS.attribute_values}?start_time=${Date.UTC(2024, 0, 9) / 1000}`);
      expect(value.body.attribute_values.map((c: Change) => c.id)).toEqual([spanish.id]);
      // The association was exported before the cursor; taken back, it comes again with its removal.
      const moved = await api(sim, "GET", values.at(-1).next_page);
      expect(moved.body.instance_values.map((c: Change) => [c.id, c.type.split("_")[0]])).toEqual([
        [given.id, "associate"],
        [given.id, "unassociate"],
      ]);
    });

    it("refuses a missing or recent start_time and a broken cursor", async () => {
      await start();
      const now = Math.floor(sim.clock.now() / 1000);
      expect((await api(sim, "GET", PATHS.attributes)).status).toBe(400);
      const recent = await api(sim, "GET", `${PATHS.attribute_values}?start_time=${now - 30}`);
      expect([recent.status, recent.body.error]).toEqual([400, "InvalidValue"]);
      expect((await api(sim, "GET", `${PATHS.instance_values}?cursor=garbage`)).status).toBe(400);
      const wrongShape = Buffer.from(JSON.stringify([1, 2])).toString("base64url");
      expect((await api(sim, "GET", `${PATHS.instance_values}?cursor=${wrongShape}`)).status).toBe(400);
    });

    it("falls under the incremental limit of 10 a minute, per routing endpoint", async () => {
      sim = await startSimulator({ now: Date.UTC(2024, 3, 1) });
      for (let i = 0; i < 10; i++) expect((await api(sim, "GET", `${PATHS.attributes}?start_time=0`)).status).toBe(200);
      const limited = await api(sim, "GET", `${PATHS.attributes}?start_time=0`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("60");
      expect((await api(sim, "GET", `${PATHS.instance_values}?start_time=0`)).status).toBe(200);
      sim.clock.advance(60_000);
      expect((await api(sim, "GET", `${PATHS.attributes}?start_time=0`)).status).toBe(200);
    });
  });
});
