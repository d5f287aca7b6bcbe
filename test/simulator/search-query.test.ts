/** The simulator's search syntax and routes: what each kind of term matches, and the list's and export's paging. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import type { TicketRow } from "./models.js";
import { parseQuery, tokenize } from "./search-query.js";
import { type ApiResponse, api } from "./test-helpers.js";

describe("parsing", () => {
  it("splits at white space outside quotes and reads terms, phrases, words and exclusions", () => {
    expect(tokenize('type:ticket  name:"Ada Abbot" "on fire" -tags:spam')).toEqual([
      "type:ticket",
      'name:"Ada Abbot"',
      '"on fire"',
      "-tags:spam",
    ]);
    expect(parseQuery('status<=pending name:"Ada Abbot" "on fire" -vip')).toEqual([
      { negate: false, field: "status", operator: "<=", value: "pending" },
      { negate: false, field: "name", operator: ":", value: "Ada Abbot" },
      { negate: false, operator: ":", value: "on fire" },
      { negate: true, operator: ":", value: "vip" },
    ]);
  });
});

describe("searching the seeded records", () => {
  let sim: RunningSimulator;
  let tickets: TicketRow[];
  beforeAll(async () => {
    sim = await startSimulator({ seed: { tickets: 400, users: 40, organizations: 5 } });
    tickets = [...sim.state.tickets.all()];
  });
  afterAll(() => sim.close());

  /** Every id a query finds (the list, all pages). */
  async function ids(query: string): Promise<number[]> {
    const found: number[] = [];
    for (let page = 1; ; page++) {
      const response = await api(sim, "GET", `/api/v2/search?query=${encodeURIComponent(query)}&page=${page}`);
      expect(response.status, response.text).toBe(200);
      found.push(...response.body.results.map((hit: { id: number }) => hit.id));
      if (!response.body.next_page) return found.sort((a, b) => a - b);
    }
  }
  const where = (test: (t: TicketRow) => boolean) => tickets.filter(test).map((t) => t.id);

  it("several values of one property are alternatives; different properties must all hold", async () => {
    expect(await ids("type:ticket status:open status:pending")).toEqual(
      where((t) => t.status === "open" || t.status === "pending"),
    );
    expect(await ids("type:ticket status:open tags:vip")).toEqual(
      where((t) => t.status === "open" && t.tags.includes("vip")),
    );
  });

  it("compares statuses and priorities in Zendesk's order", async () => {
    expect(await ids("type:ticket status<solved")).toEqual(
      where((t) => ["new", "open", "pending", "hold"].includes(t.status)),
    );
    expect(await ids("type:ticket status>hold")).toEqual(where((t) => t.status === "solved" || t.status === "closed"));
    expect(await ids("type:ticket priority>=high")).toEqual(
      where((t) => t.priority === "high" || t.priority === "urgent"),
    );
  });

  it("excludes with -, and reads people by id or email", async () => {
    expect(await ids("type:ticket -tags:vip -status:closed")).toEqual(
      where((t) => !t.tags.includes("vip") && t.status !== "closed"),
    );
    const requester = tickets[0]?.requesterId ?? 0;
    const email = sim.state.users.get(requester)?.email ?? "";
    expect(await ids(`type:ticket requester:${email}`)).toEqual(where((t) => t.requesterId === requester));
    expect(await ids(`type:ticket requester:${requester}`)).toEqual(where((t) => t.requesterId === requester));
    expect(await ids("type:ticket assignee:none")).toEqual(where((t) => t.assigneeId === null));
  });

  it("dates: a day, after a day, before a day", async () => {
    const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
    const first = day(tickets[0]?.createdAt ?? 0);
    const start = Date.parse(`${first}T00:00:00Z`) / 1000;
    expect(await ids(`type:ticket created:${first}`)).toEqual(
      where((t) => t.createdAt >= start && t.createdAt < start + 86_400),
    );
    expect(await ids(`type:ticket created>${first}`)).toEqual(where((t) => t.createdAt >= start + 86_400));
    expect(await ids(`type:ticket created<${first}`)).toEqual(where((t) => t.createdAt < start));
  });

  it("words and phrases look in the subject and description; a property unknown to a kind rules it out", async () => {
    const phrase = (t: TicketRow) => `${t.subject} ${t.description}`.toLowerCase().includes("sign in");
    expect(await ids('type:ticket "sign in"')).toEqual(where(phrase));
    const kinds = await api(sim, "GET", `/api/v2/search?query=${encodeURIComponent("status:open")}&per_page=100`);
    expect(new Set(kinds.body.results.map((hit: { result_type: string }) => hit.result_type))).toEqual(
      new Set(["ticket"]),
    );
  });

  it("count agrees with the list's count", async () => {
    const query = encodeURIComponent("type:ticket status<solved");
    const list = await api(sim, "GET", `/api/v2/search?query=${query}&per_page=1`);
    const count = await api(sim, "GET", `/api/v2/search/count?query=${query}`);
    expect(count.body).toEqual({ count: list.body.count });
  });

  it("the export reads every match once, oldest first, and refuses an hour-old cursor", async () => {
    const seen: number[] = [];
    let url: string | null = "/api/v2/search/export?query=status%3Copen&filter[type]=ticket&page[size]=7";
    let cursor = "";
    while (url) {
      const response: ApiResponse = await api(sim, "GET", url);
      expect(response.status, response.text).toBe(200);
      seen.push(...response.body.results.map((hit: { id: number }) => hit.id));
      if (response.body.meta.has_more) cursor = response.body.meta.after_cursor;
      url = response.body.links.next;
    }
    expect(seen).toEqual(where((t) => t.status === "new"));
    sim.clock.advance(60 * 60 * 1000 + 1);
    const stale = await api(
      sim,
      "GET",
      `/api/v2/search/export?query=status%3Copen&filter[type]=ticket&page[size]=7&page[after]=${cursor}`,
    );
    expect(stale.status).toBe(400);
    expect(stale.body.description).toMatch(/expired/);
  });
});
