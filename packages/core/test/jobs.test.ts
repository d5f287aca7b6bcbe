import { describe, expect, test } from "vitest";
import {
  JobFailedError,
  type JobStatus,
  type JobStatusResult,
  JobTimeoutError,
  NotFoundError,
  RateLimitError,
} from "../src/index.js";
import { json, startServer, testClient, within } from "./helpers.js";

const FAST = { intervalMs: 10, maxIntervalMs: 20 };

function job(id: string, status: JobStatus["status"], extra: Partial<JobStatus> = {}): JobStatus {
  return {
    id,
    url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`,
    status,
    job_type: "Bulk Update",
    total: 2,
    progress: status === "completed" ? 2 : status === "working" ? 1 : 0,
    message: null,
    results: null,
    ...extra,
  };
}

const RESULTS = [
  { id: 380, index: 0, success: true, action: "update", status: "Updated" },
  { id: 381, index: 1, success: false, error: "TicketUpdateFailed", details: "Ticket could not be updated" },
];

/** Serves /api/v2/job_statuses/{id}: the n-th poll gets `script[n]` (the last one repeats). */
function jobServer(script: (JobStatus | 404)[]) {
  return startServer((_req, res, n) => {
    const step = script[Math.min(n, script.length) - 1];
    if (step === 404 || step === undefined)
      return json(res, 404, { error: "RecordNotFound", description: "Not found" });
    json(res, 200, { job_status: step });
  });
}

describe("waitForJob", () => {
  test("polls until completed and returns every result, successes and per-item errors alike", async () => {
    const server = await jobServer([
      job("j1", "queued"),
      job("j1", "working"),
      job("j1", "completed", { results: RESULTS, message: "Completed at 2025-01-01" }),
    ]);
    const progress: string[] = [];
    const done = await testClient(server.url).waitForJob("j1", { ...FAST, onProgress: (j) => progress.push(j.status) });
    expect(done.status).toBe("completed");
    expect(done.results).toEqual(RESULTS);
    expect(progress).toEqual(["queued", "working", "completed"]);
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill("/api/v2/job_statuses/j1"));
  });

  test("accepts the job status from a create response and polls its id", async () => {
    const server = await jobServer([job("j2", "completed", { results: RESULTS })]);
    const done = await testClient(server.url).waitForJob(job("j2", "queued"), FAST);
    expect(done.results).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  test("a job status that is already finished is returned without a request", async () => {
    const server = await jobServer([]);
    const finished = job("j3", "completed", { results: RESULTS });
    expect(await testClient(server.url).waitForJob(finished, FAST)).toBe(finished);
    expect(server.requests).toHaveLength(0);
  });

  test("failed → JobFailedError carrying the job", async () => {
    const server = await jobServer([
      job("j4", "working"),
      job("j4", "failed", { message: "Invalid ticket ids", results: RESULTS }),
    ]);
    const error = (await testClient(server.url)
      .waitForJob("j4", FAST)
      .catch((e: unknown) => e)) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.job.status).toBe("failed");
    expect(error.job.results).toEqual(RESULTS);
    expect(error.message).toBe("Job j4 failed: Invalid ticket ids");
  });

  test("killed → JobFailedError", async () => {
    const server = await jobServer([job("j5", "killed")]);
    await expect(testClient(server.url).waitForJob("j5", FAST)).rejects.toBeInstanceOf(JobFailedError);
  });

  test("timeout → JobTimeoutError with the last status seen", async () => {
    const server = await jobServer([job("j6", "queued"), job("j6", "working", { progress: 1 })]);
    const started = Date.now();
    const error = (await testClient(server.url)
      .waitForJob("j6", { ...FAST, timeoutMs: 150 })
      .catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error.job?.status).toBe("working");
    expect(error.jobId).toBe("j6");
    expect(error.message).toContain("last seen working, 1/2");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(600);
  });

  test("the timeout also cuts a poll in flight", async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    const pending = testClient(server.url).waitForJob("j7", { ...FAST, timeoutMs: 100 });
    await expect(within(pending, 1_000)).rejects.toBeInstanceOf(JobTimeoutError);
  });

  test("a brief 404 right after creation is tolerated", async () => {
    const server = await jobServer([404, 404, job("j8", "completed", { results: RESULTS })]);
    const done = await testClient(server.url).waitForJob("j8", { ...FAST, notFoundGraceMs: 1_000 });
    expect(done.status).toBe("completed");
    expect(server.requests).toHaveLength(3);
  });

  test("a 404 past the grace period is a NotFoundError", async () => {
    const server = await jobServer([404]);
    const error = await testClient(server.url)
      .waitForJob("nope", { ...FAST, notFoundGraceMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  test("polls back off from intervalMs and are capped at maxIntervalMs", async () => {
    const server = await jobServer([...Array(6).fill(job("j9", "working")), job("j9", "completed")]);
    await testClient(server.url).waitForJob("j9", { intervalMs: 40, maxIntervalMs: 90 });
    const at = server.requests.map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    // 40, 60, 90, 90, 90, 90 (×1.5 each poll, capped)
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[0]).toBeLessThan(60);
    expect(gaps[1]).toBeGreaterThanOrEqual(55);
    expect(gaps.slice(2).every((g) => g >= 85 && g < 140)).toBe(true);
  });

  test("an abort rejects promptly with the reason", async () => {
    const server = await jobServer([job("j10", "working")]);
    const controller = new AbortController();
    const pending = testClient(server.url).waitForJob("j10", { intervalMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("no longer needed")), 50);
    await expect(within(pending, 500)).rejects.toThrow("no longer needed");
  });

  test("an error other than 404 surfaces as its ZendeskError", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: "TooManyRequests" }, { "retry-after": "3600" }),
    );
    await expect(testClient(server.url).waitForJob("j11", FAST)).rejects.toBeInstanceOf(RateLimitError);
  });
});

describe("waitForJobs", () => {
  /** show_many over a table of id → list of statuses per poll (last repeats); ids not in the table are left out. */
  function showMany(table: Record<string, JobStatus["status"][]>) {
    const polls = new Map<string, number>();
    return startServer((req, res) => {
      const wanted = (req.url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
      const statuses = wanted.flatMap((id) => {
        const script = table[id];
        if (!script) return [];
        const n = polls.get(id) ?? 0;
        polls.set(id, n + 1);
        const status = script[Math.min(n, script.length - 1)] as JobStatus["status"];
        return [
          job(
            id,
            status,
            status === "completed" ? { results: [{ id: 1, index: 0, success: true, status: `done ${id}` }] } : {},
          ),
        ];
      });
      json(res, 200, { job_statuses: statuses });
    });
  }

  test("follows many jobs through show_many and resolves in input order", async () => {
    const server = await showMany({
      a: ["queued", "completed"],
      b: ["working", "working", "completed"],
      c: ["completed"],
    });
    const done = await testClient(server.url).waitForJobs(["b", "a", "c"], FAST);
    expect(done.map((j) => j.id)).toEqual(["b", "a", "c"]);
    expect(done.every((j) => j.status === "completed")).toBe(true);
    const results = done[0]?.results as JobStatusResult[];
    expect(results[0]?.status).toBe("done b");
    // Finished jobs are not asked for again.
    expect(server.requests.map((r) => r.url.searchParams.get("ids"))).toEqual(["b,a,c", "b,a", "b"]);
  });

  test("batches ids 100 to a request", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `job${i}`);
    const server = await showMany(Object.fromEntries(ids.map((id) => [id, ["completed"]])));
    const done = await testClient(server.url).waitForJobs(ids, FAST);
    expect(done.map((j) => j.id)).toEqual(ids);
    expect(server.requests.map((r) => r.url.searchParams.get("ids")?.split(",").length)).toEqual([100, 50]);
  });

  test("a failed job → JobFailedError after all finish, with every final status", async () => {
    const server = await showMany({ a: ["completed"], b: ["working", "failed"] });
    const error = (await testClient(server.url)
      .waitForJobs(["a", "b"], FAST)
      .catch((e: unknown) => e)) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.job.id).toBe("b");
    expect(error.jobs?.map((j) => [j.id, j.status])).toEqual([
      ["a", "completed"],
      ["b", "failed"],
    ]);
  });

  test("a job show_many leaves out at first is waited for within the grace period", async () => {
    const server = await startServer((req, res, n) => {
      const wanted = (req.url.searchParams.get("ids") ?? "").split(",");
      // "b" only shows up from the third request on.
      json(res, 200, { job_statuses: wanted.filter((id) => id === "a" || n > 2).map((id) => job(id, "completed")) });
    });
    const done = await testClient(server.url).waitForJobs(["a", "b"], { ...FAST, notFoundGraceMs: 1_000 });
    expect(done.map((j) => j.id)).toEqual(["a", "b"]);
    expect(server.requests.map((r) => r.url.searchParams.get("ids"))).toEqual(["a,b", "b", "b"]);
  });

  test("a job show_many never returns is a NotFoundError after the grace period", async () => {
    const server = await showMany({ a: ["completed"] });
    const error = await testClient(server.url)
      .waitForJobs(["a", "ghost"], { ...FAST, notFoundGraceMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain("ghost");
  });

  test("timeout → JobTimeoutError naming a pending job, with the last statuses", async () => {
    const server = await showMany({ a: ["completed"], b: ["working"] });
    const error = (await testClient(server.url)
      .waitForJobs(["a", "b"], { ...FAST, timeoutMs: 100 })
      .catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error.jobId).toBe("b");
    expect(error.jobs?.map((j) => j?.status)).toEqual(["completed", "working"]);
  });
});
