import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./index.js";
import { api, pollJob } from "./test-helpers.js";

describe("bulk jobs", () => {
  let sim: RunningSimulator;
  const start = async (options: SimulatorOptions = {}) => {
    sim = await startSimulator({ seed: { tickets: 20 }, ...options });
    return sim;
  };
  afterEach(() => sim?.close());

  it("creates many tickets: queued, working, completed, results in input order with per-item errors", async () => {
    await start({ jobs: { pollsToComplete: 3 } });
    const response = await api(sim, "POST", "/api/v2/tickets/create_many", {
      body: {
        tickets: [
          { subject: "First", comment: { body: "one" } },
          { subject: "", comment: { body: "two" } },
          { subject: "Third" },
          { subject: "Fourth", comment: { body: "four" } },
        ],
      },
    });
    expect(response.status).toBe(200);
    const job = response.body.job_status;
    expect(job).toMatchObject({
      status: "queued",
      total: 4,
      progress: 0,
      results: null,
      url: `${sim.url}/api/v2/job_statuses/${job.id}.json`,
    });
    expect(job.id).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.state.tickets.size).toBe(20);

    const seen = await pollJob(sim, job.id);
    expect(seen.map((status) => status.status)).toEqual(["working", "working", "completed"]);
    expect(seen.map((status) => status.progress)).toEqual([1, 2, 4]);
    const done = seen.at(-1);
    expect(done.message).toMatch(/^Completed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
    expect(done.results).toEqual([
      { index: 0, id: 21, action: "create", success: true, status: "Created" },
      {
        index: 1,
        action: "create",
        success: false,
        status: "Failed",
        error: "TicketCreateFailed",
        details: "Subject: cannot be blank",
      },
      {
        index: 2,
        action: "create",
        success: false,
        status: "Failed",
        error: "TicketCreateFailed",
        details: "Description: cannot be blank",
      },
      { index: 3, id: 22, action: "create", success: true, status: "Created" },
    ]);
    expect(sim.state.tickets.size).toBe(22);
  });

  it("updates many tickets by ids or by list, and reports missing ones", async () => {
    await start({ jobs: { pollsToComplete: 1 } });
    const byIds = await api(sim, "PUT", "/api/v2/tickets/update_many?ids=1,2,999", {
      body: { ticket: { priority: "urgent" } },
    });
    const results = (await pollJob(sim, byIds.body.job_status.id)).at(-1).results;
    expect(results).toEqual([
      { index: 0, id: 1, action: "update", success: true, status: "Updated" },
      { index: 1, id: 2, action: "update", success: true, status: "Updated" },
      {
        index: 2,
        id: 999,
        action: "update",
        success: false,
        status: "Failed",
        error: "TicketUpdateFailed",
        details: "Ticket not found",
      },
    ]);
    expect(sim.state.tickets.get(2)?.priority).toBe("urgent");

    const byList = await api(sim, "PUT", "/api/v2/tickets/update_many", {
      body: {
        tickets: [
          { id: 3, status: "solved" },
          { id: 4, subject: "" },
        ],
      },
    });
    const listResults = (await pollJob(sim, byList.body.job_status.id)).at(-1).results;
    expect(listResults[0]).toMatchObject({ id: 3, success: true });
    expect(listResults[1]).toMatchObject({ id: 4, success: false, details: "Subject: cannot be blank" });
  });

  it("destroys many tickets", async () => {
    await start({ jobs: { pollsToComplete: 1 } });
    const response = await api(sim, "DELETE", "/api/v2/tickets/destroy_many?ids=1,2");
    const results = (await pollJob(sim, response.body.job_status.id)).at(-1).results;
    expect(results.map((r: { success: boolean }) => r.success)).toEqual([true, true]);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(404);
  });

  it("refuses more than 100 items", async () => {
    await start();
    const tickets = Array.from({ length: 101 }, () => ({ subject: "x", comment: { body: "x" } }));
    expect((await api(sim, "POST", "/api/v2/tickets/create_many", { body: { tickets } })).status).toBe(400);
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    expect((await api(sim, "DELETE", `/api/v2/tickets/destroy_many?ids=${ids}`)).status).toBe(400);
    expect((await api(sim, "PUT", `/api/v2/tickets/update_many?ids=${ids}`, { body: { ticket: {} } })).status).toBe(
      400,
    );
  });

  it("ends a job failed or killed when a fault says so, applying nothing", async () => {
    await start({ jobs: { pollsToComplete: 1 } });
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", job: { outcome: "failed" }, times: 1 });
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", job: { outcome: "killed" }, times: 1 });
    const body = { tickets: [{ subject: "a", comment: { body: "a" } }] };
    const failed = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    const killed = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    expect((await pollJob(sim, failed.body.job_status.id)).at(-1)).toMatchObject({ status: "failed", results: null });
    expect((await pollJob(sim, killed.body.job_status.id)).at(-1)).toMatchObject({ status: "killed" });
    expect(sim.state.tickets.size).toBe(20);
  });

  it("answers 404 to a new job's first polls when told to", async () => {
    await start({ jobs: { pollsToComplete: 1, notFoundPolls: 2 } });
    const response = await api(sim, "POST", "/api/v2/tickets/create_many", {
      body: { tickets: [{ subject: "a", comment: { body: "a" } }] },
    });
    const seen = await pollJob(sim, response.body.job_status.id);
    expect(seen.map((s) => s.httpStatus ?? s.status)).toEqual([404, 404, "completed"]);
  });

  it("can 404 only one job's polls through a fault", async () => {
    await start({ jobs: { pollsToComplete: 1 } });
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", job: { notFoundPolls: 1 }, times: 1 });
    const body = { tickets: [{ subject: "a", comment: { body: "a" } }] };
    const first = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    const second = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    expect((await pollJob(sim, first.body.job_status.id)).map((s) => s.httpStatus ?? s.status)).toEqual([
      404,
      "completed",
    ]);
    expect((await pollJob(sim, second.body.job_status.id)).map((s) => s.status)).toEqual(["completed"]);
  });

  it("limits concurrent jobs with 429 and Retry-After", async () => {
    await start({ jobs: { maxConcurrent: 2, retryAfterSeconds: 3, pollsToComplete: 1 } });
    const body = { tickets: [{ subject: "a", comment: { body: "a" } }] };
    const a = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    const refused = await api(sim, "POST", "/api/v2/tickets/create_many", { body });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3");
    expect(refused.body.error).toBe("TooManyJobs");
    await pollJob(sim, a.body.job_status.id);
    expect((await api(sim, "POST", "/api/v2/tickets/create_many", { body })).status).toBe(200);
  });

  it("lists job statuses and shows many", async () => {
    await start({ jobs: { pollsToComplete: 5 } });
    const body = { tickets: [{ subject: "a", comment: { body: "a" } }] };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await api(sim, "POST", "/api/v2/tickets/create_many", { body })).body.job_status.id);
    const list = await api(sim, "GET", "/api/v2/job_statuses?page[size]=2");
    expect(list.body.job_statuses).toHaveLength(2);
    expect(list.body.meta.has_more).toBe(true);
    const rest = await api(sim, "GET", list.body.links.next);
    expect(rest.body.job_statuses).toHaveLength(1);
    const many = await api(sim, "GET", `/api/v2/job_statuses/show_many?ids=${ids[0]},nope,${ids[2]}`);
    expect(many.body.job_statuses.map((job: { id: string }) => job.id)).toEqual([ids[0], ids[2]]);
    expect(many.body.job_statuses[0].status).toBe("working");
    expect((await api(sim, "GET", "/api/v2/job_statuses/unknown")).status).toBe(404);
  });
});

describe("idempotent ticket creation", () => {
  let sim: RunningSimulator;
  afterEach(() => sim?.close());

  it("creates one ticket for a retried request and replays the first answer", async () => {
    sim = await startSimulator({ seed: { tickets: 3 } });
    const body = { ticket: { subject: "Once", comment: { body: "only once" } } };
    const headers = { "Idempotency-Key": "key-1" };
    const first = await api(sim, "POST", "/api/v2/tickets", { body, headers });
    const second = await api(sim, "POST", "/api/v2/tickets", { body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("x-idempotency-lookup")).toBe("miss");
    expect(second.status).toBe(201);
    expect(second.headers.get("x-idempotency-lookup")).toBe("hit");
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    expect(sim.state.tickets.size).toBe(4);
  });

  it("refuses the same key with a different body", async () => {
    sim = await startSimulator({ seed: { tickets: 3 } });
    const headers = { "Idempotency-Key": "key-2" };
    await api(sim, "POST", "/api/v2/tickets", { body: { ticket: { subject: "A", comment: { body: "a" } } }, headers });
    const other = await api(sim, "POST", "/api/v2/tickets", {
      body: { ticket: { subject: "B", comment: { body: "b" } } },
      headers,
    });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe("IdempotentRequestError");
    expect(sim.state.tickets.size).toBe(4);
  });

  it("survives a lost answer: the retry after a committed-then-dropped create finds the ticket", async () => {
    sim = await startSimulator({ seed: { tickets: 3 } });
    sim.faults.add({ match: "POST /api/v2/tickets", drop: "before-headers", commit: true, times: 1 });
    const body = { ticket: { subject: "Lost answer", comment: { body: "x" } } };
    const headers = { "Idempotency-Key": "key-3" };
    await expect(api(sim, "POST", "/api/v2/tickets", { body, headers })).rejects.toThrow();
    expect(sim.state.tickets.size).toBe(4);
    const retry = await api(sim, "POST", "/api/v2/tickets", { body, headers });
    expect(retry.headers.get("x-idempotency-lookup")).toBe("hit");
    expect(retry.body.ticket.id).toBe(4);
    expect(sim.state.tickets.size).toBe(4);
  });

  it("does not remember failed creates", async () => {
    sim = await startSimulator({ seed: { tickets: 3 } });
    const headers = { "Idempotency-Key": "key-4" };
    const body = { ticket: { subject: "", comment: { body: "x" } } };
    expect((await api(sim, "POST", "/api/v2/tickets", { body, headers })).status).toBe(422);
    expect((await api(sim, "POST", "/api/v2/tickets", { body, headers })).headers.get("x-idempotency-lookup")).toBe(
      "miss",
    );
  });
});
