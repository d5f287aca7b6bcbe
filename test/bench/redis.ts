/**
 * The multi-process row: several processes page one list from the simulator through one budget shared in Redis
 * (@zenfetch/limiter-redis), and we read how much of the budget they used between them, how many 429s they met, and
 * whether every process got every record once. The workers import the built packages: `pnpm build` first.
 *
 * By hand: `tsx test/bench/redis.ts` starts a simulator (120 requests per 5 s) and a redis-server (or uses
 * ZENFETCH_REDIS_URL), runs 4 processes paging for about 20 s and prints the figures.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { testRedis } from "../../packages/limiter-redis/test/redis-server.js";
import { startSimulator } from "../simulator/index.js";

const run = promisify(execFile);
const worker = fileURLToPath(new URL("./workers/redis-paging.mjs", import.meta.url));

export interface RedisPagingOptions {
  /** The simulator's base URL. */
  simUrl: string;
  redisUrl: string;
  /** How many worker processes page at once (default 4). */
  processes?: number;
  /** The account's limit, as the simulator enforces it: requests per `windowMs`. */
  limit: number;
  windowMs: number;
  /** How many records the list holds: each process should get every one once. */
  expected: number;
  /** Records per page (default 100). */
  pageSize?: number;
  /** The simulator's credentials. */
  email: string;
  token: string;
  /** The account name in the Redis keys (default: one per run). */
  account?: string;
}

export interface WorkerLine {
  records: number;
  unique: number;
  status429: number;
  requests: number;
  ms: number;
}

export interface RedisPagingResult {
  /** Requests answered (not 429) over the budget of the time taken: limit × elapsed / window. */
  used: number;
  /**
   * Requests answered over the windows begun: limit × ⌈elapsed / window⌉. A fixed window lets its whole budget
   * go at its start, so `used` can pass 1 on a short run; this one cannot.
   */
  usedOfWindows: number;
  /** 429s over every request sent. */
  share429: number;
  /** Records some process never got, summed over the processes. */
  lost: number;
  /** Records a process got more than once, summed over the processes. */
  repeated: number;
  /** From the start to the last process done. */
  seconds: number;
  workers: WorkerLine[];
}

export async function benchRedisPaging(options: RedisPagingOptions): Promise<RedisPagingResult> {
  const { processes = 4, limit, windowMs, expected } = options;
  const job = {
    baseUrl: options.simUrl,
    redisUrl: options.redisUrl,
    email: options.email,
    token: options.token,
    account: options.account ?? `bench-${process.pid}-${Date.now()}`,
    limit,
    windowSeconds: windowMs / 1000,
    processes,
    pageSize: options.pageSize ?? 100,
  };
  const started = performance.now();
  const workers = await Promise.all(
    Array.from({ length: processes }, async () => {
      const { stdout } = await run(process.execPath, [worker, JSON.stringify(job)], {
        maxBuffer: 4 * 1024 * 1024,
        timeout: 10 * 60_000,
      });
      return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as WorkerLine;
    }),
  );
  const wall = (performance.now() - started) / 1000;
  // Paging time: the longest worker's, leaving out the few hundred ms each takes to start.
  const seconds = Math.max(...workers.map((w) => w.ms)) / 1000;
  const requests = workers.reduce((sum, w) => sum + w.requests, 0);
  const refused = workers.reduce((sum, w) => sum + w.status429, 0);
  const budget = limit * ((seconds * 1000) / windowMs);
  return {
    used: (requests - refused) / budget,
    usedOfWindows: (requests - refused) / (limit * Math.ceil((seconds * 1000) / windowMs)),
    share429: requests === 0 ? 0 : refused / requests,
    lost: workers.reduce((sum, w) => sum + Math.max(0, expected - w.unique), 0),
    repeated: workers.reduce((sum, w) => sum + (w.records - w.unique), 0),
    seconds: Number(seconds.toFixed(2)),
    workers: workers.map((w) => ({ ...w, wallSeconds: Number(wall.toFixed(2)) })),
  };
}

/** The row as `pnpm bench` and this file's own command run it: a simulator with the budget, then the workers. */
export async function redisPagingRun(settings: {
  redisUrl: string;
  limit: number;
  windowMs: number;
  processes: number;
  /** About how long each process pages at the budget's pace. */
  seconds: number;
  pageSize?: number;
}): Promise<RedisPagingResult & { tickets: number }> {
  const { redisUrl, limit, windowMs, processes, seconds, pageSize = 25 } = settings;
  // Enough pages for each process to take about `seconds` at the budget's pace.
  const tickets = Math.round(((limit * seconds * 1000) / windowMs / processes) * pageSize);
  const sim = await startSimulator({ seed: { tickets }, rateLimits: { account: { limit, windowMs } }, requestLog: 0 });
  try {
    const result = await benchRedisPaging({
      simUrl: sim.baseUrl,
      redisUrl,
      processes,
      limit,
      windowMs,
      expected: tickets,
      pageSize,
      email: sim.credentials.email,
      token: sim.credentials.token,
    });
    return { ...result, tickets };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const limit = Number(process.env.BENCH_REDIS_LIMIT ?? 120);
  const windowMs = Number(process.env.BENCH_REDIS_WINDOW_MS ?? 5_000);
  const processes = Number(process.env.BENCH_REDIS_PROCESSES ?? 4);
  const seconds = Number(process.env.BENCH_REDIS_SECONDS ?? 20);
  const redis = await testRedis();
  if (!redis.server) throw new Error(redis.skip);
  let result: RedisPagingResult & { tickets: number };
  try {
    result = await redisPagingRun({ redisUrl: redis.server.url, limit, windowMs, processes, seconds });
  } finally {
    // Before printing: a reader that stops early must not leave the server behind.
    await redis.server.kill();
  }
  const { workers, ...figures } = result;
  console.log(JSON.stringify({ limit, windowMs, processes, ...figures }));
  for (const line of workers) console.log(`  ${JSON.stringify(line)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
