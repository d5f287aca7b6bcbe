import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { type ApiResponse, api, pollJob } from "./test-helpers.js";

describe("tickets", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: { tickets: 250, users: 30, organizations: 5 } });
  });
  afterAll(() => sim.close());

  describe("cursor pagination", () => {
    it("walks every ticket once, with absolute links on the simulator's origin", async () => {
      const ids: number[] = [];
      let url: string | null = "/api/v2/tickets?page[size]=100";
      let pages = 0;
      while (url) {
        const response: ApiResponse = await api(sim, "GET", url);
        expect(response.status).toBe(200);
        pages++;
        ids.push(...response.body.tickets.map((ticket: { id: number }) => ticket.id));
        const { meta, links } = response.body;
        if (meta.has_more) {
          expect(links.next.startsWith(`${sim.url}/api/v2/tickets.json?`)).toBe(true);
          expect(new URL(links.next).searchParams.get("page[after]")).toBe(meta.after_cursor);
        } else {
          expect(links.next).toBeNull();
        }
        url = meta.has_more ? links.next : null;
      }
      expect(pages).toBe(3);
      expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    });

    it("gives the same page for the same cursor, and pages back with page[before]", async () => {
      const first = await api(sim, "GET", "/api/v2/tickets?page[size]=10");
      const after = first.body.meta.after_cursor;
      const a = await api(sim, "GET", `/api/v2/tickets?page[size]=10&page[after]=${after}`);
      const b = await api(sim, "GET", `/api/v2/tickets?page[size]=10&page[after]=${after}`);
      expect(a.body).toEqual(b.body);
      expect(a.body.tickets[0].id).toBe(11);
      const back = await api(sim, "GET", a.body.links.prev);
      expect(back.body.tickets.map((t: { id: number }) => t.id)).toEqual(
        first.body.tickets.map((t: { id: number }) => t.id),
      );
      expect(back.body.meta.has_more).toBe(false);
    });

    it("keeps its place when tickets are deleted between pages", async () => {
      const local = await startSimulator({ seed: { tickets: 30 } });
      try {
        const first = await api(local, "GET", "/api/v2/tickets?page[size]=10");
        expect((await api(local, "DELETE", "/api/v2/tickets/10")).status).toBe(204);
        expect((await api(local, "DELETE", "/api/v2/tickets/11")).status).toBe(204);
        const second = await api(local, "GET", first.body.links.next);
        expect(second.body.tickets[0].id).toBe(12);
      } finally {
        await local.close();
      }
    });

    it("refuses page[size] over 100 and a broken cursor", async () => {
      expect((await api(sim, "GET", "/api/v2/tickets?page[size]=101")).status).toBe(400);
      const broken = await api(sim, "GET", "/api/v2/tickets?page[after]=not-a-cursor");
      expect(broken.status).toBe(400);
      expect(broken.body.error).toBe("InvalidPaginationParameter");
    });
  });

  describe("offset pagination", () => {
    it("answers next_page, previous_page and count", async () => {
      const page1 = await api(sim, "GET", "/api/v2/tickets?per_page=100");
      expect(page1.body.count).toBe(250);
      expect(page1.body.previous_page).toBeNull();
      expect(page1.body.next_page).toBe(`${sim.url}/api/v2/tickets.json?per_page=100&page=2`);
      const page3 = await api(sim, "GET", "/api/v2/tickets?page=3&per_page=100");
      expect(page3.body.tickets).toHaveLength(50);
      expect(page3.body.tickets[0].id).toBe(201);
      expect(page3.body.next_page).toBeNull();
      expect(page3.body.previous_page).toContain("page=2");
      expect(page3.body.meta).toBeUndefined();
    });

    it("caps per_page at 100 and answers an empty page past the end", async () => {
      expect((await api(sim, "GET", "/api/v2/tickets?per_page=500")).body.tickets).toHaveLength(100);
      const past = await api(sim, "GET", "/api/v2/tickets?page=9");
      expect(past.body.tickets).toEqual([]);
      expect(past.body.next_page).toBeNull();
    });
  });

  it("shows one ticket with Zendesk's properties, and 404 for a missing one", async () => {
    const response = await api(sim, "GET", "/api/v2/tickets/7.json");
    expect(response.body.ticket).toMatchObject({
      id: 7,
      url: `${sim.url}/api/v2/tickets/7.json`,
      generated_timestamp: expect.any(Number),
      via: { channel: expect.any(String) },
    });
    for (const key of ["subject", "status", "requester_id", "tags", "custom_fields", "created_at", "updated_at"]) {
      expect(response.body.ticket).toHaveProperty(key);
    }
    const missing = await api(sim, "GET", "/api/v2/tickets/999999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "RecordNotFound", description: "Not found" });
    expect((await api(sim, "GET", "/api/v2/nothing/here")).body.error).toBe("InvalidEndpoint");
  });

  it("is deterministic for a seed", async () => {
    const other = await startSimulator({ seed: { tickets: 250, users: 30, organizations: 5 } });
    try {
      const a = await api(sim, "GET", "/api/v2/tickets/42");
      const b = await api(other, "GET", "/api/v2/tickets/42");
      expect({ ...a.body.ticket, url: "" }).toEqual({ ...b.body.ticket, url: "" });
    } finally {
      await other.close();
    }
  });

  it("creates a ticket with its first comment and audit, and bumps updated_at on update", async () => {
    const created = await api(sim, "POST", "/api/v2/tickets", {
      body: {
        ticket: {
          subject: "Printer offline",
          comment: { body: "It will not print." },
          priority: "high",
          tags: ["Printer"],
        },
      },
    });
    expect(created.status).toBe(201);
    const ticket = created.body.ticket;
    expect(ticket).toMatchObject({
      id: 251,
      subject: "Printer offline",
      priority: "high",
      status: "new",
      tags: ["printer"],
    });
    expect(created.headers.get("location")).toBe(`${sim.url}/api/v2/tickets/251.json`);
    expect(created.body.audit.events[0]).toMatchObject({ type: "Comment", body: "It will not print." });

    sim.clock.advance(5_000);
    const updated = await api(sim, "PUT", "/api/v2/tickets/251", {
      body: { ticket: { status: "open", comment: { body: "Looking into it", public: false } } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.ticket.status).toBe("open");
    expect(Date.parse(updated.body.ticket.updated_at)).toBeGreaterThan(Date.parse(ticket.updated_at));
    expect(updated.body.audit.events.map((e: { type: string }) => e.type)).toEqual(["Comment", "Change"]);

    const comments = await api(sim, "GET", "/api/v2/tickets/251/comments");
    expect(comments.body.comments.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
      ["It will not print.", true],
      ["Looking into it", false],
    ]);
    expect(comments.body.count).toBe(2);
    const audits = await api(sim, "GET", "/api/v2/tickets/251/audits?page[size]=1");
    expect(audits.body.audits).toHaveLength(1);
    expect(audits.body.meta.has_more).toBe(true);
  });

  it("answers 422 with Zendesk's details for invalid tickets", async () => {
    const blank = await api(sim, "POST", "/api/v2/tickets", {
      body: { ticket: { subject: "", comment: { body: "x" } } },
    });
    expect(blank.status).toBe(422);
    expect(blank.body).toEqual({
      error: "RecordInvalid",
      description: "Record validation errors",
      details: { subject: [{ description: "Subject: cannot be blank", error: "BlankValue" }] },
    });
    const noComment = await api(sim, "POST", "/api/v2/tickets", { body: { ticket: { subject: "Hi" } } });
    expect(noComment.body.details.description[0].error).toBe("BlankValue");
    const badStatus = await api(sim, "PUT", "/api/v2/tickets/1", { body: { ticket: { status: "archived" } } });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.details.status[0].error).toBe("InvalidValue");
    expect((await api(sim, "POST", "/api/v2/tickets", { body: { nope: 1 } })).status).toBe(400);
  });

  it("refuses to update a closed ticket and honours safe_update", async () => {
    const closed = [...sim.state.tickets.all()].find((row) => row.status === "closed");
    expect(closed).toBeDefined();
    const response = await api(sim, "PUT", `/api/v2/tickets/${closed?.id}`, { body: { ticket: { priority: "low" } } });
    expect(response.body.details.status[0].error).toBe("ClosedPreventsUpdate");

    const current = (await api(sim, "GET", "/api/v2/tickets/3")).body.ticket;
    const stale = await api(sim, "PUT", "/api/v2/tickets/3", {
      body: { ticket: { priority: "low", safe_update: true, updated_stamp: "2001-01-01T00:00:00Z" } },
    });
    expect(stale.status).toBe(409);
    const fresh = await api(sim, "PUT", "/api/v2/tickets/3", {
      body: { ticket: { priority: "low", safe_update: true, updated_stamp: current.updated_at } },
    });
    expect(fresh.status).toBe(200);
  });

  it("deletes a ticket", async () => {
    const before = (await api(sim, "GET", "/api/v2/tickets/count")).body.count.value;
    expect((await api(sim, "DELETE", "/api/v2/tickets/5")).status).toBe(204);
    expect((await api(sim, "GET", "/api/v2/tickets/5")).status).toBe(404);
    expect((await api(sim, "GET", "/api/v2/tickets/count")).body.count.value).toBe(before - 1);
    expect((await api(sim, "DELETE", "/api/v2/tickets/5")).status).toBe(404);
  });

  it("shows many tickets, skipping missing ids", async () => {
    const response = await api(sim, "GET", "/api/v2/tickets/show_many?ids=1,2,999999,4");
    expect(response.body.tickets.map((t: { id: number }) => t.id)).toEqual([1, 2, 4]);
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    expect((await api(sim, "GET", `/api/v2/tickets/show_many?ids=${tooMany}`)).status).toBe(400);
  });

  it("sets, adds and removes tags", async () => {
    expect((await api(sim, "POST", "/api/v2/tickets/8/tags", { body: { tags: ["a", "b"] } })).body.tags).toEqual([
      "a",
      "b",
    ]);
    expect((await api(sim, "PUT", "/api/v2/tickets/8/tags", { body: { tags: ["c", "a"] } })).body.tags).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect((await api(sim, "DELETE", "/api/v2/tickets/8/tags", { body: { tags: ["b"] } })).status).toBe(204);
    expect((await api(sim, "GET", "/api/v2/tickets/8/tags")).body.tags).toEqual(["a", "c"]);
  });

  it("lists a problem's incidents", async () => {
    const response = await api(sim, "GET", "/api/v2/tickets/50/incidents");
    expect(response.body.tickets.map((t: { id: number }) => t.id)).toEqual([47, 48, 49]);
    expect((await api(sim, "GET", "/api/v2/tickets/50")).body.ticket.has_incidents).toBe(true);
  });

  it("lists collaborators, followers and email CCs as users", async () => {
    await api(sim, "PUT", "/api/v2/tickets/9", { body: { ticket: { collaborator_ids: [2, 3], follower_ids: [2] } } });
    const collaborators = await api(sim, "GET", "/api/v2/tickets/9/collaborators");
    expect(collaborators.body.users.map((u: { id: number }) => u.id)).toEqual([2, 3]);
    expect((await api(sim, "GET", "/api/v2/tickets/9/followers")).body.users).toHaveLength(1);
    expect((await api(sim, "GET", "/api/v2/tickets/9/email_ccs")).body.users).toEqual([]);
  });

  it("lists a view's tickets", async () => {
    const response = await api(sim, "GET", "/api/v2/views/102/tickets?page[size]=100");
    expect(response.body.tickets.length).toBeGreaterThan(0);
    expect(response.body.tickets.every((t: { status: string }) => t.status === "new")).toBe(true);
    expect((await api(sim, "GET", "/api/v2/views/1/tickets")).status).toBe(404);
  });

  it("merges tickets through a job", async () => {
    const response = await api(sim, "POST", "/api/v2/tickets/10/merge", {
      body: { ids: [11, 12], target_comment: "Merged" },
    });
    expect(response.status).toBe(200);
    expect(response.body.job_status.status).toBe("queued");
    const statuses = await pollJob(sim, response.body.job_status.id);
    expect(statuses.at(-1).status).toBe("completed");
    const source = (await api(sim, "GET", "/api/v2/tickets/11")).body.ticket;
    expect(source.status).toBe("closed");
    expect(source.tags).toContain("closed_by_merge");
  });
});
