import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, test, vi } from "vitest";
import { readQuota } from "../src/http/on-response.js";
import { RateLimiter } from "../src/index.js";
import { json, startServer, testClient, ticket } from "./helpers.js";

const T0 = Date.UTC(2026, 0, 1, 12);

/** Tells the limiter how an attempt ended, and waits for the pacing code the first answer with headers loads. */
async function settle(limiter: RateLimiter, outcome: Parameters<RateLimiter["settle"]>[0]): Promise<void> {
  limiter.settle(outcome);
  await vi.dynamicImportSettled();
}
const quota = (remaining: number, resetMs?: number, limit?: number) => ({
  quota: { account: { remaining, ...(resetMs !== undefined && { resetMs }), ...(limit !== undefined && { limit }) } },
});

describe("readQuota", () => {
  test("reads the account's budget in both spellings, taking the lower remaining", async () => {
    const headers = new Headers({
      "x-rate-limit": "700",
      "x-rate-limit-remaining": "650",
      "ratelimit-limit": "700",
      "ratelimit-remaining": "640",
      "ratelimit-reset": "41",
    });
    expect(readQuota(headers)).toEqual({ account: { remaining: 640, limit: 700, resetMs: 41_000 } });
    expect(readQuota(new Headers({ "ratelimit-remaining": "3", "ratelimit-limit": "5" }))).toEqual({
      account: { remaining: 3, limit: 5 },
    });
  });

  test("reads each endpoint's own header under its name", async () => {
    const headers = new Headers({
      "zendesk-ratelimit-tickets-index": "total=100; remaining=99; resets=41",
      "Zendesk-RateLimit-Other": "remaining=5;total=10",
    });
    expect(readQuota(headers)).toEqual({
      endpoints: {
        "tickets-index": { remaining: 99, limit: 100, resetMs: 41_000 },
        other: { remaining: 5, limit: 10 },
      },
    });
  });

  test("leaves out what cannot be read, and says nothing when nothing can", async () => {
    expect(readQuota(new Headers())).toBeUndefined();
    expect(readQuota(new Headers({ "x-rate-limit-remaining": "lots", "x-rate-limit": "700" }))).toBeUndefined();
    expect(readQuota(new Headers({ "x-rate-limit-remaining": "-1" }))).toBeUndefined();
    // More left than the limit: not a reading to trust.
    expect(readQuota(new Headers({ "x-rate-limit-remaining": "900", "x-rate-limit": "700" }))).toBeUndefined();
    expect(readQuota(new Headers({ "zendesk-ratelimit-tickets-index": "total=100; resets=41" }))).toBeUndefined();
    // A malformed reset is dropped; the count still paces.
    expect(readQuota(new Headers({ "ratelimit-remaining": "10", "ratelimit-reset": "soon" }))).toEqual({
      account: { remaining: 10 },
    });
  });
});

describe("RateLimiter pacing from the headers", () => {
  afterEach(() => vi.useRealTimers());
  const at = (ms: number) => vi.setSystemTime(T0 + ms);

  test("spreads the requests left over the time until the reset", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const limiter = new RateLimiter();
    expect(limiter.tryAcquire()).toBe(true);
    await settle(limiter, quota(3, 4_000));
    // Three left in four seconds: one a second, with a share spare.
    expect(limiter.waitMs(undefined, T0)).toBe(1_000);
    at(1_000);
    expect(limiter.tryAcquire()).toBe(true);
    // Two left from 1 s in the remaining 3 s.
    expect(limiter.waitMs(undefined, T0 + 1_000)).toBe(1_000);
  });

  test("with nothing left, waits for the reset; past it, lets one go to learn the new window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const limiter = new RateLimiter();
    limiter.tryAcquire();
    await settle(limiter, quota(0, 2_500));
    expect(limiter.waitMs(undefined, T0 + 500)).toBe(2_000);
    expect(limiter.tryAcquire()).toBe(false);
    at(2_500);
    expect(limiter.tryAcquire()).toBe(true);
    await settle(limiter, quota(99, 60_000));
    // A new window: far more left than in flight could explain.
    expect(limiter.waitMs(undefined, T0 + 2_500)).toBe(600);
  });

  test("counts the requests still in flight against what the server said is left", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const fresh = new RateLimiter();
    fresh.tryAcquire();
    fresh.tryAcquire();
    fresh.tryAcquire();
    // The first answer says 2 left; two requests are still out, and may not be counted yet.
    await settle(fresh, quota(2, 10_000));
    expect(fresh.waitMs(undefined, T0)).toBe(10_000);
  });

  test("takes the earliest reset of one window (the header rounds up to whole seconds)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const limiter = new RateLimiter();
    limiter.tryAcquire();
    await settle(limiter, quota(0, 10_000));
    at(400);
    limiter.tryAcquire();
    await settle(limiter, quota(0, 9_000));
    // 400 + 9 000 is earlier than 0 + 10 000: the window ends by 9 400.
    expect(limiter.waitMs(undefined, T0 + 400)).toBe(9_000);
    // A late answer from before (more left than the last) does not undo what is known.
    await settle(limiter, quota(1, 10_000));
    expect(limiter.waitMs(undefined, T0 + 400)).toBe(9_000);
  });

  test("paces an endpoint by its own quota, and only the operations whose answers named it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const limiter = new RateLimiter();
    limiter.tryAcquire({ endpoint: "GET /api/v2/tickets" });
    await settle(limiter, {
      endpoint: "GET /api/v2/tickets",
      quota: { endpoints: { "tickets-index": { remaining: 0, limit: 100, resetMs: 30_000 } } },
    });
    expect(limiter.waitMs(undefined, T0, "GET /api/v2/tickets")).toBe(30_000);
    expect(limiter.waitMs(undefined, T0, "GET /api/v2/users")).toBe(0);
    expect(limiter.tryAcquire({ endpoint: "GET /api/v2/users" })).toBe(true);
  });

  test("with `fromHeaders: false`, or no headers to read, nothing changes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const off = new RateLimiter({ fromHeaders: false });
    off.tryAcquire();
    await settle(off, quota(0, 30_000));
    expect(off.waitMs()).toBe(0);
    const on = new RateLimiter();
    on.tryAcquire();
    await settle(on, { status: 200 });
    await settle(on, {});
    expect(on.waitMs()).toBe(0);
  });
});

/** A fixed-window budget of `limit` per `windowMs` that sends Zendesk's account headers, or none. */
function budgetServer(limit: number, windowMs: number, headers: "zendesk" | "none") {
  let start = 0;
  let used = 0;
  const answered: { at: number; status: number }[] = [];
  const handle = (res: ServerResponse) => {
    const now = Date.now();
    if (now >= start + windowMs) {
      start = now;
      used = 0;
    }
    const reset = String(Math.ceil((start + windowMs - now) / 1000));
    const over = used >= limit;
    if (!over) used++;
    const sent: Record<string, string> =
      headers === "zendesk"
        ? {
            "x-rate-limit": String(limit),
            "x-rate-limit-remaining": String(limit - used),
            "ratelimit-limit": String(limit),
            "ratelimit-remaining": String(limit - used),
            "ratelimit-reset": reset,
          }
        : {};
    answered.push({ at: now, status: over ? 429 : 200 });
    if (over) json(res, 429, { error: "APIRateLimitExceeded" }, { ...sent, "retry-after": reset });
    else json(res, 200, { ticket: ticket(1) }, sent);
  };
  return { handle, answered };
}

describe("a client under a budget that sends its headers", () => {
  test("uses the budget without a 429, where the same client without the headers runs into them", async () => {
    const getTicket = (client: ReturnType<typeof testClient>) =>
      client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });

    const paced = budgetServer(8, 1_000, "zendesk");
    const server = await startServer((_req, res) => paced.handle(res));
    const client = testClient(server.url, { retry: { limit: 5, maxRetryAfterMs: 5_000 } });
    for (let i = 0; i < 20; i++) expect((await getTicket(client)).response.status).toBe(200);
    expect(paced.answered.filter((a) => a.status === 429)).toEqual([]);

    const blind = budgetServer(8, 1_000, "none");
    const other = await startServer((_req, res) => blind.handle(res));
    const unpaced = testClient(other.url, { retry: { limit: 5, maxRetryAfterMs: 5_000 } });
    for (let i = 0; i < 20; i++) expect((await getTicket(unpaced)).response.status).toBe(200);
    // Without the headers, the client learns the limit from 429s and their Retry-After, as before.
    expect(blind.answered.filter((a) => a.status === 429).length).toBeGreaterThan(0);
  }, 20_000);
});

describe("endpoint windows", () => {
  afterEach(() => vi.useRealTimers());

  test("count a request from its answer, not its send: the server counted it somewhere in between", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const limiter = new RateLimiter();
    const budgets = [{ key: "GET /a", limit: 1, windowSeconds: 1 }];
    expect(limiter.tryAcquire({ budgets })).toBe(true);
    // The answer took 300 ms: the window runs until 1 s after it.
    vi.setSystemTime(T0 + 300);
    await settle(limiter, { budgets, status: 200 });
    expect(limiter.waitMs(budgets, T0 + 1_000)).toBe(300);
    expect(limiter.waitMs(budgets, T0 + 1_300)).toBe(0);
    // Unanswered, a request counts from its send.
    const other = [{ key: "GET /b", limit: 1, windowSeconds: 1 }];
    vi.setSystemTime(T0 + 2_000);
    limiter.tryAcquire({ budgets: other });
    expect(limiter.waitMs(other, T0 + 2_500)).toBe(500);
  });
});
