/**
 * @zenfetch/search against the simulator: an organization's open tickets found with the query builder, a user
 * found by email, the list's 1,000-result cap and the export past it, the export's cursor expiring after an hour,
 * and count agreeing with the export.
 */
import {
  CursorExpiredError,
  createSearchClient,
  isCursorExpiredError,
  isOffsetLimitError,
  OffsetLimitError,
  type SearchResult,
  searchQuery,
} from "@zenfetch/search";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, duplicates, must, range, requestsTo, startSim } from "./helpers.js";

const TICKETS = 3000;
let sim: RunningSimulator;
let zendesk: ReturnType<typeof createSearchClient>;

beforeAll(async () => {
  sim = await startSim({ seed: { tickets: TICKETS, users: 60, organizations: 8 } });
  zendesk = createSearchClient(clientOptions(sim));
});
afterAll(closeSimulators);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The error an iteration ends with, and what it yielded before it (fails the test if it ends cleanly). */
async function failure<T>(iterable: AsyncIterable<T>): Promise<{ error: unknown; items: T[] }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { error, items };
  }
  throw new Error(`expected the iteration to fail; it ended after ${items.length} items`);
}

const ticketIds = (hits: SearchResult[]) =>
  hits.map((hit) => {
    if (hit.result_type !== "ticket") throw new Error(`expected tickets only, got a ${hit.result_type}`);
    return hit.id;
  });

describe("the search list", () => {
  it("finds every open ticket of an organization, and nothing else", async () => {
    const organization = 3;
    const expected = [...sim.state.tickets.all()]
      .filter((t) => t.organizationId === organization && t.status === "open")
      .map((t) => t.id);
    expect(expected.length).toBeGreaterThan(30); // several pages of 30
    const query = searchQuery({ type: "ticket", status: "open", organization });
    expect(query).toBe("type:ticket status:open organization:3");

    const hits = await collect(zendesk.paginate("/api/v2/search", { params: { query: { query } }, pageSize: 30 }));
    for (const hit of hits) {
      expect(hit.result_type).toBe("ticket");
      if (hit.result_type === "ticket") {
        expect(hit.organization_id).toBe(organization);
        expect(hit.status).toBe("open");
      }
    }
    expect(duplicates(ticketIds(hits))).toEqual([]);
    expect(ticketIds(hits).sort((a, b) => a - b)).toEqual(expected);
    expect(await zendesk.count(query)).toBe(expected.length);
  });

  it("finds a user by email", async () => {
    const user = must(sim.state.users.get(17), "user 17");
    const hits = await collect(
      zendesk.paginate("/api/v2/search", {
        params: { query: { query: searchQuery({ type: "user", email: user.email }) } },
      }),
    );
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit?.result_type).toBe("user");
    if (hit?.result_type === "user") {
      expect(hit.id).toBe(17);
      expect(hit.email).toBe(user.email);
    }
  });

  it("sideloads the people and organizations of the results asked for", async () => {
    const query = searchQuery({ type: "ticket", tags: "vip", status: "open" });
    const pages = await collect(
      zendesk
        .paginate("/api/v2/search", {
          params: { query: { query, include: ["tickets(users)", "tickets(organizations)"] } },
        })
        .pages(),
    );
    const page = must(pages[0], "a page");
    const tickets = page.results.flatMap((hit) => (hit.result_type === "ticket" ? [hit] : []));
    expect(tickets.length).toBeGreaterThan(0);
    const users = new Set(page.users.map((user) => user.id));
    const organizations = new Set(page.organizations.map((organization) => organization.id));
    for (const ticket of tickets) {
      expect(users.has(ticket.requester_id)).toBe(true);
      if (ticket.organization_id !== null) expect(organizations.has(ticket.organization_id)).toBe(true);
    }
    expect("groups" in page).toBe(false);
  });

  it("sorts as asked, and a phrase narrows tickets to those that have it", async () => {
    const query = searchQuery({ type: "ticket", tags: "vip", text: '"sign in"' });
    const hits = await collect(
      zendesk.paginate("/api/v2/search", {
        params: { query: { query, sort_by: "updated_at", sort_order: "asc" } },
      }),
    );
    expect(hits.length).toBeGreaterThan(0);
    const updated = hits.map((hit) => hit.updated_at);
    expect(updated).toEqual([...updated].sort());
    for (const hit of hits) {
      if (hit.result_type !== "ticket") throw new Error("tickets only");
      expect(hit.tags).toContain("vip");
      expect(`${hit.subject} ${hit.description}`.toLowerCase()).toContain("sign in");
    }
  });
});

describe("past 1,000 results", () => {
  it("paginate stops at the cap with OffsetLimitError naming the export; the export yields all 3,000", async () => {
    const { error, items } = await failure(
      zendesk.paginate("/api/v2/search", { params: { query: { query: "type:ticket" } } }),
    );
    expect(items).toHaveLength(1000);
    expect(isOffsetLimitError(error)).toBe(true);
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect((error as OffsetLimitError).instead).toMatch(/^GET \/api\/v2\/search\/export/);
    expect(String(error)).toMatch(/use GET \/api\/v2\/search\/export/);
    // The client stopped before asking for the page Zendesk would refuse.
    expect(requestsTo(sim, "GET", "/api/v2/search").every((r) => r.status === 200)).toBe(true);

    const before = requestsTo(sim, "GET", "/api/v2/search/export").length;
    const hits = await collect(
      zendesk.exportSearch({ type: "ticket", query: { created: { after: "2020-01-01" } }, pageSize: 1000 }),
    );
    expect(hits).toHaveLength(TICKETS);
    const ids = hits.map((hit) => hit.id);
    expect(duplicates(ids)).toEqual([]);
    expect([...ids].sort((a, b) => a - b)).toEqual(range(1, TICKETS));
    expect(hits.every((hit) => hit.result_type === "ticket")).toBe(true);
    expect(requestsTo(sim, "GET", "/api/v2/search/export").length - before).toBe(3);
  });

  it("the simulator refuses a page past the cap with 422, which paginate reports as the same error", async () => {
    const { error } = await failure(
      zendesk.paginate("/api/v2/search", { params: { query: { query: "type:ticket", page: 11 } } }),
    );
    expect(error).toBeInstanceOf(OffsetLimitError);
    expect((error as OffsetLimitError).status).toBe(422);
  });

  it("count agrees with the export", async () => {
    const terms = { status: { below: "solved" }, tags: "billing" } as const;
    const exported = await collect(zendesk.exportSearch({ type: "ticket", query: terms, pageSize: 500 }));
    expect(exported.length).toBeGreaterThan(0);
    expect(await zendesk.count({ type: "ticket", ...terms })).toBe(exported.length);
    expect(await zendesk.count("type:ticket")).toBe(TICKETS);
  });
});

describe("the export's cursor", () => {
  it("expires an hour after the page that handed it out, as CursorExpiredError", async () => {
    const pages = zendesk.exportSearch({ type: "ticket", query: "status<solved", pageSize: 200 }).pages();
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect(first.value?.meta.has_more).toBe(true);
    sim.clock.advance(60 * 60 * 1000 + 1_000);
    try {
      const error = await pages.next().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CursorExpiredError);
      expect(isCursorExpiredError(error)).toBe(true);
      expect((error as CursorExpiredError).status).toBe(400);
      expect(String(error)).toMatch(/start the export again/);
    } finally {
      sim.clock.advance(-(60 * 60 * 1000 + 1_000));
    }
  });

  it("refuses a query with a type: term before sending anything", async () => {
    const before = requestsTo(sim, "GET", "/api/v2/search/export").length;
    const { error } = await failure(zendesk.exportSearch({ type: "user", query: "type:user role:agent" }));
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/type: "user"/);
    expect(requestsTo(sim, "GET", "/api/v2/search/export").length).toBe(before);
  });
});
