import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  type Checkpoint,
  checkpointOf,
  createIncrementalClient,
  exportOrganizations,
  exportTickets,
  isRateLimitError,
  PaginationError,
  RateLimitError,
  ServerError,
  ZendeskConfigError,
} from "../src/index.js";
import {
  BASE,
  collect,
  cursorExport,
  drain,
  idsOf,
  organization,
  records,
  serve,
  T0,
  testClient,
  ticket,
  timeExport,
  withFaults,
} from "./helpers.js";

/**
 * Serves with `handler`, and gives up (aborts, as a caller's timeout would) 250 ms after the n-th request: a
 * budget of n holds the next one back far longer, however slowly a loaded machine serves the first n.
 */
function giveUpAfter(n: number, handler: Parameters<typeof serve>[0]) {
  const controller = new AbortController();
  const served = serve((url, count) => {
    if (count === n) setTimeout(() => controller.abort(new DOMException("gave up", "TimeoutError")), 250);
    return handler(url, count);
  });
  return { signal: controller.signal, served };
}

const tooMany = (retryAfter: string) =>
  [429, { error: "APIRateLimitExceeded", description: "Rate limit exceeded" }, { "retry-after": retryAfter }] as const;

describe("rate limits", () => {
  test("a 429 with Retry-After mid-export is waited out: no page lost, none repeated", async () => {
    const data = records(ticket, 9);
    const served = serve(
      withFaults(
        cursorExport("tickets", () => data),
        { 2: [...tooMany("0")] },
      ),
    );
    const pages = await collect(exportTickets(testClient(), { startTime: T0, perPage: 3 }));
    expect(idsOf(pages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(served.requests).toEqual([
      `/api/v2/incremental/tickets/cursor?start_time=${T0}&per_page=3`,
      "/api/v2/incremental/tickets/cursor?cursor=c3&per_page=3", // 429
      "/api/v2/incremental/tickets/cursor?cursor=c3&per_page=3", // the same page again
      "/api/v2/incremental/tickets/cursor?cursor=c6&per_page=3",
    ]);
  });

  test("Retry-After: 1 makes the export wait a second", async () => {
    const data = records(organization, 4);
    const served = serve(
      withFaults(
        timeExport("organizations", () => data),
        { 2: [...tooMany("1")] },
      ),
    );
    const pages = await collect(exportOrganizations(testClient(), { startTime: T0, perPage: 2 }));
    expect(idsOf(pages)).toEqual([1, 2, 3, 4]);
    expect(served.requests[1]).toBe(served.requests[2]);
    expect((served.times[2] as number) - (served.times[1] as number)).toBeGreaterThanOrEqual(950);
  });

  test("each export waits for its own limit (here 2 requests per 300 ms) instead of failing", async () => {
    const data = records(ticket, 5);
    serve(cursorExport("tickets", () => data));
    // When each request leaves the client, after the limiter let it go (the server's arrival times would add
    // the network's jitter to the spacing).
    const t: number[] = [];
    const fetch = (input: Request | string | URL, init?: RequestInit) => {
      t.push(performance.now());
      return globalThis.fetch(input, init);
    };
    const client = testClient({ rateLimit: { limit: 2, windowSeconds: 0.3 }, fetch });
    const pages = await collect(exportTickets(client, { startTime: T0, perPage: 1 }));
    expect(idsOf(pages)).toEqual([1, 2, 3, 4, 5]);
    expect(t).toHaveLength(5);
    expect((t[2] as number) - (t[0] as number)).toBeGreaterThanOrEqual(290);
    expect((t[4] as number) - (t[2] as number)).toBeGreaterThanOrEqual(290);
  });

  test("createIncrementalClient: the generated limit (10 a minute) holds the 11th request back; it does not fail", async () => {
    const data = records(ticket, 20);
    const { signal, served } = giveUpAfter(
      10,
      cursorExport("tickets", () => data),
    );
    const client = createIncrementalClient({ baseUrl: BASE, auth: { oauthToken: "tok" } });
    expect(client.operations["GET /api/v2/incremental/tickets/cursor"].rateLimit).toEqual({
      limit: 10,
      windowSeconds: 60,
      presets: { "high-volume": { limit: 30, windowSeconds: 60 } },
    });
    const { ids, error } = await drain(exportTickets(client, { startTime: T0, perPage: 1, signal }));
    expect(served.requests).toHaveLength(10);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Still waiting for a free slot when the caller gave up: the abort is the only error.
    expect(error).toBe(signal.reason);
    expect((error as Error).name).toBe("TimeoutError");
  });

  for (const [name, options] of [
    ["highVolume: true", { highVolume: true }],
    ['budgetPreset: "high-volume"', { budgetPreset: "high-volume" }],
  ] as const) {
    test(`${name}: the spec's High Volume budget, 30 a minute, holds the 31st export request back`, async () => {
      const data = records(ticket, 40);
      const { signal, served } = giveUpAfter(
        30,
        cursorExport("tickets", () => data),
      );
      const client = createIncrementalClient({ baseUrl: BASE, auth: { oauthToken: "tok" }, ...options });
      const { ids, error } = await drain(exportTickets(client, { startTime: T0, perPage: 1, signal }));
      expect(served.requests).toHaveLength(30);
      expect(ids).toHaveLength(30);
      expect(error).toBe(signal.reason);
    });
  }

  test("the sample endpoint declares no High Volume budget: it stays at 10 per 20 minutes", async () => {
    const sample = createIncrementalClient({ subdomain: "acme", auth: { oauthToken: "tok" }, highVolume: true })
      .operations["GET /api/v2/incremental/{incremental_resource}/sample"];
    expect(sample.rateLimit).toEqual({ limit: 10, windowSeconds: 1200 });
    serve(() => [200, { tickets: [], count: 0, end_time: T0, next_page: null }]);
    const client = createIncrementalClient({ baseUrl: BASE, auth: { oauthToken: "tok" }, highVolume: true });
    const signal = AbortSignal.timeout(300);
    const get = () =>
      client.GET("/api/v2/incremental/{incremental_resource}/sample", {
        params: { path: { incremental_resource: "tickets" }, query: { start_time: T0 } },
        signal,
      });
    for (let i = 0; i < 10; i++) await get();
    // The 11th is still waiting for a free slot when the caller gives up.
    const error = await get().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBe(signal.reason);
  });

  test("highVolume is checked: a boolean, and not together with budgetPreset", () => {
    const make = (options: Record<string, unknown>) => () =>
      createIncrementalClient({ subdomain: "acme", auth: { oauthToken: "tok" }, ...options });
    expect(make({ highVolume: "yes" })).toThrow(
      'createIncrementalClient: `highVolume` must be true or false; got "yes"',
    );
    expect(make({ highVolume: true, budgetPreset: "high-volume" })).toThrow(
      "createIncrementalClient: give `highVolume` or `budgetPreset`, not both",
    );
    expect(make({ highVolume: true, budgetPreset: "high-volume" })).toThrow(ZendeskConfigError);
  });

  test("a 429 after retries run out fails with RateLimitError carrying the checkpoint", async () => {
    const data = records(ticket, 6);
    serve(
      withFaults(
        cursorExport("tickets", () => data),
        { 2: [...tooMany("0")], 3: [...tooMany("0")] },
      ),
    );
    const client = testClient({ retry: { limit: 1, baseDelayMs: 1 } });
    const run = exportTickets(client, { startTime: T0, perPage: 3 });
    const { ids, error } = await drain(run);
    expect(ids).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isRateLimitError(error) && error.retryAfterMs).toBe(0);
    expect(checkpointOf(error)).toEqual({ type: "cursor", export: "tickets", cursor: "c3" });
  });
});

describe("server errors", () => {
  test("a 503 is retried and the export carries on", async () => {
    const data = records(organization, 6);
    const served = serve(
      withFaults(
        timeExport("organizations", () => data),
        { 2: [503, { error: "ServiceUnavailable" }] },
      ),
    );
    const pages = await collect(exportOrganizations(testClient(), { startTime: T0, perPage: 3 }));
    expect(idsOf(pages)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(served.requests).toEqual([
      `/api/v2/incremental/organizations?start_time=${T0}&per_page=3`,
      `/api/v2/incremental/organizations?start_time=${T0 + 12}&per_page=3`, // 503
      `/api/v2/incremental/organizations?start_time=${T0 + 12}&per_page=3`,
      `/api/v2/incremental/organizations?start_time=${T0 + 14}&per_page=3`,
    ]);
  });

  test("a fatal error mid-export comes after the pages before it, with the checkpoint to resume from", async () => {
    const data = records(ticket, 9);
    const served = serve(
      withFaults(
        cursorExport("tickets", () => data),
        { 3: [500, { error: "InternalError" }] },
      ),
    );
    const run = exportTickets(testClient(), { startTime: T0, perPage: 3 });
    const { ids, error } = await drain(run);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(error).toBeInstanceOf(ServerError);
    const checkpoint = checkpointOf(error) as Checkpoint;
    expect(checkpoint).toEqual({ type: "cursor", export: "tickets", cursor: "c6" });
    expect(run.checkpoint).toEqual(checkpoint);
    // The error carries it as core's resume value: the request the resume makes, plain JSON.
    expect((error as ServerError).resume).toEqual({
      operation: "GET /api/v2/incremental/tickets/cursor",
      url: `${BASE}/api/v2/incremental/tickets/cursor?cursor=c6&per_page=3`,
    });
    expect((error as ServerError).toJSON()).toMatchObject({ resume: (error as ServerError).resume });

    // Resuming asks for exactly the page that failed.
    const rest = await collect(exportTickets(testClient(), { checkpoint, perPage: 3 }));
    expect(served.requests.slice(2)).toEqual([
      "/api/v2/incremental/tickets/cursor?cursor=c6&per_page=3", // the 500
      "/api/v2/incremental/tickets/cursor?cursor=c6&per_page=3",
    ]);
    expect([...ids, ...idsOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("an error on the first page carries the starting point", async () => {
    serve(() => [401, { error: "Couldn't authenticate you" }]);
    const { ids, error } = await drain(exportOrganizations(testClient(), { startTime: T0 }));
    expect(ids).toEqual([]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(checkpointOf(error)).toEqual({ type: "time", export: "organizations", startTime: T0 });
  });

  test("a page without its records array is a PaginationError with the checkpoint", async () => {
    serve(() => [200, { users: [], end_of_stream: true }]);
    const { error } = await drain(exportTickets(testClient(), { startTime: T0 }));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain('the response has no "tickets" array');
    expect(checkpointOf(error)).toEqual({ type: "time", export: "tickets", startTime: T0 });
  });

  test("end_of_stream false without an after_cursor stops with a PaginationError", async () => {
    const served = serve(() => [200, { tickets: [ticket(1, T0 + 1).row], after_cursor: null, end_of_stream: false }]);
    const { ids, error } = await drain(exportTickets(testClient(), { startTime: T0 }));
    expect(ids).toEqual([]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(served.requests).toHaveLength(1);
  });
});

describe("stopping", () => {
  test("abort between pages: the next page is not fetched; run.checkpoint is after the last page handled", async () => {
    const data = records(ticket, 9);
    const served = serve(cursorExport("tickets", () => data));
    const controller = new AbortController();
    const run = exportTickets(testClient(), { startTime: T0, perPage: 3, signal: controller.signal });
    const { ids, error } = await drain(
      (async function* () {
        for await (const page of run) {
          yield page;
          controller.abort(new Error("shutting down"));
        }
      })(),
    );
    expect(ids).toEqual([1, 2, 3]);
    expect((error as Error).message).toBe("shutting down");
    expect(served.requests).toHaveLength(1);
    expect(run.checkpoint).toEqual({ type: "cursor", export: "tickets", cursor: "c3" });
  });

  test("abort during a slow response rejects at once with the signal's reason", async () => {
    serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return [200, { tickets: [], end_of_stream: true }];
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    const started = Date.now();
    const { error } = await drain(exportTickets(testClient(), { startTime: T0, signal: controller.signal }));
    expect((error as Error).message).toBe("user cancelled");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test("break stops fetching", async () => {
    const served = serve(cursorExport("tickets", () => records(ticket, 9)));
    for await (const page of exportTickets(testClient(), { startTime: T0, perPage: 3 })) {
      expect(page.items).toHaveLength(3);
      break;
    }
    expect(served.requests).toHaveLength(1);
  });
});
