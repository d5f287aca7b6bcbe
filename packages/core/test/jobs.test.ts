import { describe, expect, test } from "vitest";
import {
  isResponseParseError,
  JobFailedError,
  type JobStatus,
  type JobStatusResult,
  JobTimeoutError,
  NotFoundError,
  RateLimitError,
  ZendeskError,
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
    const started = Date.now();
    const error = await testClient(server.url)
      .waitForJob("nope", { ...FAST, notFoundGraceMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    // Polled on through the grace period, however many polls fit in it on a loaded machine: not given up at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
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

describe("waitForJob through passing failures", () => {
  /** The n-th poll answers as `script[n]` says (the last one repeats). */
  type Answer = "500" | "429" | "html" | "drop" | JobStatus;
  function flaky(script: Answer[]) {
    return startServer((_req, res, n) => {
      const step = script[Math.min(n, script.length) - 1] as Answer;
      if (step === "500") return json(res, 500, { error: "InternalError" });
      if (step === "429") return json(res, 429, { error: "APIRateLimitExceeded" }, { "retry-after": "0" });
      if (step === "drop") return res.socket?.destroy();
      if (step === "html") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html><body>Maintenance</body></html>");
      }
      json(res, 200, { job_status: step });
    });
  }
  const noRetry = { retry: false } as const;

  test("a 500, a 429, an HTML page and a dropped connection are waited out until the job completes", async () => {
    const server = await flaky(["500", "429", "html", "drop", job("j20", "completed")]);
    const done = await testClient(server.url, noRetry).waitForJob("j20", { ...FAST, timeoutMs: 10_000 });
    expect(done.status).toBe("completed");
    expect(server.requests).toHaveLength(5);
    // Each failed poll waits at least 250 ms, longer each time: never a tight loop.
    const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[3]).toBeGreaterThanOrEqual(1_900);
  });

  test("failures until the deadline: JobTimeoutError with the last failure as its cause, and few requests", async () => {
    const server = await flaky(["500", "html"]);
    const error = (await testClient(server.url, noRetry)
      .waitForJob("j21", { intervalMs: 1, maxIntervalMs: 1, timeoutMs: 1_000 })
      .catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(isResponseParseError(error.cause)).toBe(true);
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  test("a 429 asking for a wait past the deadline is thrown at once", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: "APIRateLimitExceeded" }, { "retry-after": "30" }),
    );
    const pending = testClient(server.url, noRetry).waitForJob("j22", { ...FAST, timeoutMs: 5_000 });
    await expect(within(pending, 1_000)).rejects.toBeInstanceOf(RateLimitError);
  });

  test.each([
    ["{}", {}],
    ["null", null],
    ["a job_status without an id", { job_status: { status: "working" } }],
    ["a job_status without a status", { job_status: { id: "j23" } }],
    ["a job_status that is a string", { job_status: "working" }],
  ])("a malformed answer (%s) is a ZendeskError saying so, not a TypeError", async (_what, body) => {
    const server = await startServer((_req, res) => json(res, 200, body));
    const error = await testClient(server.url)
      .waitForJob("j23", FAST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskError);
    expect((error as Error).message).toMatch(/is not a job status with an id and a status/);
    expect(server.requests).toHaveLength(1);
  });

  test("waits a timer cannot hold are refused before any request", async () => {
    const server = await jobServer([job("j24", "completed")]);
    for (const key of ["timeoutMs", "intervalMs", "maxIntervalMs", "notFoundGraceMs"]) {
      await expect(testClient(server.url).waitForJob("j24", { [key]: 2 ** 31 })).rejects.toThrow(
        new RegExp(`\`${key}\` must be a number of ms from 0 to 2147483647`),
      );
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("waitForJobs", () => {
  test("a string instead of an array is a TypeError saying so", async () => {
    const client = testClient("https://acme.zendesk.com");
    await expect(client.waitForJobs("a,b" as never)).rejects.toThrow(
      /waitForJobs: pass an array of job status ids or job statuses; got the string "a,b"/,
    );
  });

  test("a show_many answer without a job_statuses list is a ZendeskError saying so", async () => {
    const server = await startServer((_req, res) => json(res, 200, { job_statuses: null }));
    const error = await testClient(server.url)
      .waitForJobs(["a", "b"], FAST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskError);
    expect((error as Error).message).toMatch(/no job_statuses list/);
  });

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
