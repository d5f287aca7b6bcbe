import { describe, expect, test } from "vitest";
import {
  BulkErrorCode,
  BulkIncompleteError,
  BulkJobFailedError,
  type BulkResult,
  isBulkError,
  isConnectionError,
  isServerError,
  type JobStatus,
  type JobStatusResult,
  JobTimeoutError,
  operations,
  ValidationError,
} from "../src/index.js";
import { ORIGIN, rejection, testClient, useNock, zendesk } from "./helpers.js";

useNock();

const JOBS = "/api/v2/custom_objects/order/jobs";
const FAST = { wait: { intervalMs: 1, maxIntervalMs: 2 } };

interface Sent {
  action: string;
  items: unknown[];
}

function jobStatus(id: string, status: JobStatus["status"], results: JobStatus["results"] = null, message?: string) {
  return {
    id,
    url: `${ORIGIN}/api/v2/job_statuses/${id}.json`,
    job_type: "custom_object_record_bulk_job",
    status,
    total: Array.isArray(results) ? results.length : null,
    progress: null,
    message: message ?? null,
    results,
  } satisfies JobStatus;
}

/**
 * Serves `POST …/jobs` `jobs` times, each queuing job `job-<n>`, and one poll of
 * each job, which answers with `finish(sent, n)`: its final status.
 */
function jobServer(jobs: number, finish: (sent: Sent, n: number) => JobStatus) {
  const sent: Sent[] = [];
  zendesk()
    .post(JOBS)
    .times(jobs)
    .reply(201, (_uri, body) => {
      sent.push((body as { job: Sent }).job);
      return { job_status: jobStatus(`job-${sent.length}`, "queued") };
    });
  zendesk()
    .get(/^\/api\/v2\/job_statuses\/job-\d+$/)
    .times(jobs)
    .reply(200, (uri) => {
      const n = Number(uri.split("-").pop());
      return { job_status: finish(sent[n - 1] as Sent, n) };
    });
  return sent;
}

const create = (i: number) => ({ name: `Item ${i}`, custom_object_fields: { amount: i, sku: `S${i}` } });
const failures = (results: BulkResult[]) => results.filter((r) => !r.success).map((r) => r.index);

describe("bulk", () => {
  test("250 creates go in jobs of 100, 100, 50; results come back in input order, errors included", async () => {
    const items = Array.from({ length: 250 }, (_, i) => create(i));
    // Each job reports its items out of order; names with a 7 in them fail.
    const sent = jobServer(3, (job, n) => {
      const results: JobStatusResult[] = (job.items as { name: string }[]).map((item, index) =>
        item.name.includes("7")
          ? { index, success: false, error: "RecordInvalid", details: `${item.name} is invalid` }
          : { index, id: `rec-${n}-${index}`, name: item.name, success: true, status: "Created" },
      );
      return jobStatus(`job-${n}`, "completed", results.reverse());
    });
    const results = await testClient().records("order").bulk("create", items, FAST);

    expect(sent.map((job) => [job.action, job.items.length])).toEqual([
      ["create", 100],
      ["create", 100],
      ["create", 50],
    ]);
    expect(sent.flatMap((job) => job.items)).toEqual(items);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const expectedFailures = items.flatMap((item, i) => (item.name.includes("7") ? [i] : []));
    expect(failures(results)).toEqual(expectedFailures);
    expect(results[7]).toEqual({
      index: 7,
      success: false,
      error: "RecordInvalid",
      details: "Item 7 is invalid",
      jobId: "job-1",
    });
    expect(results[150]).toMatchObject({ success: true, id: "rec-2-50", name: "Item 150", jobId: "job-2" });
    expect(results[249]).toMatchObject({ success: true, id: "rec-3-49", jobId: "job-3" });
  });

  test("results without an index are matched by the action's key; an item the job skipped gets NoResult", async () => {
    const items = [
      { id: "r1", custom_object_fields: { amount: 1 } },
      { id: "r2", custom_object_fields: { amount: 2 } },
      { id: "r3", custom_object_fields: { amount: 3 } },
    ];
    jobServer(1, () =>
      jobStatus("job-1", "completed", [
        { id: "r3", action: "update", success: true, status: "Updated" },
        { id: "r1", action: "update", success: false, error: "RecordNotFound", errors: "Record not found" },
      ]),
    );
    const results = await testClient().records("order").bulk("update", items, FAST);
    expect(results).toEqual([
      expect.objectContaining({
        index: 0,
        id: "r1",
        success: false,
        error: "RecordNotFound",
        details: "Record not found",
      }),
      {
        index: 1,
        id: "r2",
        success: false,
        error: BulkErrorCode.NoResult,
        details: "Job job-1 completed without a result for this item",
        jobId: "job-1",
      },
      expect.objectContaining({ index: 2, success: true, id: "r3" }),
    ]);
  });

  test("deletes by external id are matched on external_id; deletes by id report the id", async () => {
    jobServer(2, (_job, n) =>
      n === 1
        ? jobStatus("job-1", "completed", [
            { external_id: "e2", success: true, status: "Deleted" },
            { external_id: "e1", success: false, error: "RecordNotFound", details: "not found" },
          ])
        : jobStatus("job-2", "completed", [{ success: true, status: "Deleted" }]),
    );
    const orders = testClient().records("order");
    const byExternalId = await orders.bulk("delete_by_external_id", ["e1", "e2"], FAST);
    expect(byExternalId.map((r) => [r.index, r.external_id, r.success])).toEqual([
      [0, "e1", false],
      [1, "e2", true],
    ]);
    const byId = await orders.bulk("delete", ["r9"], FAST);
    expect(byId).toEqual([expect.objectContaining({ index: 0, success: true, id: "r9" })]);
  });

  test("a job that fails rejects with BulkJobFailedError: what it reported kept, its other items JobFailed, no further job", async () => {
    const items = Array.from({ length: 5 }, (_, i) => create(i));
    const sent = jobServer(2, (job, n) =>
      n === 2
        ? jobStatus("job-2", "failed", [{ index: 0, id: "rec-2", success: true }], "Internal error")
        : jobStatus(
            `job-${n}`,
            "completed",
            job.items.map((_, index) => ({ index, id: `rec-${n}-${index}`, success: true })),
          ),
    );
    const error = (await rejection(
      testClient()
        .records("order")
        .bulk("create", items, { ...FAST, batchSize: 2, concurrency: 1 }),
    )) as BulkJobFailedError;
    expect(error).toBeInstanceOf(BulkJobFailedError);
    expect(isBulkError(error)).toBe(true);
    expect(sent.map((job) => job.items.length)).toEqual([2, 2]);
    expect(error.results.map((r) => (r.success ? "ok" : r.error))).toEqual([
      "ok",
      "ok",
      "ok",
      "JobFailed",
      "NotProcessed",
    ]);
    expect(error.results[3]?.details).toBe(
      "Job job-2 failed: Internal error; the item may or may not have been processed",
    );
    expect(error.results[2]).toMatchObject({ success: true, id: "rec-2" });
    expect(error.message).toMatch(/^bulkRecords\("create"\): job job-2 failed \(Internal error\)\. 1 of 2 jobs/);
  });

  test("a job not seen to finish in time → BulkIncompleteError: known results kept, its items OutcomeUnknown, the rest NotProcessed", async () => {
    const items = Array.from({ length: 6 }, (_, i) => create(i));
    zendesk()
      .post(JOBS)
      .reply(201, { job_status: jobStatus("job-1", "queued") });
    zendesk()
      .get("/api/v2/job_statuses/job-1")
      .reply(200, {
        job_status: jobStatus("job-1", "completed", [
          { index: 0, id: "a", success: true },
          { index: 1, id: "b", success: true },
        ]),
      });
    zendesk()
      .post(JOBS)
      .reply(201, { job_status: jobStatus("job-2", "queued") });
    zendesk()
      .get("/api/v2/job_statuses/job-2")
      .times(Number.POSITIVE_INFINITY)
      .optionally()
      .reply(200, { job_status: jobStatus("job-2", "working") });

    const error = (await rejection(
      testClient()
        .records("order")
        .bulk("create", items, { wait: { intervalMs: 5, timeoutMs: 40 }, batchSize: 2, concurrency: 1 }),
    )) as BulkIncompleteError;
    expect(error).toBeInstanceOf(BulkIncompleteError);
    expect(error.cause).toBeInstanceOf(JobTimeoutError);
    expect(error.results.map((r) => [r.index, r.success ? "ok" : r.error, r.jobId])).toEqual([
      [0, "ok", "job-1"],
      [1, "ok", "job-1"],
      [2, "OutcomeUnknown", "job-2"],
      [3, "OutcomeUnknown", "job-2"],
      [4, "NotProcessed", undefined],
      [5, "NotProcessed", undefined],
    ]);
    expect(error.results[2]?.details).toContain('waitForJob("job-2")');
    expect(error.jobs.map((job) => job.id)).toEqual(["job-1", "job-2"]);
  });

  test("a job request refused with a 4xx before any job: the error as it is; one with no clear answer: OutcomeUnknown", async () => {
    zendesk()
      .post(JOBS)
      .reply(422, { errors: [{ code: "TooManyItems", title: "Unprocessable", detail: "too many" }] });
    const refused = await rejection(testClient().records("order").bulk("delete", ["a", "b"], FAST));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(isBulkError(refused)).toBe(false);

    zendesk().post(JOBS).replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    const lost = (await rejection(
      testClient().records("order").bulk("delete", ["a", "b"], FAST),
    )) as BulkIncompleteError;
    expect(isConnectionError(lost.cause)).toBe(true);
    expect(lost.results.map((r) => [r.id, r.error])).toEqual([
      ["a", "OutcomeUnknown"],
      ["b", "OutcomeUnknown"],
    ]);
    expect(lost.results[0]?.details).toMatch(/^The batch was sent but no job came back/);

    // A 500 may come after Zendesk acted: the job may exist.
    zendesk()
      .post(JOBS)
      .reply(500, { errors: [{ code: "InternalError", title: "Internal Server Error" }] });
    const unclear = (await rejection(testClient().records("order").bulk("delete", ["a"], FAST))) as BulkIncompleteError;
    expect(isServerError(unclear.cause)).toBe(true);
    expect(unclear.results.map((r) => r.error)).toEqual(["OutcomeUnknown"]);
  });

  test("an abort between jobs stops sending and rejects with the signal's reason; onProgress saw what finished", async () => {
    const controller = new AbortController();
    jobServer(1, (job) =>
      jobStatus(
        "job-1",
        "completed",
        job.items.map((id, index) => ({ index, id: id as string })),
      ),
    );
    const seen: BulkResult[] = [];
    const reason = new Error("user stopped");
    const error = await rejection(
      testClient()
        .records("order")
        .bulk("delete", ["a", "b", "c"], {
          ...FAST,
          batchSize: 2,
          concurrency: 1,
          signal: controller.signal,
          onProgress: (progress) => {
            seen.push(...progress.results);
            controller.abort(reason);
          },
        }),
    );
    expect(error).toBe(reason);
    expect(seen.map((r) => [r.id, r.success])).toEqual([
      ["a", true],
      ["b", true],
    ]);
  });

  test("a job response without a job id: its items' outcome is unknown", async () => {
    zendesk()
      .post(JOBS)
      .reply(201, { job_status: { status: "queued" } });
    const error = (await rejection(testClient().records("order").bulk("delete", ["a"], FAST))) as BulkIncompleteError;
    expect(error.results.map((r) => r.error)).toEqual(["OutcomeUnknown"]);
    expect((error.cause as Error).message).toMatch(/has no job_status with an id/);
  });

  test("concurrency runs several jobs at once and still returns input order", async () => {
    const items = Array.from({ length: 6 }, (_, i) => `r${i}`);
    const events: string[] = [];
    const sent: Sent[] = [];
    zendesk()
      .post(JOBS)
      .times(3)
      .reply(201, (_uri, body) => {
        sent.push((body as { job: Sent }).job);
        events.push(`post-${sent.length}`);
        return { job_status: jobStatus(`job-${sent.length}`, "queued") };
      });
    const finished = (n: number) => () => {
      events.push(`poll-${n}`);
      const ids = (sent[n - 1] as Sent).items as string[];
      return {
        job_status: jobStatus(
          `job-${n}`,
          "completed",
          ids.map((id) => ({ id, success: true })),
        ),
      };
    };
    // The first job finishes last.
    zendesk().get("/api/v2/job_statuses/job-1").delay(60).reply(200, finished(1));
    zendesk().get("/api/v2/job_statuses/job-2").reply(200, finished(2));
    zendesk().get("/api/v2/job_statuses/job-3").reply(200, finished(3));
    const results = await testClient()
      .records("order")
      .bulk("delete", items, { ...FAST, batchSize: 2, concurrency: 3 });
    expect(events.slice(0, 3)).toEqual(["post-1", "post-2", "post-3"]);
    expect(results.map((r) => [r.id, r.success, r.jobId])).toEqual([
      ["r0", true, "job-1"],
      ["r1", true, "job-1"],
      ["r2", true, "job-2"],
      ["r3", true, "job-2"],
      ["r4", true, "job-3"],
      ["r5", true, "job-3"],
    ]);
  });

  test("checks its arguments before sending anything", async () => {
    const orders = testClient().records("order");
    expect(operations["POST /api/v2/custom_objects/{custom_object_key}/jobs"].bulk[0].batch).toBe(100);
    await expect(orders.bulk("create", [create(1)], { batchSize: 101 })).rejects.toThrow(
      'bulkRecords("create"): `batchSize` must be a whole number from 1 to 100; got 101',
    );
    await expect(orders.bulk("update", [{ custom_object_fields: { amount: 1 } } as never])).rejects.toThrow(
      'bulkRecords("update"): items[0].id must be a non-empty string (results are matched on it); got undefined',
    );
    await expect(
      orders.bulk("create_or_update_by_name", [create(1), { custom_object_fields: {} } as never]),
    ).rejects.toThrow(/items\[1\]\.name must be a non-empty string/);
    await expect(orders.bulk("delete", [""])).rejects.toThrow('items[0] must be an id (a non-empty string); got ""');
    await expect(orders.bulk("destroy" as never, [])).rejects.toThrow(
      'bulkRecords: unknown action "destroy"; use one of create, update',
    );
    await expect(orders.bulk("create", [])).resolves.toEqual([]);
  });

  test("the client has the spec's bulk helper itself, the object key in `params.path`", async () => {
    jobServer(1, (job) =>
      jobStatus(
        "job-1",
        "completed",
        job.items.map((_, index) => ({ index, id: `new-${index}`, success: true })),
      ),
    );
    const results = await testClient().bulkRecords("create", [create(1), create(2)], {
      ...FAST,
      params: { path: { custom_object_key: "order" } },
    });
    expect(results.map((r) => r.id)).toEqual(["new-0", "new-1"]);
  });
});
