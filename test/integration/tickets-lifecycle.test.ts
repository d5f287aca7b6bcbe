/**
 * The tickets lifecycle over real HTTP against the simulator: tickets deleted, restored and erased for good,
 * suspended messages recovered (alone, and many with one that fails), and the ticket lists of one requester and
 * of one organization paged through to the end.
 */
import { isNotFoundError, type TicketsClient } from "@zenfetch/tickets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, duplicates, FAST_WAIT, must, startSim, ticketsClient } from "./helpers.js";

let sim: RunningSimulator;
let client: TicketsClient;

beforeAll(async () => {
  sim = await startSim({ seed: { tickets: 120, users: 40, organizations: 4 } });
  client = ticketsClient(sim);
});
afterAll(closeSimulators);

const FAST = { wait: FAST_WAIT };

/** The ids on the deleted tickets list, one request (the list allows 10 a minute). */
async function deletedIds(): Promise<number[]> {
  const ids: number[] = [];
  for await (const ticket of client.paginate("/api/v2/deleted_tickets", { pageSize: 100 })) ids.push(ticket.id);
  return ids;
}

/** Every ticket id of a scoped list, through paginate with small pages. */
async function listed(pages: AsyncIterable<{ id: number }>): Promise<number[]> {
  const ids: number[] = [];
  for await (const ticket of pages) ids.push(ticket.id);
  return ids;
}

describe("deleted tickets", () => {
  it("restores deleted tickets, erases others for good, and refuses to erase a live one", async () => {
    const deleted = await client.destroyMany([10, 11, 12, 13], FAST);
    expect(deleted.every((r) => r.success)).toBe(true);
    expect(await deletedIds()).toEqual([10, 11, 12, 13]);

    // Restored: readable again, back in the ticket list, off the deleted list.
    await client.restore(10);
    const restored = await client.restoreMany([11]);
    expect(restored).toEqual([{ id: 11, restored: true }]);
    expect(must(sim.state.tickets.get(10)).id).toBe(10);
    const live = await listed(client.paginate("/api/v2/tickets", { pageSize: 100 }));
    expect(live).toEqual(expect.arrayContaining([10, 11]));
    expect(live).not.toContain(12);

    // Erased for good: 12 and 13 go, 14 was never deleted and stays.
    const erased = await client.destroyPermanently([12, 13, 14], FAST);
    expect(erased.map((r) => [r.id, r.success])).toEqual([
      [12, true],
      [13, true],
      [14, false],
    ]);
    expect(erased[2]?.error).toBe("TicketDeleteFailed");
    expect(must(sim.state.tickets.get(14)).id).toBe(14);
    expect(await deletedIds()).toEqual([]);

    // An erased ticket cannot be restored.
    const error = await client.restore(12).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    const again = await client.restoreMany([13]);
    expect(again[0]?.restored).toBe(false);
  });
});

describe("suspended tickets", () => {
  it("recovers a message as a ticket whose first comment is the message, with its file", async () => {
    const { suspended_ticket: message } = await client
      .GET("/api/v2/suspended_tickets/{id}", { params: { path: { id: 3002 } } })
      .then((r) => must(r.data));
    expect(message.attachments).toHaveLength(1);

    const ticket = await client.recoverSuspended(3002);
    expect(ticket.subject).toBe(message.subject);
    expect(ticket.description).toBe(message.content);

    const comments = must(
      (await client.GET("/api/v2/tickets/{ticket_id}/comments", { params: { path: { ticket_id: ticket.id } } })).data,
    ).comments;
    expect(comments[0]?.body).toBe(message.content);
    expect(comments[0]?.attachments.map((a) => a.file_name)).toEqual([message.attachments[0]?.file_name]);

    // The message is no longer suspended.
    const gone = await client.GET("/api/v2/suspended_tickets/{id}", { params: { path: { id: 3002 } } });
    expect(gone.response.status).toBe(404);
  });

  it("recovers many, naming the one that fails and why", async () => {
    const results = await client.recoverSuspendedMany([3003, 3006, 3004]);
    expect(results.map((r) => [r.id, r.recovered])).toEqual([
      [3003, true],
      [3006, false],
      [3004, true],
    ]);
    const failed = results[1];
    expect(failed && !failed.recovered && failed.reason).toBe("The sender is blocked");

    const left: number[] = [];
    for await (const message of client.paginate("/api/v2/suspended_tickets", { pageSize: 4 })) left.push(message.id);
    expect(left).toContain(3006);
    expect(left).not.toContain(3003);
    expect(left).not.toContain(3004);

    // The recovered ones keep their senders: 3004 came from a stranger, who is now a user and the requester.
    const stranger = [...sim.state.users.all()].find((user) => user.email === "sender4@elsewhere.example");
    const theirs = [...sim.state.tickets.all()].filter((t) => t.requesterId === must(stranger).id);
    expect(theirs.map((t) => t.subject)).toEqual(["Cheap watches"]);
  });

  it("deletes suspended messages in batches", async () => {
    await client.destroySuspendedMany([3008, 3009, 3010], { batchSize: 2 });
    const left: number[] = [];
    for await (const message of client.paginate("/api/v2/suspended_tickets", { pageSize: 100 })) left.push(message.id);
    expect(left.filter((id) => id >= 3008 && id <= 3010)).toEqual([]);
    expect(sim.requests.find("DELETE", "/api/v2/suspended_tickets/destroy_many")).toBeDefined();
  });
});

describe("ticket lists per requester and organization", () => {
  it("lists all of a user's requested tickets and only theirs", async () => {
    // The requester with the most tickets, so that the list takes several pages.
    const counts = new Map<number, number>();
    for (const t of sim.state.tickets.all()) counts.set(t.requesterId, (counts.get(t.requesterId) ?? 0) + 1);
    const [requester] = must([...counts].sort((a, b) => b[1] - a[1])[0]);
    const expected = [...sim.state.tickets.all()].filter((t) => t.requesterId === requester).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(2);

    const tickets = [];
    for await (const ticket of client.paginate("/api/v2/users/{user_id}/tickets/requested", {
      params: { path: { user_id: requester } },
      pageSize: 2,
    })) {
      tickets.push(ticket);
    }
    expect(tickets.map((t) => t.id)).toEqual(expected);
    expect(tickets.every((t) => t.requester_id === requester)).toBe(true);
    expect(duplicates(tickets.map((t) => t.id))).toEqual([]);
  });

  it("lists an organization's tickets", async () => {
    const expected = [...sim.state.tickets.all()].filter((t) => t.organizationId === 2).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(10);
    const ids = await listed(
      client.paginate("/api/v2/organizations/{organization_id}/tickets", {
        params: { path: { organization_id: 2 } },
        pageSize: 10,
      }),
    );
    expect(ids).toEqual(expected);
  });

  it("answers 404 for a user that does not exist", async () => {
    const pages = client.paginate("/api/v2/users/{user_id}/tickets/requested", { params: { path: { user_id: 9999 } } });
    const error = await listed(pages).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
  });
});
