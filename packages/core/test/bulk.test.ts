// The bulk engine through `bulkHelpers` on a small operations map, against a loopback server: waiting out
// TooManyJobs without holding up the client, giving up in time, action envelopes and path parameters, result
// matching, and the guards of its errors.
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import {
  BulkErrorCode,
  type BulkResult,
  bulkHelpers,
  createZendeskClient,
  isBulkError,
  isBulkIncompleteError,
  isBulkJobFailedError,
  isRateLimitError,
  JobFailedError,
  type OperationsMeta,
  type RateLimiter,
  type RetryEvent,
} from "../src/index.js";
import { EMAIL, FAST_RETRY, json, type Recorded, startServer, TOKEN, within } from "./helpers.js";

const operations = {
  "POST /api/v2/widgets/create_many": {
    bulk: [{ helper: "createWidgets", items: ["widgets"], batch: 10, match: "index", idType: "integer" }],
  },
  "POST /api/v2/things/{key}/jobs": {
    bulk: [
      {
        helper: "thingJobs",
        items: ["job", "items"],
        action: ["job", "action"],
        batch: 10,
        match: { create: "index", upsert: "external_id", delete: "id" },
        idType: "string",
      },
    ],
  },
} as const satisfies OperationsMeta;

type Helper = (...args: unknown[]) => Promise<BulkResult[]>;
const FAST = { wait: { intervalMs: 1, maxIntervalMs: 5, timeoutMs: 5_000 } };
const tooManyJobs = { error: "TooManyJobs", description: "Too many jobs queued or running" };

function client(baseUrl: string, retries: RetryEvent[] = []) {
  const zendesk = createZendeskClient<Record<string, never>>({
    baseUrl,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    operations,
    onRetry: (event) => retries.push(event),
  });
  // The runtime helpers; their types come from a paths type this test does not have.
  const helpers = bulkHelpers(zendesk as never, operations) as unknown as Record<"createWidgets" | "thingJobs", Helper>;
  return Object.assign(zendesk, helpers);
}

let jobs = 0;
/** A job status that is already complete, with these results. */
const finished = (results: unknown) => ({
  job_status: {
    id: `job${++jobs}`,
    url: "https://acme.zendesk.com/api/v2/job_statuses/x.json",
    status: "completed",
    total: null,
    progress: null,
    message: null,
    results,
  },
});
const queued = (id: string) => ({
  job_status: { id, url: "u", status: "queued", total: null, progress: null, message: null, results: null },
});

/** `count` widgets each created with id 100 + their index in the request. */
const created = (request: Recorded) =>
  (JSON.parse(request.body) as { widgets: unknown[] }).widgets.map((_, index) => ({ index, id: 100 + index }));

/** Ten widgets created as 200…209. */
const created0 = () => Array.from({ length: 10 }, (_, index) => ({ index, id: 200 + index }));

const widgets = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `w${i}` }));

describe("TooManyJobs", () => {
  test("is waited out with a wait that grows from minRetryDelayMs, even with Retry-After 0, and holds up nothing else", async () => {
    const posts: number[] = [];
    const server = await startServer((request, res) => {
      if (request.path === "/api/v2/ping") return json(res, 200, { ok: true });
      posts.push(request.at);
      // Three refusals, the second with a Retry-After date in the past; then the job.
      if (posts.length <= 3) {
        const retryAfter = posts.length === 2 ? "Thu, 01 Jan 1970 00:00:00 GMT" : "0";
        return json(res, 429, tooManyJobs, { "Retry-After": retryAfter });
      }
      json(res, 200, finished(created(request)));
    });
    const retries: RetryEvent[] = [];
    const zendesk = client(server.url, retries);

    const running = zendesk.createWidgets(widgets(3), { ...FAST, minRetryDelayMs: 20, maxRetryDelayMs: 1_000 });
    // While the batch waits, the client's other calls go through at once: nothing paused its limiter.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const get = zendesk.GET as unknown as (path: string) => Promise<{ response: Response }>;
    const ping = await within(get("/api/v2/ping"), 200);
    expect(ping.response.status).toBe(200);
    expect((zendesk.limiter as RateLimiter).pausedForMs).toBe(0);

    const results = await running;
    expect(results.map((r) => [r.index, r.success, r.id])).toEqual([
      [0, true, 100],
      [1, true, 101],
      [2, true, 102],
    ]);
    expect(posts).toHaveLength(4);
    const gaps = posts.slice(1).map((at, i) => at - (posts[i] as number));
    // Waits of 250, 500, 1 000 ms, whatever minRetryDelayMs and Retry-After say: never a tight loop, and growing.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(240);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(950);
    // The client itself neither retried these 429s nor paused for them.
    expect(retries).toEqual([]);
  });

  test("a batch waiting out Retry-After does not hold up the polls of the call's running jobs", async () => {
    let posts = 0;
    let polls = 0;
    const server = await startServer((request, res) => {
      if (request.method === "GET") {
        polls++;
        const job = queued("a").job_status;
        return json(res, 200, {
          job_status: polls < 3 ? { ...job, status: "working" } : finished(created0()).job_status,
        });
      }
      posts++;
      if (posts === 1) return json(res, 200, queued("a"));
      if (posts === 2) return json(res, 429, tooManyJobs, { "Retry-After": "1" });
      json(res, 200, finished(created(request)));
    });
    const started = Date.now();
    const completedAt: number[] = [];
    const results = await client(server.url).createWidgets(widgets(20), {
      ...FAST,
      concurrency: 2,
      onProgress: () => completedAt.push(Date.now() - started),
    });
    expect(results.every((r) => r.success)).toBe(true);
    // Job a was polled to its end while the other batch waited its second out, not after.
    expect(completedAt[0]).toBeLessThan(500);
    expect(completedAt[1]).toBeGreaterThanOrEqual(950);
  });

  test("the wait is capped at maxRetryDelayMs (but never under 250 ms), and a longer Retry-After is honoured", async () => {
    const posts: number[] = [];
    const server = await startServer((request, res) => {
      posts.push(request.at);
      if (posts.length <= 4) return json(res, 429, tooManyJobs, { "Retry-After": posts.length === 4 ? "0.4" : "0" });
      json(res, 200, finished(created(request)));
    });
    await client(server.url).createWidgets(widgets(1), { ...FAST, minRetryDelayMs: 10, maxRetryDelayMs: 15 });
    const gaps = posts.slice(1).map((at, i) => at - (posts[i] as number));
    expect(gaps.slice(0, 3).every((gap) => gap >= 240 && gap < 330)).toBe(true);
    expect(gaps[3]).toBeGreaterThanOrEqual(390);
  });

  test("gives up after submitTimeoutMs with every result known so far", async () => {
    const server = await startServer((request, res, n) => {
      if (n === 1) return json(res, 200, finished(created(request)));
      json(res, 429, tooManyJobs, { "Retry-After": "0" });
    });
    const started = Date.now();
    const error = await client(server.url)
      .createWidgets(widgets(25), { ...FAST, concurrency: 1, submitTimeoutMs: 100, minRetryDelayMs: 10 })
      .catch((e: unknown) => e);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(isBulkIncompleteError(error)).toBe(true);
    if (!isBulkIncompleteError(error)) return;
    expect(isRateLimitError(error.cause)).toBe(true);
    expect(error).toMatchObject({ status: 429, error: "TooManyJobs" });
    expect(error.results.map((r) => r.index)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(error.results.slice(0, 10).every((r) => r.success)).toBe(true);
    expect(error.results[10]).toMatchObject({ success: false, error: BulkErrorCode.NotProcessed });
    expect(error.results[10]?.details).toMatch(/^Zendesk refused the batch: Zendesk 429/);
    expect(error.results[24]?.details).toBe("Not sent: the call stopped before this batch");
  });

  test("a server that always answers 429 Retry-After: 0 gets a few tries a second, not a flood", async () => {
    const server = await startServer((_request, res) => json(res, 429, tooManyJobs, { "Retry-After": "0" }));
    const started = Date.now();
    const error = await client(server.url)
      .createWidgets(widgets(1), { ...FAST, minRetryDelayMs: 1, maxRetryDelayMs: 1, submitTimeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    // 250 ms apart at the least: the first try and at most four more within the second allowed.
    expect(server.requests.length).toBeLessThanOrEqual(5);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("waits a timer cannot hold are refused before any request", async () => {
    const server = await startServer((_request, res) => json(res, 500, {}));
    for (const key of ["submitTimeoutMs", "maxRetryDelayMs"]) {
      await expect(client(server.url).createWidgets(widgets(1), { [key]: 2 ** 31 })).rejects.toThrow(
        new RegExp(`\`${key}\` must be a number of ms .* at most 2147483647`),
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  test("the account's rate limit (another 429) pauses the whole client, as any 429 does", async () => {
    const server = await startServer((request, res, n) => {
      if (n === 1) return json(res, 429, { error: "APIRateLimitExceeded" }, { "Retry-After": "0.2" });
      json(res, 200, finished(created(request)));
    });
    const zendesk = client(server.url);
    const running = zendesk.createWidgets(widgets(1), { ...FAST, minRetryDelayMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((zendesk.limiter as RateLimiter).pausedForMs).toBeGreaterThan(0);
    expect((await running)[0]?.success).toBe(true);
  });
});

test("a rate-limit wait longer than submitTimeoutMs: the RateLimitError at once, and the client not paused", async () => {
  const server = await startServer((_request, res) =>
    json(res, 429, { error: "APIRateLimitExceeded" }, { "Retry-After": "3600" }),
  );
  const zendesk = client(server.url);
  const error = await zendesk.createWidgets(widgets(1), FAST).catch((e: unknown) => e);
  expect(isRateLimitError(error)).toBe(true);
  expect(server.requests).toHaveLength(1);
  expect((zendesk.limiter as RateLimiter).pausedForMs).toBe(0);
});

describe("a call with retry429: false", () => {
  test("gets its 429 back at once: no retry, no pause, no onRetry", async () => {
    const server = await startServer((_request, res) => json(res, 429, tooManyJobs, { "Retry-After": "1" }));
    const retries: RetryEvent[] = [];
    const zendesk = client(server.url, retries);
    const result = await zendesk.request(
      "post" as never,
      "/api/v2/widgets/create_many" as never,
      {
        body: { widgets: [] },
        retry429: false,
      } as never,
    );
    expect((result as { response: Response }).response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
    expect((zendesk.limiter as RateLimiter).pausedForMs).toBe(0);
  });
});

describe("an action envelope with path parameters", () => {
  test("sends `{ job: { action, items } }` to the path given, and matches results on the action's key", async () => {
    const bodies: unknown[] = [];
    const server = await startServer((request, res) => {
      bodies.push([request.path, JSON.parse(request.body)]);
      // Results without an index, out of order, with numeric ids: matched on external_id, ids made strings.
      json(
        res,
        201,
        finished([
          { external_id: "b", id: 2, success: true, status: "Updated" },
          { external_id: "a", id: 1, success: false, errors: "Name: is too long" },
        ]),
      );
    });
    const results = await client(server.url).thingJobs("upsert", [{ external_id: "a" }, { external_id: "b" }], {
      ...FAST,
      params: { path: { key: "order" } },
    });
    expect(bodies).toEqual([
      ["/api/v2/things/order/jobs", { job: { items: [{ external_id: "a" }, { external_id: "b" }], action: "upsert" } }],
    ]);
    expect(results).toEqual([
      {
        index: 0,
        id: "1",
        external_id: "a",
        success: false,
        error: BulkErrorCode.ItemFailed,
        errors: "Name: is too long",
        details: "Name: is too long",
        jobId: expect.any(String),
      },
      { index: 1, id: "2", external_id: "b", success: true, status: "Updated", jobId: expect.any(String) },
    ]);
  });

  test("a delete by id reports the id sent when the job gives only `{ success }` per item", async () => {
    const server = await startServer((_request, res) =>
      json(res, 201, finished([{ success: true }, { success: true }])),
    );
    const results = await client(server.url).thingJobs("delete", ["r1", "r2"], {
      ...FAST,
      params: { path: { key: "k" } },
    });
    expect(results.map((r) => [r.index, r.id, r.success])).toEqual([
      [0, "r1", true],
      [1, "r2", true],
    ]);
  });

  test("refuses an unknown action, a missing path parameter and an item without its key, before any request", async () => {
    const server = await startServer((_request, res) => json(res, 500, {}));
    const zendesk = client(server.url);
    await expect(zendesk.thingJobs("destroy", [], { params: { path: { key: "k" } } })).rejects.toThrow(
      'thingJobs: unknown action "destroy"; use one of create, upsert, delete',
    );
    await expect(zendesk.thingJobs("create", [{}])).rejects.toThrow(
      'thingJobs("create"): pass `params: { path: { key: … } }` in the options; key is missing',
    );
    await expect(zendesk.thingJobs("upsert", [{ name: "x" }], { params: { path: { key: "k" } } })).rejects.toThrow(
      'thingJobs("upsert"): items[0].external_id must be a non-empty string (results are matched on it); got undefined',
    );
    await expect(zendesk.thingJobs("delete", [""], { params: { path: { key: "k" } } })).rejects.toThrow(
      'thingJobs("delete"): items[0] must be an id (a non-empty string); got ""',
    );
    expect(server.requests).toEqual([]);
  });
});

describe("a job that cannot be followed", () => {
  test("rejects with BulkIncompleteError: the job's items OutcomeUnknown naming it, the rest NotProcessed", async () => {
    const server = await startServer((request, res) => {
      if (request.method === "POST") return json(res, 200, queued("lost"));
      json(res, 200, queued("lost"));
    });
    const error = await client(server.url)
      .createWidgets(widgets(12), { concurrency: 1, wait: { intervalMs: 1, timeoutMs: 30 } })
      .catch((e: unknown) => e);
    expect(isBulkIncompleteError(error)).toBe(true);
    if (!isBulkIncompleteError(error)) return;
    expect(error.jobs.map((job) => job.id)).toEqual(["lost"]);
    expect(error.results[0]).toMatchObject({ success: false, error: BulkErrorCode.OutcomeUnknown, jobId: "lost" });
    expect(error.results[0]?.details).toContain('waitForJob("lost")');
    expect(error.results[11]).toMatchObject({ success: false, error: BulkErrorCode.NotProcessed });
  });
});

describe("the guards", () => {
  test("work across realms: by name and the results a bulk error carries", () => {
    const foreign = (name: string, results?: unknown[]) =>
      vm.runInNewContext(
        `Object.assign(new Error("x"), { name: ${JSON.stringify(name)}, results: ${JSON.stringify(results)} })`,
      );
    expect(isBulkJobFailedError(foreign("JobFailedError", []))).toBe(true);
    expect(isBulkIncompleteError(foreign("BulkIncompleteError", []))).toBe(true);
    expect(isBulkError(foreign("BulkIncompleteError", []))).toBe(true);
    // A JobFailedError of waitForJob carries no results: it is not a bulk error.
    expect(isBulkError(foreign("JobFailedError"))).toBe(false);
    expect(
      isBulkError(
        new JobFailedError({
          id: "j",
          url: "u",
          status: "failed",
          total: null,
          progress: null,
          message: null,
          results: null,
        }),
      ),
    ).toBe(false);
    expect(isBulkError({ name: "BulkIncompleteError", results: [] })).toBe(false);
  });
});
