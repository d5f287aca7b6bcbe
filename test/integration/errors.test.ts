/**
 * Errors over real HTTP: each status becomes its class (401, 403, 404, 422, 429, 5xx), 429 and 503 are retried
 * (and 500 is not), and bodies that are not the JSON they should be (an HTML page, a truncated body, a dropped
 * connection) become ResponseParseError, ServerError or ConnectionError as core's README says.
 */
import { checkpointOf, exportTickets } from "@zenfetch/incremental";
import {
  AuthenticationError,
  ConnectionError,
  isZendeskError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ResponseParseError,
  ServerError,
  unwrap,
  ValidationError,
  type ZendeskError,
} from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import {
  closeSimulators,
  customObjectsClient,
  incrementalClient,
  must,
  range,
  retryCounts,
  startSim,
  statusCounts,
  ticketsClient,
} from "./helpers.js";

afterEach(closeSimulators);

const TICKET = "/api/v2/tickets/{ticket_id}";
const one = (ticket_id: number) => ({ params: { path: { ticket_id } } });

/** What `promise` rejected with (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** What `fn` threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Statuses the simulator answered for one path, in order. */
const answered = (sim: RunningSimulator, method: string, path: string) =>
  sim.requests.find(method, path).map((entry) => entry.status);

describe("HTTP errors map to their classes", () => {
  it("401 (a bad API token): AuthenticationError from unwrap, paginate, an export and the records helpers; never retried, no token in it", async () => {
    const sim = await startSim({ seed: { tickets: 10 }, rateLimits: { incremental: false } });
    const auth = { email: sim.credentials.email, apiToken: "not-the-token" };
    const tickets = ticketsClient(sim, { auth });

    const result = await tickets.GET(TICKET, one(1));
    expect(result.response.status).toBe(401);
    const unauthorized = thrown(() => unwrap(result));
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect((unauthorized as AuthenticationError).message).toMatch(/check `auth`/);
    expect(JSON.stringify(unauthorized)).not.toContain("not-the-token");
    expect(String((unauthorized as Error).stack)).not.toContain("not-the-token");

    expect(await rejection(collect(tickets.paginate("/api/v2/tickets")))).toBeInstanceOf(AuthenticationError);
    const exportError = await rejection(collect(exportTickets(incrementalClient(sim, { auth }), { startTime: 0 })));
    expect(exportError).toBeInstanceOf(AuthenticationError);
    expect(checkpointOf(exportError)).toEqual({ type: "time", startTime: 0, export: "tickets" });
    const records = customObjectsClient(sim, { auth }).records("sim_device");
    expect(await rejection(records.count())).toBeInstanceOf(AuthenticationError);

    expect(tickets.retries).toEqual([]);
    expect(sim.requests.entries.every((entry) => entry.status === 401)).toBe(true);
    expect(sim.requests.entries.every((entry) => entry.headers.authorization?.startsWith("Basic"))).toBe(true);
  });

  it("404: NotFoundError, from the classic body and from the custom objects' `errors` list", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const result = await ticketsClient(sim).GET(TICKET, one(999));
    const error = thrown(() => unwrap(result));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, error: "RecordNotFound", method: "GET" });
    expect((error as NotFoundError).requestId).toMatch(/-SIM$/);

    const record = await rejection(customObjectsClient(sim).records("sim_device").get("01NOSUCHRECORD"));
    expect(record).toBeInstanceOf(NotFoundError);
    expect(record).toMatchObject({ status: 404, error: "RecordNotFound" });
    expect((record as NotFoundError).errors?.[0]?.detail).toBe("Custom object record not found");
  });

  it("422: ValidationError with fieldErrors, not retried; the ticket was not created", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim);
    const result = await zendesk.POST("/api/v2/tickets", {
      body: { ticket: { subject: " ", comment: { body: "" }, priority: "urgent" } },
    });
    const error = thrown(() => unwrap(result));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([
      { field: "description", error: "BlankValue", description: "Description: cannot be blank" },
      { field: "subject", error: "BlankValue", description: "Subject: cannot be blank" },
    ]);
    expect((error as ValidationError).message).toContain("subject: Subject: cannot be blank");
    expect(sim.state.tickets.size).toBe(10);
    expect(sim.requests.find("POST", "/api/v2/tickets")).toHaveLength(1);

    const records = customObjectsClient<{ sim_device: { model: string } }>(sim).records("sim_device");
    const invalid = await rejection(records.create({ name: "Bad model", custom_object_fields: { model: "toaster" } }));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).fieldErrors).toEqual([
      { field: "", error: "RecordInvalid", description: "Model: is invalid" },
    ]);
  });

  it("403: PermissionError", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ forbidden: true, times: 1 });
    const result = await ticketsClient(sim).GET(TICKET, one(1));
    expect(result.response.status).toBe(403);
    expect(thrown(() => unwrap(result))).toBeInstanceOf(PermissionError);
    expect(answered(sim, "GET", "/api/v2/tickets/1")).toEqual([403]);
  });
});

describe("retries", () => {
  it("429 with Retry-After: waited out (the wait the server named) and retried; the caller sees the ticket", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: `GET ${TICKET}`, status: 429, retryAfter: 1, times: 1 });
    const zendesk = ticketsClient(sim);
    const { ticket } = unwrap(await zendesk.GET(TICKET, one(3)));
    expect(ticket.id).toBe(3);
    expect(answered(sim, "GET", "/api/v2/tickets/3")).toEqual([429, 200]);
    expect(zendesk.retries).toMatchObject([{ method: "GET", attempt: 1, status: 429, delayMs: 1_000 }]);
  });

  it("429 asking for longer than maxRetryAfterMs: RateLimitError at once, with retryAfterMs", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: `GET ${TICKET}`, status: 429, retryAfter: 3_600 });
    const result = await ticketsClient(sim).GET(TICKET, one(3));
    const error = thrown(() => unwrap(result));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(answered(sim, "GET", "/api/v2/tickets/3")).toEqual([429]);
  });

  it("503: retried until it passes, for GET and POST alike; past the retry limit a ServerError", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim);
    sim.faults.add({ match: `GET ${TICKET}`, status: 503, times: 2 });
    expect(unwrap(await zendesk.GET(TICKET, one(4))).ticket.id).toBe(4);
    expect(answered(sim, "GET", "/api/v2/tickets/4")).toEqual([503, 503, 200]);
    expect(retryCounts(zendesk.retries)).toEqual({ "503": 2 });

    sim.faults.add({ match: "POST /api/v2/tickets/create_many", status: 503, times: 1 });
    const job = unwrap(
      await zendesk.POST("/api/v2/tickets/create_many", {
        body: { tickets: [{ subject: "After a 503", comment: { body: "Created on the retry." } }] },
      }),
    ).job_status;
    expect(job.status).toBe("queued");
    expect(answered(sim, "POST", "/api/v2/tickets/create_many")).toEqual([503, 200]);

    sim.faults.add({ match: `GET ${TICKET}`, status: 503 });
    const failing = await zendesk.GET(TICKET, one(5));
    const error = thrown(() => unwrap(failing));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(answered(sim, "GET", "/api/v2/tickets/5")).toEqual([503, 503, 503, 503, 503]); // 1 + 4 retries
  });

  it("500 is never retried; 502 is retried for GET but not for a POST without an idempotency key", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim);
    sim.faults.add({ match: `GET ${TICKET}`, status: 500, times: 1 });
    const result500 = await zendesk.GET(TICKET, one(6));
    expect(thrown(() => unwrap(result500))).toBeInstanceOf(ServerError);
    expect(answered(sim, "GET", "/api/v2/tickets/6")).toEqual([500]);

    sim.faults.add({ match: `GET ${TICKET}`, status: 502, times: 1 });
    expect(unwrap(await zendesk.GET(TICKET, one(7))).ticket.id).toBe(7);
    expect(answered(sim, "GET", "/api/v2/tickets/7")).toEqual([502, 200]);

    sim.faults.add({ match: "POST /api/v2/tickets/create_many", status: 502, times: 1 });
    const post = await zendesk.POST("/api/v2/tickets/create_many", {
      body: { tickets: [{ subject: "x", comment: { body: "y" } }] },
    });
    expect(post.response.status).toBe(502);
    expect(answered(sim, "POST", "/api/v2/tickets/create_many")).toEqual([502]);
  });

  it("a connection dropped before any answer is retried for GET", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: `GET ${TICKET}`, drop: "before-headers", times: 2 });
    const zendesk = ticketsClient(sim);
    expect(unwrap(await zendesk.GET(TICKET, one(8))).ticket.id).toBe(8);
    expect(sim.requests.find("GET", "/api/v2/tickets/8")).toHaveLength(3);
    expect(retryCounts(zendesk.retries)).toEqual({ error: 2 });
  });
});

describe("bodies that are not the JSON they should be", () => {
  it("an nginx HTML page with a 502: retried for GET; when it stays, a ServerError quoting the page", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    const zendesk = ticketsClient(sim, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    sim.faults.add({ match: `GET ${TICKET}`, html: true, status: 502, times: 1 });
    expect(unwrap(await zendesk.GET(TICKET, one(2))).ticket.id).toBe(2);

    sim.faults.add({ match: `GET ${TICKET}`, html: true, status: 502 });
    const result = await zendesk.GET(TICKET, one(3));
    const error = thrown(() => unwrap(result));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(502);
    expect((error as ServerError).message).toContain("502 Bad Gateway");
  });

  it("an HTML page with a 200: ResponseParseError with the page's start and its content type", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: `GET ${TICKET}`, html: true, status: 200, times: 1 });
    const error = await rejection(ticketsClient(sim).GET(TICKET, one(2)));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, contentType: "text/html" });
    expect((error as ResponseParseError).snippet.startsWith("<html>")).toBe(true);
    expect((error as ResponseParseError).message).toContain("expected JSON, got HTML");
    expect(answered(sim, "GET", "/api/v2/tickets/2")).toEqual([200]); // not retried
  });

  it("a truncated body: ResponseParseError from a call, from paginate (with resume) and from an export (with its checkpoint)", async () => {
    const sim = await startSim({ seed: { tickets: 2_500 }, rateLimits: { incremental: false } });
    const zendesk = ticketsClient(sim);

    sim.faults.add({ match: `GET ${TICKET}`, truncate: true, times: 1 });
    const single = await rejection(zendesk.GET(TICKET, one(2)));
    expect(single).toBeInstanceOf(ResponseParseError);
    expect((single as ResponseParseError).message).toContain("malformed or truncated JSON");
    expect(answered(sim, "GET", "/api/v2/tickets/2")).toEqual([200]);

    sim.faults.add({ match: "GET /api/v2/tickets", truncate: true, skip: 1, times: 1 });
    const ids: number[] = [];
    const pageError = await rejection(
      (async () => {
        for await (const ticket of zendesk.paginate("/api/v2/tickets", { pageSize: 100 })) ids.push(must(ticket.id));
      })(),
    );
    expect(pageError).toBeInstanceOf(ResponseParseError);
    expect(ids).toEqual(range(1, 100));
    const resume = (pageError as ZendeskError).resume;
    expect(resume?.url).toContain("page[after]=");

    const client = incrementalClient(sim);
    sim.faults.add({ match: "GET /api/v2/incremental/tickets/cursor", truncate: 500, skip: 1, times: 1 });
    const exported: number[] = [];
    const exportError = await rejection(
      (async () => {
        for await (const page of exportTickets(client, { startTime: 0 }))
          exported.push(...page.items.map((t) => must(t.id)));
      })(),
    );
    expect(exportError).toBeInstanceOf(ResponseParseError);
    const checkpoint = checkpointOf(exportError);
    expect(checkpoint?.type).toBe("cursor");
    for await (const page of exportTickets(client, { checkpoint: must(checkpoint) }))
      exported.push(...page.items.map((t) => must(t.id)));
    expect(exported).toEqual(range(1, 2_500));
  });

  it("a body cut off after the headers: ConnectionError (not retried: the answer may have been acted on)", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: `GET ${TICKET}`, drop: "after-headers", times: 1 });
    const error = await rejection(ticketsClient(sim).GET(TICKET, one(2)));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(isZendeskError(error)).toBe(true);
    expect(sim.requests.find("GET", "/api/v2/tickets/2")).toHaveLength(1);
    expect(statusCounts(sim.requests.entries)).toEqual({ 200: 1 }); // the headers went out, the body did not
  });
});

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
