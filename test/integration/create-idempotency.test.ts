/**
 * Creating a ticket is retried with the same Idempotency-Key, so an attempt whose answer was lost after the
 * simulator had created the ticket does not create a second one: exactly one new ticket, and the client gets it.
 */
import { type FetchLike, isZendeskError, unwrap } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import type { FaultSpec, RunningSimulator } from "../simulator/index.js";
import { closeSimulators, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

interface Attempt {
  key: string | null;
  /** The HTTP status, or the error's name when no response came. */
  outcome: number | string;
  lookup: string | null;
  /** Tickets the simulator holds once this attempt is over. */
  ticketsAfter: number;
}

/** A fetch that records every attempt the client makes (each retry goes through it again). */
function recordingFetch(sim: RunningSimulator, attempts: Attempt[]): FetchLike {
  return async (request, init) => {
    const key = request.headers.get("idempotency-key");
    try {
      const response = await globalThis.fetch(request, init);
      attempts.push({
        key,
        outcome: response.status,
        lookup: response.headers.get("x-idempotency-lookup"),
        ticketsAfter: sim.state.tickets.size,
      });
      return response;
    } catch (error) {
      attempts.push({ key, outcome: (error as Error).name, lookup: null, ticketsAfter: sim.state.tickets.size });
      throw error;
    }
  };
}

const body = { ticket: { subject: "Printer on fire", comment: { body: "The printer is on fire." } } };

async function createThroughFault(fault: FaultSpec) {
  const sim = await startSim({ seed: { tickets: 20 } });
  sim.faults.add(fault);
  const attempts: Attempt[] = [];
  const client = ticketsClient(sim, { fetch: recordingFetch(sim, attempts) });
  const before = sim.state.tickets.size;
  const result = await client.POST("/api/v2/tickets", { body });
  const created = [...sim.state.tickets.all()].filter((row) => row.id > 20);
  return { sim, attempts, before, result, created };
}

describe("POST /api/v2/tickets retried with its Idempotency-Key", () => {
  it("after a 503 given once the create was done (commit: true): one new ticket, and the client gets it", async () => {
    const { attempts, before, result, created } = await createThroughFault({
      match: "POST /api/v2/tickets",
      status: 503,
      commit: true,
      times: 1,
    });
    expect(attempts.map((a) => a.outcome)).toEqual([503, 201]);
    expect(attempts[0]?.ticketsAfter).toBe(before + 1); // the simulator did create it on the first attempt
    expect(attempts[1]?.lookup).toBe("hit"); // and answered the retry from the idempotency store
    expect(attempts[0]?.key).toBe(attempts[1]?.key);
    expect(created).toHaveLength(1);
    expect(unwrap(result).ticket.id).toBe(created[0]?.id);
  });

  it("after the answer to a create that was done is lost (drop, commit: true): one new ticket, and the client gets it", async () => {
    const { sim, attempts, before, result, created } = await createThroughFault({
      match: "POST /api/v2/tickets",
      drop: "before-headers",
      commit: true,
      times: 1,
    });

    // First attempt: created, then the connection dropped. Second: the same key, answered from the store.
    expect(attempts.map((a) => a.outcome)).toEqual(["TypeError", 201]);
    expect(attempts[0]?.ticketsAfter).toBe(before + 1);
    expect(attempts[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempts[1]?.key).toBe(attempts[0]?.key);
    expect(attempts[1]?.lookup).toBe("hit");
    expect(result.response.headers.get("x-idempotency-lookup")).toBe("hit");

    expect(sim.state.tickets.size).toBe(before + 1);
    expect(created).toHaveLength(1);
    const { ticket } = unwrap(result);
    expect(ticket.id).toBe(created[0]?.id);
    expect(ticket.subject).toBe("Printer on fire");
    expect(sim.requests.find("POST", "/api/v2/tickets")).toHaveLength(2);
  });

  it("after a 503 before anything was done: retried once, one new ticket", async () => {
    const { attempts, before, result, created } = await createThroughFault({
      match: "POST /api/v2/tickets",
      status: 503,
      times: 2,
    });
    expect(attempts.map((a) => a.outcome)).toEqual([503, 503, 201]);
    expect(new Set(attempts.map((a) => a.key)).size).toBe(1);
    expect(attempts.map((a) => a.ticketsAfter)).toEqual([before, before, before + 1]);
    expect(attempts[2]?.lookup).toBe("miss");
    expect(created).toHaveLength(1);
    expect(unwrap(result).ticket.id).toBe(created[0]?.id);
  });

  it("a key of your own survives a restart: the same key and body again return the first ticket", async () => {
    const sim = await startSim({ seed: { tickets: 20 } });
    const key = "order-4711";
    const send = (client: ReturnType<typeof ticketsClient>, subject = "Order 4711") =>
      client.POST("/api/v2/tickets", {
        params: { header: { "Idempotency-Key": key } },
        body: { ticket: { subject, comment: { body: "Refund, please." } } },
      });
    const first = unwrap(await send(ticketsClient(sim)));
    const again = await send(ticketsClient(sim)); // a new process, the same order
    expect(unwrap(again).ticket.id).toBe(first.ticket.id);
    expect(again.response.headers.get("x-idempotency-lookup")).toBe("hit");
    expect(sim.state.tickets.size).toBe(21);

    // The same key with another body is refused (400), and creates nothing.
    const other = await send(ticketsClient(sim), "Another order");
    expect(other.response.status).toBe(400);
    const error = (() => {
      try {
        unwrap(other);
      } catch (e) {
        return e;
      }
    })();
    expect(isZendeskError(error) && error.error).toBe("IdempotentRequestError");
    expect(sim.state.tickets.size).toBe(21);
    expect(sim.requests.find("POST", "/api/v2/tickets").map((e) => e.headers["idempotency-key"])).toEqual([
      key,
      key,
      key,
    ]);
  });
});
