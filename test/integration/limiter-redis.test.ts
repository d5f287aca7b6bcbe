/**
 * @zenfetch/limiter-redis across real processes: four Node processes page the whole tickets list from one
 * simulator through one Redis-shared budget (the built packages: `pnpm build` first). Redis is ZENFETCH_REDIS_URL
 * when set (CI starts one), else a redis-server started here; without either, CI fails and elsewhere it skips.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type RedisServer, testRedis } from "../../packages/limiter-redis/test/redis-server.js";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, startSim } from "./helpers.js";

const run = promisify(execFile);
const worker = fileURLToPath(new URL("./workers/page-shared.mjs", import.meta.url));
const built = ["tickets", "limiter-redis"].every((name) =>
  existsSync(fileURLToPath(new URL(`../../packages/${name}/dist/index.js`, import.meta.url))),
);

const redis = await testRedis();
let server: RedisServer | undefined;
let runs = 0;

interface WorkerOutput {
  ids: number[];
  status429: number;
}

/** Runs `processes` workers at once, each paging every ticket through the shared limiter. */
async function pageInProcesses(
  sim: RunningSimulator,
  options: { processes: number; limit: number; windowSeconds: number },
): Promise<WorkerOutput[]> {
  const job = {
    baseUrl: sim.baseUrl,
    email: sim.credentials.email,
    token: sim.credentials.token,
    redisUrl: server?.url,
    account: `integration-${process.pid}-${++runs}`,
    ...options,
  };
  const outputs = await Promise.all(
    Array.from({ length: options.processes }, () =>
      run(process.execPath, [worker, JSON.stringify(job)], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }),
    ),
  );
  return outputs.map(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as WorkerOutput);
}

describe.skipIf(redis.skip !== undefined)("limiter-redis: several processes, one budget", () => {
  beforeAll(() => {
    if (!built) throw new Error("The workers import the built packages: run `pnpm build` first");
    server = redis.server;
  });
  afterEach(closeSimulators);
  afterAll(async () => {
    await server?.kill();
  });

  test("four processes page every ticket within the account's limit, with next to no 429", async () => {
    const limit = 20;
    const windowMs = 2_000;
    const tickets = 1_000;
    const sim = await startSim({
      seed: { tickets },
      rateLimits: { account: { limit, windowMs } },
      requestLog: 10_000,
    });
    const outputs = await pageInProcesses(sim, { processes: 4, limit, windowSeconds: windowMs / 1000 });

    for (const { ids } of outputs) {
      expect(ids).toHaveLength(tickets);
      expect(new Set(ids).size).toBe(tickets);
    }
    const [first] = outputs;
    for (const { ids } of outputs)
      expect([...ids].sort((x, y) => x - y)).toEqual([...(first?.ids ?? [])].sort((x, y) => x - y));

    const requests = sim.requests.entries.filter((entry) => entry.path === "/api/v2/tickets");
    const refused = requests.filter((entry) => entry.status === 429);
    // Each process pages 10 pages: 40 answered, and the budget of 20 per window spent in turn by all four.
    expect(requests.length - refused.length).toBe(4 * (tickets / 100));
    // Paced apart, the four would meet 60 refusals in the first window alone. Together they meet none, or one
    // cluster at most: a new process's first request can reach the server tens of ms after Redis counted it (the
    // connection is set up then), so the server's first window may end a little after Redis's; the requests
    // that land in between are refused, and their pause holds every process until the server's window resets.
    expect(refused.length).toBeLessThanOrEqual(2 * 4);
    expect(outputs.reduce((sum, output) => sum + output.status429, 0)).toBe(refused.length);
  });

  test("one process's 429 holds every process: no request reaches the server during the pause", async () => {
    const sim = await startSim({ seed: { tickets: 1_500 }, requestLog: 10_000 });
    // The 9th request, from whichever process sends it, is answered 429 with Retry-After: 2.
    sim.faults.add({ match: "GET /api/v2/tickets", status: 429, retryAfter: 2, skip: 8, times: 1 });
    const outputs = await pageInProcesses(sim, { processes: 4, limit: 1_000, windowSeconds: 60 });

    for (const { ids } of outputs) expect(new Set(ids).size).toBe(1_500);
    expect(outputs.reduce((sum, output) => sum + output.status429, 0)).toBe(1);
    const requests = sim.requests.entries.filter((entry) => entry.path === "/api/v2/tickets");
    const refused = requests.find((entry) => entry.status === 429);
    expect(refused).toBeDefined();
    const at = refused?.time ?? 0;
    // Requests already on their way when the 429 was sent may land just after it; then nothing until the pause
    // (2 s from when the 429 was read) is over.
    const during = requests.filter((entry) => entry.time > at + 250 && entry.time < at + 1_750);
    expect(during).toEqual([]);
    expect(requests.filter((entry) => entry.time >= at + 1_750).length).toBeGreaterThan(0);
  });
});

// Only without a Redis: a skipped test that says what is missing (with one, nothing is skipped).
if (redis.skip !== undefined) {
  describe("limiter-redis: several processes", () => {
    test.skip(redis.skip ?? "", () => {});
  });
}
