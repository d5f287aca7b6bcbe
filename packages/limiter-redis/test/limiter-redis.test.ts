/**
 * createRedisLimiter against a real redis-server that this file starts (and kills) itself. Two limiters on two
 * ioredis connections stand for two processes.
 */
import { createRedisLimiter, type RedisLimiter, type RedisLimiterOptions, redact } from "@zenfetch/limiter-redis";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { canStartRedis, freePort, type RedisServer, startRedisServer } from "./redis-server.js";

const runnable = canStartRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: RedisServer;
const clients: Redis[] = [];
let accounts = 0;

/** A client of the test server; connection errors (the server killed on purpose) are expected, not logged. */
function connect(url = server.url): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on("error", () => {});
  clients.push(redis);
  return redis;
}

/** Two "processes" of one account: two clients, two limiters, one fresh account name. */
function pair(options: Omit<RedisLimiterOptions, "redis" | "account"> = {}): [RedisLimiter, RedisLimiter] {
  const account = `test-${process.pid}-${++accounts}`;
  return [
    createRedisLimiter({ ...options, redis: connect(), account }),
    createRedisLimiter({ ...options, redis: connect(), account }),
  ];
}

/** Whether `promise` is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await sleep(ms);
  return !settled;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe.skipIf(!runnable)("createRedisLimiter, against redis-server", () => {
  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterEach(() => {
    for (const redis of clients.splice(0)) redis.disconnect();
  });

  afterAll(async () => {
    await server?.kill();
  });

  test("two processes share one account budget: the sixth request of 5 per 2 s waits for the window", async () => {
    const [a, b] = pair({ limit: 5, windowSeconds: 2 });
    const started = Date.now();
    for (const limiter of [a, b, a, b, a]) await limiter.acquire();
    const sixth = b.acquire();
    expect(await pendingAfter(sixth, 400)).toBe(true);
    await sixth;
    // Generous: the window is 2 s, and it began before the first request.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // The new window is shared too: four more go, the fifth of it waits again.
    for (const limiter of [a, b, a, b]) await limiter.acquire();
    expect(await pendingAfter(a.acquire(), 300)).toBe(true);
  });

  test("an endpoint budget is shared, and apart from another endpoint's", async () => {
    const [a, b] = pair({ limit: 100 });
    const exportBudget = { key: "GET /api/v2/incremental/tickets/cursor", limit: 2, windowSeconds: 3 };
    const other = { key: "GET /api/v2/incremental/users/cursor", limit: 2, windowSeconds: 3 };
    await a.acquire({ budgets: [exportBudget] });
    await a.acquire({ budgets: [exportBudget] });
    const third = b.acquire({ budgets: [exportBudget] });
    // The other endpoint's budget is untouched, for both processes.
    await b.acquire({ budgets: [other] });
    await a.acquire({ budgets: [other] });
    expect(await pendingAfter(third, 300)).toBe(true);
    // A scope is a budget of its own.
    await b.acquire({ budgets: [{ ...exportBudget, scope: "view_id=42" }] });
    await third;
  });

  test("a refused round gives back what it counted: the account is not spent by requests that waited", async () => {
    const [a, b] = pair({ limit: 3, windowSeconds: 3 });
    const endpoint = { key: "GET /api/v2/search/export", limit: 1, windowSeconds: 3 };
    await a.acquire({ budgets: [endpoint] });
    // Waits on the endpoint budget; its account point is never taken (endpoints are counted first).
    const waiting = b.acquire({ budgets: [endpoint] });
    expect(await pendingAfter(waiting, 200)).toBe(true);
    // Two of the account's three are left.
    await a.acquire();
    await b.acquire();
    const fourth = a.acquire();
    expect(await pendingAfter(fourth, 200)).toBe(true);
    await Promise.all([waiting, fourth]);
  });

  test("a pause in one process holds the other's acquire", async () => {
    const [a, b] = pair({ limit: 100 });
    const probe = connect();
    a.pause(1_500);
    // The pausing process is held at once by its own (in-process) pause.
    expect(a.local.pausedForMs).toBeGreaterThan(0);
    await until(async () => (await probe.keys("zenfetch:*:pause")).length > 0);
    const held = b.acquire();
    expect(await pendingAfter(held, 400)).toBe(true);
    await held;
  });

  test("an abort rejects a waiting acquire promptly with the signal's reason", async () => {
    const [a, b] = pair({ limit: 1, windowSeconds: 5 });
    await a.acquire();
    const controller = new AbortController();
    const waiting = b.acquire({ signal: controller.signal });
    expect(await pendingAfter(waiting, 100)).toBe(true);
    const reason = new Error("stop");
    const aborted = Date.now();
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    // Generous: well before the 5 s window would have let it through.
    expect(Date.now() - aborted).toBeLessThan(2_000);
    // An aborted acquire leaves nothing in flight in the process's own limiter: the next request is not held.
    const next = new AbortController();
    next.abort(reason);
    await expect(b.acquire({ signal: next.signal })).rejects.toBe(reason);
  });

  test("with no limit given, the account's limit is learned from the first answer that reports it", async () => {
    const [a, b] = pair({ windowSeconds: 3, local: { fromHeaders: false } });
    for (let i = 0; i < 5; i++) await a.acquire();
    expect(a.limit).toBeUndefined();
    const quota = { account: { remaining: 2, limit: 3 } };
    a.settle?.({ endpoint: "GET /api/v2/tickets", status: 200, quota });
    b.settle?.({ endpoint: "GET /api/v2/tickets", status: 200, quota });
    expect([a.limit, b.limit]).toEqual([3, 3]);
    await a.acquire();
    await b.acquire();
    await a.acquire();
    expect(await pendingAfter(b.acquire(), 300)).toBe(true);
  });

  test("Redis killed mid-run: requests go on, paced within each process, and sharing resumes when it is back", async () => {
    const own = await startRedisServer(await freePort());
    try {
      const account = `crash-${process.pid}`;
      const errors: Error[][] = [[], []];
      const make = (i: 0 | 1) =>
        createRedisLimiter({
          redis: connect(own.url),
          account,
          limit: 6,
          windowSeconds: 2,
          processes: 2,
          redisTimeoutMs: 300,
          onRedisError: (error) => errors[i]?.push(error),
        });
      const [a, b] = [make(0), make(1)];
      await a.acquire();
      await b.acquire();

      // Requests keep coming while the server dies.
      let stop = false;
      let resolved = 0;
      const failures: unknown[] = [];
      const background = (async () => {
        while (!stop) {
          await b.acquire().then(
            () => resolved++,
            (error) => failures.push(error),
          );
          await sleep(10);
        }
      })();
      await own.kill();
      await until(() => b.degraded);

      // This process's own share: 6 / 2 processes = 3 per window; the fourth waits for the window.
      const fresh = createRedisLimiter({
        redis: connect(own.url),
        account,
        limit: 6,
        windowSeconds: 2,
        processes: 2,
        onRedisError: () => {},
      });
      for (let i = 0; i < 3; i++) await fresh.acquire();
      const fourth = fresh.acquire();
      expect(await pendingAfter(fourth, 300)).toBe(true);
      await fourth;
      const before = resolved;
      await until(() => resolved >= before + 3);
      stop = true;
      await background;
      expect(failures).toEqual([]);
      expect(errors[1]).toHaveLength(1);
      // Process a made no request during the outage but learns of it from its own next one.
      await a.acquire();
      expect(errors[0]).toHaveLength(1);
      for (const error of errors.flat()) expect(error.message).toMatch(/Redis is unavailable/);

      // Back on the same port, empty: sharing resumes by itself.
      const again = await startRedisServer(own.port);
      try {
        const ready = () => clients.every((redis) => redis.status === "ready" || redis.status === "end");
        await until(ready);
        // The first window after an outage: both processes count in Redis again (6 between them).
        const ab = [a, b];
        await until(async () => {
          await a.acquire();
          return !a.degraded;
        });
        await until(async () => {
          await b.acquire();
          return !b.degraded;
        });
        const probe = connect(again.url);
        const used = Number(await probe.get(`zenfetch:${account}:account`));
        let sent = used;
        for (let i = 0; sent < 6; i++, sent++) await ab[i % 2]?.acquire();
        expect(await pendingAfter(b.acquire(), 300)).toBe(true);
        expect(errors.flat()).toHaveLength(2);
      } finally {
        await again.kill();
      }
    } finally {
      await own.kill();
    }
  });

  test("a process's first requests count in Redis, even on a client made with lazyConnect", async () => {
    const redis = new Redis(server.url, { lazyConnect: true });
    clients.push(redis);
    const account = `lazy-${process.pid}`;
    const onRedisError = vi.fn();
    const limiter = createRedisLimiter({ redis, account, limit: 100, onRedisError });
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquire()));
    expect(onRedisError).not.toHaveBeenCalled();
    expect(redis.listenerCount("ready")).toBe(0);
    expect(await connect().get(`zenfetch:${account}:account`)).toBe("20");
  });

  test("the error reported for an outage carries no credentials", async () => {
    const port = await freePort();
    const onRedisError = vi.fn();
    const limiter = createRedisLimiter({
      redis: connect(`redis://zendesk:s3cret-pass@127.0.0.1:${port}`),
      account: "acme",
      limit: 10,
      onRedisError,
    });
    await limiter.acquire();
    expect(onRedisError).toHaveBeenCalledTimes(1);
    const error = onRedisError.mock.calls[0]?.[0] as Error;
    expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}`).not.toContain("s3cret");
    expect(redact("connect redis://zendesk:s3cret-pass@db:6379/0 failed")).toBe(
      "connect redis://zendesk:***@db:6379/0 failed",
    );
  });

  test("options are checked", () => {
    const redis = connect();
    expect(() => createRedisLimiter({ redis, account: "" })).toThrow(/account/);
    expect(() => createRedisLimiter({ redis, account: "acme", limit: 0 })).toThrow(/limit/);
    expect(() => createRedisLimiter({ redis, account: "acme", processes: 1.5 })).toThrow(/processes/);
  });
});

// Only without a Redis: a skipped test that says what is missing (with one, nothing is skipped).
if (!runnable) {
  describe("createRedisLimiter", () => {
    test.skip("needs redis-server on PATH (apt-get install -y redis-server)", () => {});
  });
}
