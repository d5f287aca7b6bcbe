import { describe, expect, test } from "vitest";
import {
  BulkErrorCode,
  BulkIncompleteError,
  BulkJobFailedError,
  type BulkProgress,
  isBulkError,
  isConnectionError,
  isJobFailedError,
  isRateLimitError,
  JobFailedError,
  JobTimeoutError,
  PermissionError,
  type RateLimiter,
  ValidationError,
} from "../src/index.js";
import { FAST_WAIT, fakeZendesk, range, testClient, tickets, useNock } from "./helpers.js";

useNock();

const FAST = { wait: FAST_WAIT };
const tooManyJobs = { status: 429, body: { error: "TooManyJobs", description: "Too many jobs queued" } };

describe("createMany", () => {
  test("sends 250 tickets as batches of 100, 100 and 50, and returns 250 results in input order", async () => {
    const zendesk = fakeZendesk();
    const input = tickets(250);
    const results = await testClient().createMany(input, FAST);

    const posts = zendesk.bulkRequests();
    expect(posts.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill("POST /api/v2/tickets/create_many"));
    expect(posts.map((r) => r.body)).toEqual([
      { tickets: input.slice(0, 100) },
      { tickets: input.slice(100, 200) },
      { tickets: input.slice(200) },
    ]);
    expect(results).toHaveLength(250);
    expect(results.map((r) => r.index)).toEqual(range(0, 249));
    expect(results.every((r) => r.success && typeof r.id === "number")).toBe(true);
    // Each result names the job that made it.
    expect(results[0]?.jobId).toBe(zendesk.jobs[0]?.id);
    expect(results[249]?.jobId).toBe(zendesk.jobs[2]?.id);
  });

  test("merges results in input order when later batches finish first, keeping per-item errors", async () => {
    // Job 1 takes 6 polls, job 2 three, job 3 one: they complete in the order 3, 2, 1.
    const zendesk = fakeZendesk({ polls: (_job, n) => [6, 3, 1][n - 1] ?? 1 });
    const input = tickets(25);
    for (const i of [3, 12, 24]) input[i] = { subject: "fail", comment: { body: "x" } };
    const finished: string[] = [];
    const results = await testClient().createMany(input, {
      ...FAST,
      batchSize: 10,
      onProgress: (p) => finished.push(p.job.id),
    });

    expect(finished).toEqual(["job0003", "job0002", "job0001"]);
    expect(results.map((r) => r.index)).toEqual(range(0, 24));
    expect(results.filter((r) => !r.success).map((r) => r.index)).toEqual([3, 12, 24]);
    expect(results[12]).toEqual({
      index: 12,
      success: false,
      action: "create",
      status: "Failed",
      error: "TicketCreateFailed",
      details: "Subject: cannot be blank",
      jobId: "job0002",
    });
    // The successes are the ticket ids the jobs handed out, each on its own item.
    const byJob = (n: number) => zendesk.jobs[n - 1]?.results as { id?: number }[];
    expect(results[0]?.id).toBe(byJob(1)[0]?.id);
    expect(results[23]?.id).toBe(byJob(3)[3]?.id);
  });

  test("places results by their index even when Zendesk lists them out of order without `success`", async () => {
    fakeZendesk({
      // Zendesk's create_many answer: `{ id, index }` for a success, `{ index, error, details }` for a failure.
      results: () => [
        { index: 2, id: 502 },
        { index: 0, id: 500 },
        { index: 1, error: "TicketCreateFailed", details: "Requester: is invalid" },
      ],
    });
    const results = await testClient().createMany(tickets(3), FAST);
    expect(results).toEqual([
      { index: 0, id: 500, success: true, jobId: "job0001" },
      { index: 1, success: false, error: "TicketCreateFailed", details: "Requester: is invalid", jobId: "job0001" },
      { index: 2, id: 502, success: true, jobId: "job0001" },
    ]);
  });

  test("an item the job reports nothing for gets an explicit NoResult error", async () => {
    fakeZendesk({
      results: (job) =>
        job.id === "job0001"
          ? [
              { index: 0, id: 1 },
              { index: 2, id: 3 },
            ]
          : null,
    });
    const results = await testClient().createMany(tickets(5), { ...FAST, batchSize: 3 });
    expect(results).toHaveLength(5);
    expect(results[1]).toEqual({
      index: 1,
      success: false,
      error: BulkErrorCode.NoResult,
      details: "Job job0001 completed without a result for this item",
      jobId: "job0001",
    });
    // A completed job whose results are null: every item of it is reported, none dropped.
    expect(results.slice(3).map((r) => [r.index, r.success, r.error, r.jobId])).toEqual([
      [3, false, "NoResult", "job0002"],
      [4, false, "NoResult", "job0002"],
    ]);
    expect(results.filter((r) => r.success).map((r) => r.index)).toEqual([0, 2]);
  });

  test("a job that fails rejects with a JobFailedError carrying every item's result; no further batch is sent", async () => {
    const zendesk = fakeZendesk({ outcome: (_job, n) => (n === 2 ? "failed" : "completed") });
    const error = await testClient()
      .createMany(tickets(50), { ...FAST, batchSize: 10, concurrency: 1 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BulkJobFailedError);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(isJobFailedError(error)).toBe(true);
    expect(isBulkError(error)).toBe(true);
    const failure = error as BulkJobFailedError;
    expect(failure.job).toMatchObject({ id: "job0002", status: "failed" });
    expect(failure.jobs.map((j) => [j.id, j.status])).toEqual([
      ["job0001", "completed"],
      ["job0002", "failed"],
    ]);
    expect(failure.message).toBe(
      "createMany: job job0002 failed (Failed: the job could not be processed). 1 of 2 jobs created completed; of 50 items: 10 succeeded, 10 in a failed job, 30 not processed (see error.results)",
    );
    expect(zendesk.bulkRequests()).toHaveLength(2);
    const { results } = failure;
    expect(results.map((r) => r.index)).toEqual(range(0, 49));
    expect(results.slice(0, 10).every((r) => r.success && r.jobId === "job0001")).toBe(true);
    expect(results[10]).toMatchObject({ success: false, error: "JobFailed", jobId: "job0002" });
    expect(results[10]?.details).toContain("Job job0002 failed: Failed: the job could not be processed");
    expect(results[49]).toEqual({
      index: 49,
      success: false,
      error: "NotProcessed",
      details: "Not sent: the call stopped before this batch",
    });
  });

  test("a killed job is a failure too; jobs already running are waited for and their results kept", async () => {
    // Three jobs run at once; the first is killed at once, the other two complete later.
    fakeZendesk({ polls: (_j, n) => (n === 1 ? 1 : 4), outcome: (_j, n) => (n === 1 ? "killed" : "completed") });
    const error = (await testClient()
      .createMany(tickets(40), { ...FAST, batchSize: 10, concurrency: 3 })
      .catch((e: unknown) => e)) as BulkJobFailedError;

    expect(error).toBeInstanceOf(BulkJobFailedError);
    expect(error.job.status).toBe("killed");
    expect(error.results.slice(0, 10).every((r) => r.error === "JobFailed")).toBe(true);
    expect(error.results.slice(10, 30).every((r) => r.success)).toBe(true);
    expect(error.results.slice(30).every((r) => r.error === "NotProcessed")).toBe(true);
  });

  test("what a failed job did report is kept; only its other items are marked JobFailed", async () => {
    fakeZendesk({
      outcome: () => "killed",
      failedResults: () => [
        { index: 0, id: 900, success: true },
        { index: 2, success: false, error: "TicketCreateFailed", details: "Subject: cannot be blank" },
      ],
    });
    const error = (await testClient()
      .createMany(tickets(4), FAST)
      .catch((e: unknown) => e)) as BulkJobFailedError;

    expect(error).toBeInstanceOf(BulkJobFailedError);
    expect(error.results.map((r) => [r.index, r.success, r.id, r.error])).toEqual([
      [0, true, 900, undefined],
      [1, false, undefined, "JobFailed"],
      [2, false, undefined, "TicketCreateFailed"],
      [3, false, undefined, "JobFailed"],
    ]);
  });

  test("a 429 TooManyJobs on job creation is waited out by createMany, not by the client's retries, with the same body", async () => {
    const zendesk = fakeZendesk({
      intercept: (_r, n) => (n <= 2 ? { ...tooManyJobs, headers: { "Retry-After": "0" } } : undefined),
    });
    const retries: unknown[] = [];
    const client = testClient({ onRetry: (event) => retries.push(event) });
    const input = tickets(3);
    const started = Date.now();
    const results = await client.createMany(input, { ...FAST, minRetryDelayMs: 40 });

    expect(results.map((r) => r.success)).toEqual([true, true, true]);
    const posts = zendesk.bulkRequests();
    expect(posts).toHaveLength(3);
    expect(posts.map((r) => r.body)).toEqual(Array(3).fill({ tickets: input }));
    // `Retry-After: 0` did not make a tight loop: each refusal waited at least minRetryDelayMs, and the client
    // itself neither retried nor paused its limiter for them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 40 - 5);
    expect(retries).toEqual([]);
    expect((client.limiter as RateLimiter).pausedForMs).toBe(0);
  });

  test("a Retry-After longer than the backoff is honoured", async () => {
    const zendesk = fakeZendesk({
      intercept: (_r, n) => (n <= 4 ? { ...tooManyJobs, headers: { "Retry-After": "0.02" } } : undefined),
    });
    const started = Date.now();
    const results = await testClient({ retry: false }).createMany(tickets(2), { ...FAST, minRetryDelayMs: 1 });

    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(zendesk.bulkRequests()).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 20 - 5);
  });

  test("gives up on a batch refused with 429 for longer than submitTimeoutMs: the RateLimitError as is", async () => {
    const zendesk = fakeZendesk({ intercept: () => ({ ...tooManyJobs, headers: { "Retry-After": "0.02" } }) });
    const error = await testClient({ retry: false })
      // Tries at 0 and 250 ms (the least wait, whatever Retry-After says); the next, 500 ms later, is past 600.
      .createMany(tickets(2), { ...FAST, submitTimeoutMs: 600, minRetryDelayMs: 1 })
      .catch((e: unknown) => e);

    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, error: "TooManyJobs", retryAfterMs: 20 });
    expect(zendesk.bulkRequests().length).toBeGreaterThanOrEqual(2);
    expect(zendesk.bulkRequests().length).toBeLessThanOrEqual(4);
  });

  test("a batch still waiting out 429s is not sent once another job has failed", async () => {
    const zendesk = fakeZendesk({
      outcome: () => "failed",
      intercept: (request) =>
        (request.body as { tickets: { subject: string }[] }).tickets[0]?.subject === "Ticket 10"
          ? { ...tooManyJobs, headers: { "Retry-After": "0.01" } }
          : undefined,
    });
    const error = (await testClient({ retry: false })
      .createMany(tickets(30), { ...FAST, batchSize: 10, concurrency: 2, minRetryDelayMs: 5 })
      .catch((e: unknown) => e)) as BulkJobFailedError;

    expect(error).toBeInstanceOf(BulkJobFailedError);
    expect(zendesk.jobs).toHaveLength(1);
    expect(error.results[10]).toMatchObject({
      error: "NotProcessed",
      details: "Not sent: the call stopped before this batch",
    });
    expect(error.results[29]).toMatchObject({ error: "NotProcessed" });
  });

  test("keeps at most `concurrency` jobs queued or running at once, 3 by default", async () => {
    const slow = { polls: 3 };
    const byDefault = fakeZendesk(slow);
    await testClient().createMany(tickets(100), { ...FAST, batchSize: 10 });
    expect(byDefault.jobs).toHaveLength(10);
    expect(byDefault.maxInFlight).toBe(3);
  });

  test("concurrency 1 runs one job at a time", async () => {
    const one = fakeZendesk({ polls: 2 });
    await testClient().createMany(tickets(40), { ...FAST, batchSize: 10, concurrency: 1 });
    expect(one.jobs).toHaveLength(4);
    expect(one.maxInFlight).toBe(1);
  });

  test("a concurrency above Zendesk's 30 jobs per account is taken as 30", async () => {
    const many = fakeZendesk({ polls: 3 });
    await testClient().createMany(tickets(400), { ...FAST, batchSize: 10, concurrency: 100 });
    expect(many.jobs).toHaveLength(40);
    expect(many.maxInFlight).toBe(30);
  });

  test("concurrency 5 runs five jobs at once", async () => {
    const five = fakeZendesk({ polls: 3 });
    await testClient().createMany(tickets(100), { ...FAST, batchSize: 10, concurrency: 5 });
    expect(five.maxInFlight).toBe(5);
  });

  test("onProgress is called after each job with counts done/total and that job's results", async () => {
    fakeZendesk();
    const seen: BulkProgress[] = [];
    await testClient().createMany(tickets(250), { ...FAST, concurrency: 1, onProgress: (p) => seen.push(p) });
    expect(seen.map(({ done, total, jobsDone, jobsTotal }) => [done, total, jobsDone, jobsTotal])).toEqual([
      [100, 250, 1, 3],
      [200, 250, 2, 3],
      [250, 250, 3, 3],
    ]);
    expect(seen[1]?.results.map((r) => r.index)).toEqual(range(100, 199));
    expect(seen[2]?.job).toMatchObject({ id: "job0003", status: "completed" });
  });

  test("wait options reach waitForJob: a job that does not finish in time stops the call with its id kept", async () => {
    fakeZendesk({ polls: (_j, n) => (n === 2 ? 1_000_000 : 1) });
    const error = (await testClient()
      .createMany(tickets(20), { batchSize: 10, concurrency: 1, wait: { ...FAST_WAIT, timeoutMs: 40 } })
      .catch((e: unknown) => e)) as BulkIncompleteError;

    expect(error).toBeInstanceOf(BulkIncompleteError);
    expect(error.cause).toBeInstanceOf(JobTimeoutError);
    expect(error.message).toMatch(/^createMany stopped: Job job0002 did not finish within 40 ms/);
    expect(error.results.slice(0, 10).every((r) => r.success)).toBe(true);
    expect(error.results[10]).toMatchObject({ success: false, error: "OutcomeUnknown", jobId: "job0002" });
    expect(error.results[10]?.details).toContain('waitForJob("job0002")');
  });

  test("a batch refused after another's job was created: BulkIncompleteError with the ValidationError as cause", async () => {
    fakeZendesk({
      intercept: (_r, n) =>
        n === 2
          ? {
              status: 422,
              body: {
                error: "RecordInvalid",
                description: "Record validation errors",
                details: { base: [{ description: "Too many tickets" }] },
              },
            }
          : undefined,
    });
    const error = (await testClient()
      .createMany(tickets(30), { ...FAST, batchSize: 10, concurrency: 1 })
      .catch((e: unknown) => e)) as BulkIncompleteError;

    expect(error).toBeInstanceOf(BulkIncompleteError);
    expect(isBulkError(error)).toBe(true);
    expect(error.cause).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, error: "RecordInvalid", method: "POST" });
    expect(error.results.slice(0, 10).every((r) => r.success)).toBe(true);
    expect(error.results[10]).toMatchObject({ success: false, error: "NotProcessed" });
    expect(error.results[10]?.details).toMatch(/^Zendesk refused the batch: Zendesk 422/);
    expect(error.results[29]?.details).toBe("Not sent: the call stopped before this batch");
  });

  test("an error before any job was created is thrown as it is", async () => {
    const zendesk = fakeZendesk({
      intercept: () => ({ status: 403, body: { error: "Forbidden", description: "You do not have access" } }),
    });
    const error = await testClient()
      .createMany(tickets(300), FAST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(isBulkError(error)).toBe(false);
    expect(zendesk.bulkRequests().length).toBeLessThanOrEqual(3);
  });

  test("a dropped connection on the first batch: its outcome is unknown, so BulkIncompleteError, not the bare error", async () => {
    const zendesk = fakeZendesk({ intercept: (_r, n) => (n === 1 ? "network-error" : undefined) });
    const error = (await testClient()
      .createMany(tickets(20), { ...FAST, batchSize: 10, concurrency: 1 })
      .catch((e: unknown) => e)) as BulkIncompleteError;

    expect(error).toBeInstanceOf(BulkIncompleteError);
    expect(isConnectionError(error.cause)).toBe(true);
    // create_many carries no idempotency key, so the client does not resend it after a network error.
    expect(zendesk.bulkRequests()).toHaveLength(1);
    expect(error.results[0]).toMatchObject({ success: false, error: "OutcomeUnknown" });
    expect(error.results[0]?.details).toMatch(
      /^The batch was sent but no job came back \(POST .*create_many failed before a response/,
    );
    expect(error.results[10]).toMatchObject({ success: false, error: "NotProcessed" });
  });

  test("an abort stops sending and rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const zendesk = fakeZendesk({ polls: 2 });
    const reason = new Error("stop");
    const error = await testClient()
      .createMany(tickets(50), {
        ...FAST,
        batchSize: 10,
        concurrency: 1,
        onProgress: (p) => {
          if (p.jobsDone === 2) controller.abort(reason);
        },
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(zendesk.bulkRequests()).toHaveLength(2);
  });

  test("nothing to do sends nothing; bad options and items are refused before any request", async () => {
    const zendesk = fakeZendesk();
    const client = testClient();
    expect(await client.createMany([])).toEqual([]);
    await expect(client.createMany(tickets(1), { batchSize: 101 })).rejects.toThrow(
      "createMany: `batchSize` must be a whole number from 1 to 100; got 101",
    );
    await expect(client.createMany(tickets(1), { concurrency: 0 })).rejects.toThrow(
      "createMany: `concurrency` must be a whole number of at least 1; got 0",
    );
    await expect(client.createMany(tickets(1), { minRetryDelayMs: 0 })).rejects.toThrow(
      "createMany: `minRetryDelayMs` must be a number of ms above 0 and at most 2147483647; got 0",
    );
    await expect(client.createMany([null as never])).rejects.toThrow(
      "createMany: tickets[0] must be an object; got null",
    );
    expect(zendesk.requests).toEqual([]);
  });
});

describe("updateMany", () => {
  test("each ticket with its own changes: `{ tickets }` bodies, results matched by id", async () => {
    const zendesk = fakeZendesk({
      // Zendesk's update results name the ticket but carry no index, in any order.
      results: (job) =>
        [...(job.ids ?? [])]
          .reverse()
          .map((id) =>
            id === 666
              ? { id, action: "update", success: false, status: "Failed", error: "TicketUpdateFailed", details: "Gone" }
              : { id, action: "update", success: true, status: "Updated" },
          ),
    });
    const input = range(1, 150).map((id) => ({ id: id === 75 ? 666 : id, priority: "high" as const }));
    const results = await testClient().updateMany(input, FAST);

    const puts = zendesk.bulkRequests();
    expect(puts.map((r) => r.path)).toEqual(["/api/v2/tickets/update_many", "/api/v2/tickets/update_many"]);
    expect(puts.map((r) => r.body)).toEqual([{ tickets: input.slice(0, 100) }, { tickets: input.slice(100) }]);
    expect(results.map((r) => r.id)).toEqual(input.map((t) => t.id));
    expect(results.map((r) => r.index)).toEqual(range(0, 149));
    expect(results[74]).toEqual({
      index: 74,
      id: 666,
      success: false,
      action: "update",
      status: "Failed",
      error: "TicketUpdateFailed",
      details: "Gone",
      jobId: "job0001",
    });
    expect(results.filter((r) => !r.success)).toHaveLength(1);
  });

  test("one change for many ids: `?ids=1,2,…` with `{ ticket }`, 100 ids a request", async () => {
    const zendesk = fakeZendesk();
    const ids = [...range(1, 149), 666];
    const changes = { status: "solved" as const, additional_tags: ["bulk"] };
    const results = await testClient().updateMany(ids, changes, FAST);

    const puts = zendesk.bulkRequests();
    expect(puts.map((r) => r.path)).toEqual([
      `/api/v2/tickets/update_many?ids=${range(1, 100).join(",")}`,
      `/api/v2/tickets/update_many?ids=${[...range(101, 149), 666].join(",")}`,
    ]);
    expect(puts.map((r) => r.body)).toEqual([{ ticket: changes }, { ticket: changes }]);
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results.map((r) => r.success)).toEqual([...Array(149).fill(true), false]);
    expect(results[149]).toMatchObject({ index: 149, id: 666, error: "TicketUpdateFailed" });
  });

  test("a ticket missing from the results is an explicit error naming its id", async () => {
    fakeZendesk({ results: () => [{ id: 2, action: "update", success: true, status: "Updated" }] });
    const results = await testClient().updateMany([1, 2], { priority: "low" }, FAST);
    expect(results).toEqual([
      {
        index: 0,
        id: 1,
        success: false,
        error: "NoResult",
        details: "Job job0001 completed without a result for this item",
        jobId: "job0001",
      },
      { index: 1, id: 2, success: true, action: "update", status: "Updated", jobId: "job0001" },
    ]);
  });

  test("refuses items without an id and ids that are not ticket ids", async () => {
    const client = testClient();
    await expect(client.updateMany([{ priority: "low" } as never])).rejects.toThrow(
      "updateMany: tickets[0].id must be a positive whole number (results are matched on it); got undefined",
    );
    await expect(client.updateMany([1, 0], { priority: "low" })).rejects.toThrow(
      "updateMany(ids, ticket): ids[1] must be an id (a positive whole number); got 0",
    );
    await expect(client.updateMany([1], undefined as never)).rejects.toThrow(
      "updateMany(ids, ticket): `ticket` must be an object, what every item gets; got undefined",
    );
  });
});

describe("destroyMany", () => {
  test("deletes 250 ids as `ids=1,…,100`, `ids=101,…,200`, `ids=201,…,250`", async () => {
    const zendesk = fakeZendesk();
    const ids = range(1, 250);
    const results = await testClient().destroyMany(ids, FAST);

    const deletes = zendesk.bulkRequests();
    expect(deletes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /api/v2/tickets/destroy_many?ids=${range(1, 100).join(",")}`,
      `DELETE /api/v2/tickets/destroy_many?ids=${range(101, 200).join(",")}`,
      `DELETE /api/v2/tickets/destroy_many?ids=${range(201, 250).join(",")}`,
    ]);
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results.every((r) => r.success && r.status === "Deleted")).toBe(true);
  });

  test("a job reporting one `{ success }` for the whole batch gives each id that outcome", async () => {
    fakeZendesk({ results: () => ({ success: true }) });
    const results = await testClient().destroyMany([7, 8], FAST);
    expect(results).toEqual([
      { index: 0, id: 7, success: true, jobId: "job0001" },
      { index: 1, id: 8, success: true, jobId: "job0001" },
    ]);
  });

  test("refuses ids that are not numbers", async () => {
    await expect(testClient().destroyMany(["1"] as never)).rejects.toThrow(
      'destroyMany: ids[0] must be an id (a positive whole number); got "1"',
    );
  });
});

describe("helpers from the spec's metadata alone", () => {
  test("markManyAsSpam(ids): `PUT …/mark_many_as_spam?ids=…`, results by id", async () => {
    const zendesk = fakeZendesk();
    const results = await testClient().markManyAsSpam([...range(1, 120), 666], FAST);
    expect(zendesk.bulkRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /api/v2/tickets/mark_many_as_spam?ids=${range(1, 100).join(",")}`,
      `PUT /api/v2/tickets/mark_many_as_spam?ids=${[...range(101, 120), 666].join(",")}`,
    ]);
    expect(results.map((r) => r.id)).toEqual([...range(1, 120), 666]);
    expect(results.filter((r) => !r.success).map((r) => r.index)).toEqual([120]);
  });

  test("importMany(tickets, { params }): `POST /api/v2/imports/tickets/create_many` with its query", async () => {
    const zendesk = fakeZendesk();
    const input = tickets(150);
    const results = await testClient().importMany(input, {
      ...FAST,
      params: { query: { archive_immediately: true } },
    });
    const posts = zendesk.bulkRequests();
    expect(posts.map((r) => r.path)).toEqual(
      Array(2).fill("/api/v2/imports/tickets/create_many?archive_immediately=true"),
    );
    expect(posts.map((r) => r.body)).toEqual([{ tickets: input.slice(0, 100) }, { tickets: input.slice(100) }]);
    expect(results.map((r) => r.index)).toEqual(range(0, 149));
    expect(results.every((r) => r.success && typeof r.id === "number")).toBe(true);
  });
});
