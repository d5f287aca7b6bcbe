import { describe, expect, test } from "vitest";
import { RateLimiter } from "../src/index.js";
import { operations } from "./fixtures.js";
import { json, startServer, testClient, ticket, within } from "./helpers.js";

const getTicket = (client: ReturnType<typeof testClient>) =>
  client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });

describe("RateLimiter", () => {
  test("a pause holds acquire() until it ends, and a shorter pause never shortens it", async () => {
    const limiter = new RateLimiter();
    limiter.pause(200);
    limiter.pause(10);
    expect(limiter.pausedForMs).toBeGreaterThan(150);
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(limiter.pausedForMs).toBe(0);
  });

  test("a pause longer than a timer holds keeps acquire() waiting instead of spinning", async () => {
    const limiter = new RateLimiter();
    limiter.pause(2 ** 31 + 5_000);
    const controller = new AbortController();
    let settled = false;
    const pending = limiter.acquire({ signal: controller.signal }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort(new Error("done"));
    await expect(pending).rejects.toThrow("done");
  });

  test("acquire() rejects promptly with the abort reason", async () => {
    const limiter = new RateLimiter();
    limiter.pause(5_000);
    const controller = new AbortController();
    const pending = limiter.acquire({ signal: controller.signal });
    const reason = new Error("cancelled");
    setTimeout(() => controller.abort(reason), 20);
    await expect(within(pending, 500)).rejects.toBe(reason);
  });

  test("a budget of 3 per window lets 3 through at once and holds the 4th for the window", async () => {
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 0.2 });
    const started = Date.now();
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(Date.now() - started).toBeLessThan(150);
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  test("operation budgets are counted per operation", async () => {
    const limiter = new RateLimiter();
    const op = (key: string) => ({ operation: { key, limit: 1, windowSeconds: 0.2 } });
    const started = Date.now();
    await limiter.acquire(op("GET /a"));
    await limiter.acquire(op("GET /b"));
    expect(Date.now() - started).toBeLessThan(150);
    await limiter.acquire(op("GET /a"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  test("tryAcquire() lets a request through at once only when nothing is to be waited for, counting only then", () => {
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 60 });
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(false); // the budget is spent: the caller must acquire() and wait
    expect(limiter.waitMs()).toBeGreaterThan(59_000);
    const paused = new RateLimiter();
    paused.pause(1_000);
    expect(paused.tryAcquire()).toBe(false);
    const aborted = new AbortController();
    aborted.abort();
    expect(new RateLimiter().tryAcquire({ signal: aborted.signal })).toBe(false); // acquire() then rejects
  });

  test("options are checked", () => {
    expect(() => new RateLimiter({ limit: 0 })).toThrow("limit must be a positive whole number");
    expect(() => new RateLimiter({ limit: 5, windowSeconds: -1 })).toThrow("windowSeconds must be a positive number");
    expect(() => new RateLimiter({ maxWindows: 0 })).toThrow("maxWindows must be a positive whole number; got 0");
  });

  test("a window is its key, scope and budget: another budget for the same endpoint counts apart", () => {
    const limiter = new RateLimiter();
    const tight = { key: "GET /a", limit: 1, windowSeconds: 60 };
    const roomy = { key: "GET /a", limit: 2, windowSeconds: 60 };
    expect(limiter.tryAcquire({ budgets: [tight] })).toBe(true);
    // The tight budget's request neither counts against the roomy one nor changes its limit, nor the reverse.
    expect(limiter.tryAcquire({ budgets: [roomy] })).toBe(true);
    expect(limiter.tryAcquire({ budgets: [roomy] })).toBe(true);
    expect(limiter.tryAcquire({ budgets: [roomy] })).toBe(false);
    expect(limiter.tryAcquire({ budgets: [tight] })).toBe(false);
    // A scope is a window of its own too; a request counts against every budget it is given.
    const view = (id: number) => ({ ...tight, scope: `view_id=${id}` });
    expect(limiter.tryAcquire({ budgets: [view(1)] })).toBe(true);
    expect(limiter.tryAcquire({ budgets: [view(2), view(1)] })).toBe(false);
    expect(limiter.waitMs(view(2))).toBe(0); // nothing was counted by the refused request
    expect(limiter.windowCount).toBe(3);
  });

  test("windows nobody uses any more are dropped: memory stays bounded", async () => {
    const limiter = new RateLimiter({ maxWindows: 3 });
    const scoped = (n: number) => ({
      key: "GET /api/v2/views/{view_id}/tickets",
      scope: `view_id=${n}`,
      limit: 5,
      windowSeconds: 0.05,
    });
    for (let n = 0; n < 3; n++) expect(limiter.tryAcquire({ budgets: [scoped(n)] })).toBe(true);
    expect(limiter.windowCount).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    // The three are idle now: a fourth scope makes room by dropping them rather than growing.
    expect(limiter.tryAcquire({ budgets: [scoped(3)] })).toBe(true);
    expect(limiter.windowCount).toBe(1);
    // When every window is busy, the least recently used goes.
    const busy = (n: number) => ({ ...scoped(n), windowSeconds: 60 });
    for (let n = 10; n < 20; n++) limiter.tryAcquire({ budgets: [busy(n)] });
    expect(limiter.windowCount).toBe(3);
    expect(limiter.waitMs(busy(19))).toBe(0);
  });
});

// Retry-After: 0.3 (fractional seconds, which the parser accepts) keeps these tests fast;
// retry.test.ts covers the whole-second and HTTP-date forms Zendesk sends.
describe("one gate per client", () => {
  test("after a 429 with Retry-After, every request of the client waits until then", async () => {
    const server = await startServer((req, res, n) =>
      n === 1
        ? json(res, 429, {}, { "retry-after": "0.3" })
        : json(res, 200, { ticket: ticket(Number(req.url.pathname.split("/").pop())) }),
    );
    const client = testClient(server.url);
    const first = client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    // Sent after the 429 came back: it must not go out before the Retry-After moment.
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    const second = client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 2 } } });
    const [a, b] = await Promise.all([first, second]);
    expect(a.data?.ticket.id).toBe(1);
    expect(b.data?.ticket.id).toBe(2);
    const t0 = server.requests[0]?.at ?? 0;
    expect(server.requests.slice(1).every((r) => r.at - t0 >= 290)).toBe(true);
  });

  test("ten concurrent requests that all get a 429 are retried once each, together, after the wait", async () => {
    const server = await startServer((req, res) => {
      const firstTime = server.requests.filter((r) => r.path === req.path).length === 1;
      if (firstTime) json(res, 429, {}, { "retry-after": "0.3" });
      else json(res, 200, { ticket: ticket(1) });
    });
    const client = testClient(server.url);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: i + 1 } } }),
      ),
    );
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(20);
    const last429 = Math.max(...server.requests.slice(0, 10).map((r) => r.at));
    expect(server.requests.slice(10).every((r) => r.at - last429 >= 280)).toBe(true);
  });

  test("a shared RateLimiter gates two clients of the same account", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { "retry-after": "0.3" }) : json(res, 200, { ticket: ticket(1) }),
    );
    const limiter = new RateLimiter();
    const a = testClient(server.url, { limiter });
    const b = testClient(server.url, { limiter });
    const first = getTicket(a);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    await getTicket(b);
    expect((server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    await first;
  });

  test("clients with their own limiters do not gate each other", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { "retry-after": "2" }) : json(res, 200, { ticket: ticket(1) }),
    );
    const a = testClient(server.url);
    const b = testClient(server.url);
    const controller = new AbortController();
    const first = a.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
      signal: controller.signal,
    });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await getTicket(b);
    expect(Date.now() - started).toBeLessThan(200);
    controller.abort();
    await first.catch(() => {});
  });
});

describe("budgets", () => {
  test("a RateLimiter budget spaces requests by waiting, not failing", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const client = testClient(server.url, { limiter: new RateLimiter({ limit: 2, windowSeconds: 0.3 }) });
    await Promise.all([getTicket(client), getTicket(client), getTicket(client)]);
    const [t0, , t2] = server.requests.map((r) => r.at) as [number, number, number];
    expect(t2 - t0).toBeGreaterThanOrEqual(250);
  });

  test("an operation's rateLimit metadata is honoured by waiting, without slowing other operations", async () => {
    const server = await startServer((req, res) =>
      req.url.pathname.includes("incremental")
        ? json(res, 200, {
            tickets: [],
            after_cursor: null,
            after_url: null,
            before_cursor: null,
            before_url: null,
            end_of_stream: true,
          })
        : json(res, 200, { ticket: ticket(1) }),
    );
    const limited = {
      ...operations,
      "GET /api/v2/incremental/tickets/cursor": {
        ...operations["GET /api/v2/incremental/tickets/cursor"],
        rateLimit: { limit: 2, windowSeconds: 0.4 },
      },
    } as const;
    const client = testClient(server.url, { operations: limited } as never);
    const exportCall = () => client.GET("/api/v2/incremental/tickets/cursor", { params: { query: { start_time: 0 } } });
    await exportCall();
    await exportCall();
    // The export's window is full; another operation still goes at once.
    const other = Date.now();
    await getTicket(client);
    expect(Date.now() - other).toBeLessThan(200);
    await exportCall();
    const exports = server.requests.filter((r) => r.url.pathname.includes("incremental"));
    expect(exports).toHaveLength(3);
    expect((exports[2]?.at ?? 0) - (exports[0]?.at ?? 0)).toBeGreaterThanOrEqual(350);
  });

  test("endpointLimits replaces a declared budget, or turns it off", async () => {
    const server = await startServer((_req, res) =>
      json(res, 200, {
        tickets: [],
        after_cursor: null,
        after_url: null,
        before_cursor: null,
        before_url: null,
        end_of_stream: true,
      }),
    );
    const key = "GET /api/v2/incremental/tickets/cursor";
    const declared = {
      ...operations,
      [key]: { ...operations[key], rateLimit: { limit: 1, windowSeconds: 60 } },
    } as const;
    const exportCall = (client: ReturnType<typeof testClient>) =>
      client.GET("/api/v2/incremental/tickets/cursor", { params: { query: { start_time: 0 } } });

    const unlimited = testClient(server.url, { operations: declared, endpointLimits: { [key]: false } } as never);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await exportCall(unlimited);
    expect(Date.now() - started).toBeLessThan(1_000);

    const raised = testClient(server.url, {
      operations: declared,
      endpointLimits: { [key]: { limit: 3, windowSeconds: 60 } },
    } as never);
    for (let i = 0; i < 3; i++) await exportCall(raised);
    const waiting = exportCall(raised);
    const outcome = await Promise.race([
      waiting.then(() => "sent"),
      new Promise((r) => setTimeout(() => r("waiting"), 300)),
    ]);
    expect(outcome).toBe("waiting");
    expect(server.requests).toHaveLength(6);
  });

  test("a malformed endpointLimits entry is refused when the client is made", () => {
    expect(() =>
      testClient("http://127.0.0.1:1", {
        endpointLimits: { "GET /api/v2/x": { limit: 0, windowSeconds: 60 } },
      } as never),
    ).toThrow(/endpointLimits\["GET \/api\/v2\/x"\]` must be false or \{ limit, windowSeconds \}/);
    expect(() => testClient("http://127.0.0.1:1", { endpointLimits: { "/api/v2/x": false } } as never)).toThrow(
      /must look like "GET \/api\/v2\/…"/,
    );
  });
});
