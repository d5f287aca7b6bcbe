/**
 * createMany, updateMany and destroyMany through the simulator's background jobs: one result per item in input
 * order, per-item failures as results (with the simulator's error codes), and the simulator's state holding exactly
 * what succeeded.
 */
import {
  BulkErrorCode,
  type BulkProgress,
  type BulkResult,
  isBulkError,
  isJobFailedError,
  type TicketCreateInput,
} from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { closeSimulators, duplicates, FAST_WAIT, range, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

/** Items the simulator refuses one by one inside the job, by their index in the input. */
const INVALID: Record<number, { change: Partial<TicketCreateInput>; details: RegExp }> = {
  0: { change: { subject: "" }, details: /Subject: cannot be blank/ },
  99: { change: { comment: { body: "   " } }, details: /Description: cannot be blank/ },
  100: { change: { requester_id: 987_654_321 }, details: /Requester: is invalid/ },
  457: { change: { assignee_id: 40 }, details: /Assignee: is not an agent/ },
  458: { change: { subject: " " }, details: /Subject: cannot be blank/ },
  999: { change: { problem_id: 1 }, details: /Problem: must be a ticket of type problem/ },
};

function validInput(count: number): TicketCreateInput[] {
  return range(0, count - 1).map((index) => ({
    subject: `Bulk ticket ${index}`,
    comment: { body: `Created by the bulk test, item ${index}.` },
    external_id: `bulk-${index}`,
  }));
}

/** `count` tickets, those at the INVALID indexes spoiled. */
const bulkInput = (count: number): TicketCreateInput[] =>
  validInput(count).map((ticket, index) => ({ ...ticket, ...INVALID[index]?.change }));

describe("createMany", () => {
  it("creates 1,000 tickets through jobs: 1,000 results in input order, per-item errors included", async () => {
    const sim = await startSim({ seed: { tickets: 50, users: 50 } });
    // The requester of the assignee item must be an end user for the simulator to refuse it.
    expect(sim.state.users.get(40)?.role).toBe("end-user");
    const client = ticketsClient(sim);
    const input = bulkInput(1000);
    const before = sim.state.tickets.size;
    const progress: BulkProgress[] = [];

    const results = await client.createMany(input, {
      concurrency: 4,
      wait: FAST_WAIT,
      onProgress: (p) => progress.push(p),
    });

    expect(results).toHaveLength(1000);
    expect(results.map((r) => r.index)).toEqual(range(0, 999));
    const failed = results.filter((r) => !r.success);
    expect(failed.map((r) => r.index)).toEqual(Object.keys(INVALID).map(Number));
    for (const result of failed) {
      expect(result.error).toBe("TicketCreateFailed");
      expect(result.details).toMatch((INVALID[result.index] as { details: RegExp }).details);
      expect(result.id).toBeUndefined();
    }

    // The simulator holds exactly the valid ones, each the ticket its result names.
    const created = results.filter((r): r is BulkResult & { id: number } => r.success);
    expect(created).toHaveLength(1000 - failed.length);
    expect(sim.state.tickets.size).toBe(before + created.length);
    expect(duplicates(created.map((r) => r.id))).toEqual([]);
    for (const result of created) {
      const row = sim.state.tickets.get(result.id);
      expect(row?.externalId).toBe(`bulk-${result.index}`);
      expect(row?.subject).toBe(`Bulk ticket ${result.index}`);
    }
    const externalIds = new Set([...sim.state.tickets.all()].map((row) => row.externalId));
    for (const index of Object.keys(INVALID)) expect(externalIds.has(`bulk-${index}`)).toBe(false);

    // Ten jobs of 100, each reported once, with results that are that job's items.
    expect(sim.jobs.all().filter((job) => job.jobType === "bulk_create_job")).toHaveLength(10);
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toMatchObject({ done: 1000, total: 1000, jobsDone: 10, jobsTotal: 10 });
    expect(
      progress
        .flatMap((p) => p.results.map((r) => r.index))
        .sort((a, b) => a - b)
        .join(),
    ).toBe(range(0, 999).join());
    expect(new Set(results.map((r) => r.jobId)).size).toBe(10);
  });

  it("waits out the account's job limit (429 TooManyJobs) instead of failing", async () => {
    const sim = await startSim({ seed: { tickets: 10 }, jobs: { maxConcurrent: 2, retryAfterSeconds: 1 } });
    const client = ticketsClient(sim);
    const results = await client.createMany(validInput(249), { concurrency: 3, wait: FAST_WAIT });
    expect(results).toHaveLength(249);
    expect(results.every((r) => r.success)).toBe(true);
    const refused = sim.requests.entries.filter((e) => e.path === "/api/v2/tickets/create_many" && e.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(sim.jobs.all().filter((job) => job.jobType === "bulk_create_job")).toHaveLength(3);
  });

  it("a failed job rejects with BulkJobFailedError holding every item's result, and stops sending", async () => {
    const sim = await startSim({ seed: { tickets: 10 } });
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", skip: 1, times: 1, job: { outcome: "failed" } });
    const client = ticketsClient(sim);
    const before = sim.state.tickets.size;

    const error = await client.createMany(validInput(399), { concurrency: 1, wait: FAST_WAIT }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(isBulkError(error) && isJobFailedError(error)).toBe(true);
    if (!isBulkError(error)) return;
    expect(error.name).toBe("JobFailedError");
    expect(error.results).toHaveLength(399);
    expect(error.results.slice(0, 100).every((r) => r.success)).toBe(true);
    expect(new Set(error.results.slice(100, 200).map((r) => r.error))).toEqual(new Set([BulkErrorCode.JobFailed]));
    expect(new Set(error.results.slice(200).map((r) => r.error))).toEqual(new Set([BulkErrorCode.NotProcessed]));
    // Only the first job's tickets exist; the batches after the failed one were never sent.
    expect(sim.state.tickets.size).toBe(before + 100);
    expect(sim.requests.entries.filter((e) => e.path === "/api/v2/tickets/create_many")).toHaveLength(2);
  });
});

describe("createMany when a batch gets no clear answer", () => {
  it("a 500 on one batch: BulkIncompleteError, that batch OutcomeUnknown, the batch already running kept", async () => {
    const sim = await startSim({ seed: { tickets: 5 } });
    sim.faults.add({ match: "POST /api/v2/tickets/create_many", status: 500, times: 1 });
    const client = ticketsClient(sim);
    const error = await client.createMany(validInput(150), { wait: FAST_WAIT }).catch((e: unknown) => e);
    expect(isBulkError(error) && error.name).toBe("BulkIncompleteError");
    if (!isBulkError(error)) return;
    expect(error.results.map((r) => r.index)).toEqual(range(0, 149));
    expect(new Set(error.results.slice(0, 100).map((r) => r.error))).toEqual(new Set([BulkErrorCode.OutcomeUnknown]));
    expect(error.results.slice(100).every((r) => r.success)).toBe(true);
    expect(sim.state.tickets.size).toBe(5 + 50);
    expect(sim.requests.find("POST", "/api/v2/tickets/create_many").map((e) => e.status)).toEqual([500, 200]);
  });
});

describe("updateMany", () => {
  it("each ticket with its own changes: per-item failures for a missing and a closed ticket", async () => {
    const sim = await startSim({ seed: { tickets: 300 } });
    const client = ticketsClient(sim);
    const closed = [...sim.state.tickets.all()].find((row) => row.status === "closed");
    const open = [...sim.state.tickets.all()].filter((row) => row.status !== "closed").slice(0, 150);
    if (!closed) throw new Error("the seed has no closed ticket");
    const items = [
      ...open.slice(0, 120).map((row) => ({ id: row.id, priority: "high" as const, additional_tags: ["bulk"] })),
      { id: 100_000, priority: "low" as const },
      { id: closed.id, priority: "low" as const },
      ...open.slice(120).map((row) => ({ id: row.id, status: "pending" as const })),
    ];

    const results = await client.updateMany(items, { wait: FAST_WAIT });

    expect(results.map((r) => r.index)).toEqual(range(0, items.length - 1));
    expect(results.map((r) => r.id)).toEqual(items.map((item) => item.id));
    expect(results.filter((r) => !r.success).map((r) => [r.index, r.error, r.details])).toEqual([
      [120, "TicketUpdateFailed", "Ticket not found"],
      [121, "TicketUpdateFailed", "Status: closed prevents ticket update"],
    ]);
    for (const row of open.slice(0, 120)) {
      expect(sim.state.tickets.get(row.id)?.priority).toBe("high");
      expect(sim.state.tickets.get(row.id)?.tags).toContain("bulk");
    }
    for (const row of open.slice(120)) expect(sim.state.tickets.get(row.id)?.status).toBe("pending");
    expect(sim.state.tickets.get(closed.id)?.priority).toBe(closed.priority);
  });

  it("one change to many ids (?ids=…): every id updated, a missing id reported", async () => {
    const sim = await startSim({ seed: { tickets: 300 } });
    const client = ticketsClient(sim);
    const ids = [...sim.state.tickets.all()]
      .filter((row) => row.status !== "closed")
      .slice(0, 130)
      .map((row) => row.id);
    const results = await client.updateMany([...ids, 99_999], { additional_tags: ["escalated"] }, { wait: FAST_WAIT });
    expect(results).toHaveLength(131);
    expect(results.slice(0, 130).every((r) => r.success)).toBe(true);
    expect(results[130]).toMatchObject({ index: 130, id: 99_999, success: false, error: "TicketUpdateFailed" });
    for (const id of ids) expect(sim.state.tickets.get(id)?.tags).toContain("escalated");
    const sent = sim.requests.entries.filter((e) => e.path === "/api/v2/tickets/update_many");
    expect(sent.map((e) => e.query.ids?.split(",").length)).toEqual([100, 31]);
  });
});

describe("destroyMany", () => {
  it("deletes in batches; ids that do not exist are per-item failures", async () => {
    const sim = await startSim({ seed: { tickets: 300 } });
    const client = ticketsClient(sim);
    const ids = [...range(1, 150), 5_000, 151];
    const results = await client.destroyMany(ids, { batchSize: 50, wait: FAST_WAIT });
    expect(results.map((r) => [r.index, r.id, r.success])).toEqual(ids.map((id, i) => [i, id, id !== 5_000]));
    expect(results[150]).toMatchObject({ error: "TicketDeleteFailed", details: "Ticket not found" });
    for (const id of range(1, 151)) expect(sim.state.tickets.get(id)).toBeUndefined();
    expect(sim.state.tickets.get(152)).toBeDefined();
    expect(sim.state.tickets.size).toBe(300 - 151);
  });
});
