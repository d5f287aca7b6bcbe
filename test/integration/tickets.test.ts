/**
 * @zenfetch/tickets against the simulator: create, show, update, delete; comments, audits, tags; `paginate` in
 * cursor and offset form, with a stop and a resume.
 */
import { isServerError, NotFoundError, type PaginationResume, unwrap, ZendeskError } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { closeSimulators, duplicates, must, range, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

const path = (ticket_id: number) => ({ params: { path: { ticket_id } } });

describe("a ticket's life: create, show, update, delete", () => {
  it("creates with an Idempotency-Key, shows, updates with a comment, refuses a stale safe update, deletes", async () => {
    const sim = await startSim({ seed: { tickets: 30 } });
    const zendesk = ticketsClient(sim);

    const created = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: {
          ticket: { subject: "Printer on fire", comment: { body: "The printer is on fire." }, priority: "urgent" },
        },
      }),
    );
    const id = must(created.ticket.id);
    expect(id).toBe(31);
    expect(created.ticket).toMatchObject({ subject: "Printer on fire", priority: "urgent", status: "new" });
    expect(created.audit?.ticket_id).toBe(id);
    const [createRequest] = sim.requests.find("POST", "/api/v2/tickets");
    expect(createRequest?.headers["idempotency-key"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);

    const shown = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", path(id))).ticket;
    expect(shown).toMatchObject({ id, subject: "Printer on fire", description: "The printer is on fire." });

    const updated = unwrap(
      await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
        ...path(id),
        body: { ticket: { status: "solved", assignee_id: 1, comment: { body: "Replaced the fuser.", public: false } } },
      }),
    );
    expect(updated.ticket).toMatchObject({ id, status: "solved", assignee_id: 1 });
    expect(sim.state.tickets.get(id)?.status).toBe("solved");

    // A safe update against an old updated_at is refused with 409, and changes nothing.
    const stale = await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
      ...path(id),
      body: { ticket: { priority: "low", safe_update: true, updated_stamp: "2020-01-01T00:00:00Z" } },
    });
    expect(stale.response.status).toBe(409);
    expect(() => unwrap(stale)).toThrow(ZendeskError);
    expect(sim.state.tickets.get(id)?.priority).toBe("urgent");

    const deleted = await zendesk.DELETE("/api/v2/tickets/{ticket_id}", path(id));
    expect(deleted.response.status).toBe(204);
    expect(sim.state.tickets.get(id)).toBeUndefined();
    const gone = await zendesk.GET("/api/v2/tickets/{ticket_id}", path(id));
    expect(gone.response.status).toBe(404);
    expect(() => unwrap(gone)).toThrow(NotFoundError);
  });
});

describe("comments, audits and tags", () => {
  it("lists a ticket's comments (both orders) and audits, shows one audit, and changes its tags", async () => {
    const sim = await startSim({ seed: { tickets: 30 } });
    const zendesk = ticketsClient(sim);
    const id = must(
      unwrap(
        await zendesk.POST("/api/v2/tickets", {
          body: { ticket: { subject: "Login loop", comment: { body: "First message." }, tags: ["login"] } },
        }),
      ).ticket.id,
    );
    for (const body of ["Second message.", "Third message."]) {
      unwrap(
        await zendesk.PUT("/api/v2/tickets/{ticket_id}", { ...path(id), body: { ticket: { comment: { body } } } }),
      );
    }

    const comments = [];
    for await (const comment of zendesk.paginate("/api/v2/tickets/{ticket_id}/comments", { ...path(id), pageSize: 2 }))
      comments.push(comment.body);
    expect(comments).toEqual(["First message.", "Second message.", "Third message."]);
    const newestFirst = [];
    for await (const comment of zendesk.paginate("/api/v2/tickets/{ticket_id}/comments", {
      params: { path: { ticket_id: id }, query: { sort: "-created_at" } },
    }))
      newestFirst.push(comment.body);
    expect(newestFirst).toEqual([...comments].reverse());

    const audits = [];
    for await (const audit of zendesk.paginate("/api/v2/tickets/{ticket_id}/audits", path(id))) audits.push(audit);
    expect(audits).toHaveLength(3);
    expect(audits.every((audit) => audit.ticket_id === id)).toBe(true);
    const firstAudit = audits[0];
    if (!firstAudit?.id) throw new Error("no audit id");
    const one = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/audits/{ticket_audit_id}", {
        params: { path: { ticket_id: id, ticket_audit_id: firstAudit.id } },
      }),
    );
    expect(one.audit.id).toBe(firstAudit.id);
    expect(one.audit.events?.some((event) => event.type === "Comment")).toBe(true);

    const tags = async () => unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}/tags", path(id))).tags;
    expect(await tags()).toEqual(["login"]);
    unwrap(await zendesk.PUT("/api/v2/tickets/{ticket_id}/tags", { ...path(id), body: { tags: ["vip"] } }));
    expect(await tags()).toEqual(["login", "vip"]);
    unwrap(await zendesk.POST("/api/v2/tickets/{ticket_id}/tags", { ...path(id), body: { tags: ["billing", "vip"] } }));
    expect(await tags()).toEqual(["billing", "vip"]);
    const removed = await zendesk.DELETE("/api/v2/tickets/{ticket_id}/tags", { ...path(id), body: { tags: ["vip"] } });
    expect(removed.response.status).toBe(204);
    expect(await tags()).toEqual(["billing"]);
    expect(sim.state.tickets.get(id)?.tags).toEqual(["billing"]);
  });
});

describe("paginate", () => {
  it("cursor: every ticket once, in id order, page[size] then page[after]/links.next, and `break` stops fetching", async () => {
    const sim = await startSim({ seed: { tickets: 250 } });
    const zendesk = ticketsClient(sim);
    const ids: number[] = [];
    for await (const ticket of zendesk.paginate("/api/v2/tickets", { pageSize: 37 })) ids.push(must(ticket.id));
    expect(ids).toEqual(range(1, 250));
    const requests = sim.requests.find("GET", "/api/v2/tickets");
    expect(requests).toHaveLength(Math.ceil(250 / 37));
    expect(requests.every((r) => r.query["page[size]"] === "37")).toBe(true);
    expect(requests.slice(1).every((r) => typeof r.query["page[after]"] === "string")).toBe(true);

    sim.requests.clear();
    const pages = [];
    for await (const page of zendesk.paginate("/api/v2/tickets", { pageSize: 100, lookAhead: 0 }).pages()) {
      pages.push(page.tickets.length);
      if (pages.length === 2) break;
    }
    expect(pages).toEqual([100, 100]);
    expect(sim.requests.count).toBe(2); // without look-ahead, no request for a page nobody read

    sim.requests.clear();
    let seen = 0;
    for await (const _ of zendesk.paginate("/api/v2/tickets", { maxItems: 120 })) seen++;
    expect(seen).toBe(120);
    expect(sim.requests.count).toBe(2);

    sim.requests.clear();
    pages.length = 0;
    for await (const page of zendesk.paginate("/api/v2/tickets", { pageSize: 50 }).pages()) {
      pages.push(page.tickets.length);
      if (pages.length === 2) break;
    }
    expect(pages).toEqual([50, 50]);
    // With the default look-ahead of one page, at most the page after them was asked for (and then cancelled).
    expect(sim.requests.count).toBeGreaterThanOrEqual(2);
    expect(sim.requests.count).toBeLessThanOrEqual(3);
  });

  it("offset: a list answered in the offset form is followed by next_page to its end", async () => {
    const sim = await startSim({ seed: { tickets: 250 } });
    const zendesk = ticketsClient(sim);
    // The simulator answers in the offset form when no cursor parameter is sent; start the iteration there.
    const resume: PaginationResume = {
      operation: "GET /api/v2/tickets",
      url: `${sim.baseUrl}/api/v2/tickets.json?page=1&per_page=40`,
    };
    const ids: number[] = [];
    for await (const page of zendesk.paginate("/api/v2/tickets", { resume }).pages()) {
      expect(page.meta).toBeUndefined();
      ids.push(...page.tickets.map((t) => must(t.id)));
    }
    expect(ids).toEqual(range(1, 250));
    const requests = sim.requests.find("GET", "/api/v2/tickets");
    expect(requests.map((r) => r.query.page)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(requests.every((r) => r.query["page[size]"] === undefined)).toBe(true);

    // The same offset page asked for directly.
    const third = unwrap(await zendesk.GET("/api/v2/tickets", { params: { query: { page: 3, per_page: 40 } } }));
    expect(third.tickets.map((t) => t.id)).toEqual(range(81, 120));
    expect(third.next_page).toContain("page=4");
  });

  it("stops with error.resume when a page keeps failing, and the resume carries on without gaps or repeats", async () => {
    const sim = await startSim({ seed: { tickets: 250 } });
    const zendesk = ticketsClient(sim, { retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    // The 4th page fails 3 times in a row: more than the 2 retries.
    sim.faults.add({ match: "GET /api/v2/tickets", status: 503, skip: 3, times: 3 });
    const ids: number[] = [];
    let resume: PaginationResume | undefined;
    try {
      for await (const ticket of zendesk.paginate("/api/v2/tickets", { pageSize: 25 })) ids.push(must(ticket.id));
    } catch (error) {
      expect(isServerError(error)).toBe(true);
      resume = (error as ZendeskError).resume;
    }
    expect(ids).toEqual(range(1, 75));
    expect(resume?.operation).toBe("GET /api/v2/tickets");
    for await (const ticket of zendesk.paginate("/api/v2/tickets", { pageSize: 25, resume })) ids.push(must(ticket.id));
    expect(duplicates(ids)).toEqual([]);
    expect(ids).toEqual(range(1, 250));
  });

  it("a problem's incidents and a view's tickets", async () => {
    const sim = await startSim({ seed: { tickets: 250 } });
    const zendesk = ticketsClient(sim);
    const incidents: number[] = [];
    for await (const t of zendesk.paginate("/api/v2/tickets/{ticket_id}/incidents", path(100)))
      incidents.push(must(t.id));
    expect(incidents).toEqual([97, 98, 99]);

    const newTickets: string[] = [];
    for await (const t of zendesk.paginate("/api/v2/views/{view_id}/tickets", { params: { path: { view_id: 102 } } }))
      newTickets.push(t.status ?? "");
    const expected = [...sim.state.tickets.all()].filter((row) => row.status === "new").length;
    expect(newTickets.length).toBe(expected);
    expect(new Set(newTickets)).toEqual(new Set(["new"]));
  });
});
