/**
 * `pnpm bench`: zenfetch against a raw fetch loop, side by side in one run, against the local simulator.
 * Each measurement runs in a fresh worker process (so peak RSS is that of one variant alone), several times;
 * medians are printed as a table and written to test/bench/results/latest.{md,json}. Last, what the generated
 * types cost an app's `tsc --noEmit` (type-cost.ts, also run alone by `pnpm bench:types`), in a table of its own.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testRedis } from "../../packages/limiter-redis/test/redis-server.js";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import { type RedisPagingResult, redisPagingRun } from "./redis.js";
import { measureTypeCost, saveTypeCost, typeCostMarkdown } from "./type-cost.js";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const reps = Number(process.env.BENCH_REPS ?? 5);
// Paging runs take under a second each and vary by several per cent on a shared 2-core machine: more of
// them, each zenfetch run paired with the raw run beside it, make the ratio steadier.
const pagingReps = Number(process.env.BENCH_PAGING_REPS ?? Math.max(reps, 11));

interface WorkerResult {
  items: number;
  ms: number;
  peakRssKb: number;
  [key: string]: number;
}

async function worker(
  name: string,
  sim: RunningSimulator,
  extra: Record<string, unknown> = {},
  nodeFlags: string[] = [],
): Promise<WorkerResult> {
  const job = { baseUrl: sim.baseUrl, email: sim.credentials.email, token: sim.credentials.token, ...extra };
  const { stdout } = await run(
    process.execPath,
    [...nodeFlags, path.join(here, "workers", `${name}.mjs`), JSON.stringify(job)],
    {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const last = stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as WorkerResult;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  measure: string;
  zenfetch: string;
  baseline: string;
  ratio: string;
  target: string;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = { node: process.version, reps, date: new Date().toISOString() };

// 1. Paging 20,000 tickets, page[size]=100: paginate against a raw fetch loop.
{
  const tickets = 20_000;
  const sim = await startSimulator({ seed: { tickets }, requestLog: 0 });
  const zen: WorkerResult[] = [];
  const base: WorkerResult[] = [];
  try {
    await worker("page-raw", sim); // warm the simulator's caches once, unmeasured
    for (let i = 0; i < pagingReps; i++) {
      log(`paging ${tickets} tickets: repetition ${i + 1}/${pagingReps}`);
      // Alternate the order so neither variant always runs on a warmer machine.
      if (i % 2) zen.push(await worker("page-zenfetch", sim));
      base.push(await worker("page-raw", sim));
      if (!(i % 2)) zen.push(await worker("page-zenfetch", sim));
    }
  } finally {
    await sim.close();
  }
  for (const result of [...zen, ...base]) {
    if (result.items !== tickets) throw new Error(`a paging run saw ${result.items} tickets, not ${tickets}`);
  }
  const [zMs, bMs] = [median(zen.map((r) => r.ms)), median(base.map((r) => r.ms))];
  // The median of each pair's ratio: a slow spell of the machine slows both runs of a pair alike.
  const pairedRatio = median(zen.map((r, i) => r.ms / (base[i]?.ms ?? Number.NaN)));
  const [zRss, bRss] = [median(zen.map((r) => r.peakRssKb)), median(base.map((r) => r.peakRssKb))];
  rows.push({
    measure: `page ${tickets} tickets: wall time`,
    zenfetch: `${fixed(zMs, 0)} ms`,
    baseline: `${fixed(bMs, 0)} ms`,
    ratio: `${fixed(pairedRatio)}×`,
    target: "≤ 1.10×",
  });
  rows.push({
    measure: `page ${tickets} tickets: peak RSS`,
    zenfetch: mb(zRss),
    baseline: mb(bRss),
    ratio: `${fixed(zRss / bRss)}×`,
    target: "≤ 1.20×",
  });
  raw.paging = { zenfetch: zen, rawFetch: base };
}

// 1b. Pipelined paging: every ticket page answered after 50 ms (a real network's round trip) and 50 ms of the
//     caller's work per page. paginate's look-ahead against a sequential raw loop and a raw loop that prefetches.
{
  const tickets = 2_000;
  const latencyMs = 50;
  const workMs = 50;
  const sim = await startSimulator({
    seed: { tickets },
    requestLog: 0,
    faults: [{ match: "GET /api/v2/tickets", delayMs: latencyMs }],
  });
  const zen: WorkerResult[] = [];
  const sequential: WorkerResult[] = [];
  const prefetch: WorkerResult[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      log(`pipelined paging, ${latencyMs} ms latency and ${workMs} ms work a page: repetition ${i + 1}/${reps}`);
      zen.push(await worker("pipeline-zenfetch", sim, { workMs }));
      sequential.push(await worker("pipeline-raw", sim, { workMs, prefetch: false }));
      prefetch.push(await worker("pipeline-raw", sim, { workMs, prefetch: true }));
    }
  } finally {
    await sim.close();
  }
  for (const result of [...zen, ...sequential, ...prefetch]) {
    if (result.items !== tickets) throw new Error(`a pipelined paging run saw ${result.items} tickets, not ${tickets}`);
  }
  const ms = (results: WorkerResult[]) => median(results.map((r) => r.ms));
  const spread = (results: WorkerResult[]) =>
    `${fixed(Math.min(...results.map((r) => r.ms)), 0)}–${fixed(Math.max(...results.map((r) => r.ms)), 0)}`;
  rows.push({
    measure: `page ${tickets} tickets, ${latencyMs} ms latency + ${workMs} ms work a page: against a sequential loop`,
    zenfetch: `${fixed(ms(zen), 0)} ms (${spread(zen)})`,
    baseline: `${fixed(ms(sequential), 0)} ms (${spread(sequential)})`,
    ratio: `${fixed(median(zen.map((r, i) => r.ms / (sequential[i]?.ms ?? Number.NaN))))}×`,
    target: "≤ 0.60×",
  });
  rows.push({
    measure: `page ${tickets} tickets, ${latencyMs} ms latency + ${workMs} ms work a page: against a prefetching loop`,
    zenfetch: `${fixed(ms(zen), 0)} ms`,
    baseline: `${fixed(ms(prefetch), 0)} ms (${spread(prefetch)})`,
    ratio: `${fixed(median(zen.map((r, i) => r.ms / (prefetch[i]?.ms ?? Number.NaN))))}×`,
    target: "≤ 1.05×",
  });
  raw.pipelinedPaging = { latencyMs, workMs, zenfetch: zen, sequential, prefetch };
}

// 2. An incremental cursor export of 100,000 tickets: peak RSS at 10,000 and at 100,000, and the live heap
//    (after a full GC) at both points, which is what shows that nothing accumulates.
{
  const tickets = 100_000;
  const sampleAt = [10_000, 100_000];
  const sim = await startSimulator({ seed: { tickets }, requestLog: 0, rateLimits: { incremental: false } });
  const zen: WorkerResult[] = [];
  const base: WorkerResult[] = [];
  const exportReps = Math.min(reps, 3);
  try {
    for (let i = 0; i < exportReps; i++) {
      log(`exporting ${tickets} tickets: repetition ${i + 1}/${exportReps}`);
      zen.push(await worker("export-zenfetch", sim, { sampleAt }, ["--expose-gc"]));
      base.push(await worker("export-raw", sim, { sampleAt }, ["--expose-gc"]));
    }
  } finally {
    await sim.close();
  }
  for (const result of [...zen, ...base]) {
    if (result.items !== tickets) throw new Error(`an export saw ${result.items} tickets, not ${tickets}`);
  }
  type Samples = Record<number, { peakRssKb: number; heapUsedKb: number }>;
  const at = (results: WorkerResult[], point: number, key: "peakRssKb" | "heapUsedKb") =>
    median(results.map((r) => (r.samples as unknown as Samples)[point]?.[key] ?? Number.NaN));
  const [first, last] = sampleAt as [number, number];
  rows.push({
    measure: `export ${tickets} tickets (cursor): live heap after GC at ${first} → ${last}`,
    zenfetch: `${mb(at(zen, first, "heapUsedKb"))} → ${mb(at(zen, last, "heapUsedKb"))}`,
    baseline: `${mb(at(base, first, "heapUsedKb"))} → ${mb(at(base, last, "heapUsedKb"))}`,
    ratio: `${fixed(at(zen, last, "heapUsedKb") / at(zen, first, "heapUsedKb"))}×`,
    target: "flat (≈ 1×)",
  });
  rows.push({
    measure: `export ${tickets} tickets (cursor): peak RSS at ${first} → ${last}`,
    zenfetch: `${mb(at(zen, first, "peakRssKb"))} → ${mb(at(zen, last, "peakRssKb"))}`,
    baseline: `${mb(at(base, first, "peakRssKb"))} → ${mb(at(base, last, "peakRssKb"))}`,
    ratio: `${fixed(at(zen, last, "peakRssKb") / at(base, last, "peakRssKb"))}× raw`,
    target: "as raw fetch",
  });
  rows.push({
    measure: `export ${tickets} tickets (cursor): wall time`,
    zenfetch: `${fixed(median(zen.map((r) => r.ms)), 0)} ms`,
    baseline: `${fixed(median(base.map((r) => r.ms)), 0)} ms`,
    ratio: `${fixed(median(zen.map((r) => r.ms)) / median(base.map((r) => r.ms)))}×`,
    target: "—",
  });
  raw.export = { zenfetch: zen, rawFetch: base };
}

// 3. A long paging run under a server budget that reports itself in Zendesk's headers (X-Rate-Limit,
//    ratelimit-remaining, ratelimit-reset): the client is not told the limit. Share of the budget used, share of
//    requests answered 429, records lost and repeated.
{
  const tickets = 30_000;
  const limit = { limit: 100, windowMs: 5_000 };
  const results: WorkerResult[] = [];
  for (let i = 0; i < Math.min(reps, 2); i++) {
    log(`paging ${tickets} tickets under ${limit.limit} requests per ${limit.windowMs / 1000} s: repetition ${i + 1}`);
    const sim = await startSimulator({ seed: { tickets }, requestLog: 0, rateLimits: { account: limit } });
    try {
      results.push(await worker("throughput-zenfetch", sim, { expected: tickets }));
    } finally {
      await sim.close();
    }
  }
  // The budget over the run is limit × (elapsed / window); the simulator's windows follow one another.
  const used = (r: WorkerResult) => (r.requests as number) / ((limit.limit * r.ms) / limit.windowMs);
  const share429 = (r: WorkerResult) => (r.status429 as number) / ((r.requests as number) + (r.status429 as number));
  const lost = Math.max(...results.map((r) => r.lost as number));
  const duplicated = Math.max(...results.map((r) => r.duplicated as number));
  const range = (values: number[]) => `${fixed(Math.min(...values) * 100, 1)}–${fixed(Math.max(...values) * 100, 1)}`;
  rows.push({
    measure: `page ${tickets} tickets under ${limit.limit} req / ${limit.windowMs / 1000} s, paced by the headers: share of the budget used`,
    zenfetch: `${fixed(median(results.map(used)) * 100, 1)} % (${range(results.map(used))})`,
    baseline: "—",
    ratio: "—",
    target: "≥ 98 %",
  });
  rows.push({
    measure: "… requests answered 429",
    zenfetch: `${fixed(median(results.map(share429)) * 100, 2)} % (${range(results.map(share429))})`,
    baseline: "—",
    ratio: "—",
    target: "≤ 1 %",
  });
  rows.push({
    measure: "… records lost / repeated",
    zenfetch: `${lost} / ${duplicated}`,
    baseline: "—",
    ratio: "—",
    target: "0 / 0",
  });
  raw.throughput = { limit, results };
}

// 3b. Three exports (tickets, users, organizations) side by side on one client against the same three one after
//     another, each export endpoint under a budget of its own and the account's shared.
{
  const sizes = { tickets: 3_000, users: 2_000, organizations: 2_000 };
  const budget = { limit: 5, windowMs: 1_000 };
  const job = { ...sizes, perPage: 100, limit: budget.limit, windowSeconds: budget.windowMs / 1000 };
  const parallel: WorkerResult[] = [];
  const sequential: WorkerResult[] = [];
  for (let i = 0; i < Math.min(reps, 3); i++) {
    log(`three exports, side by side and one after another: repetition ${i + 1}`);
    for (const side of [true, false]) {
      const sim = await startSimulator({
        seed: sizes,
        requestLog: 0,
        rateLimits: { incremental: budget, account: { limit: 60, windowMs: 1_000 } },
      });
      try {
        (side ? parallel : sequential).push(await worker("exports-parallel", sim, { ...job, parallel: side }));
      } finally {
        await sim.close();
      }
    }
  }
  const all = [...parallel, ...sequential];
  const expected = sizes.tickets + sizes.users + sizes.organizations;
  for (const result of all) {
    if (result.items !== expected) throw new Error(`an export run saw ${result.items} records, not ${expected}`);
  }
  const ms = (results: WorkerResult[]) => median(results.map((r) => r.ms));
  rows.push({
    measure: `export ${sizes.tickets} tickets, ${sizes.users} users, ${sizes.organizations} organizations (${budget.limit} req / s per endpoint): side by side against one after another`,
    zenfetch: `${fixed(ms(parallel), 0)} ms`,
    baseline: `${fixed(ms(sequential), 0)} ms`,
    ratio: `${fixed(median(parallel.map((r, i) => r.ms / (sequential[i]?.ms ?? Number.NaN))))}×`,
    target: "< 1×",
  });
  rows.push({
    measure: "… records lost / repeated, requests answered 429",
    zenfetch: `${Math.max(...all.map((r) => r.lost as number))} / ${Math.max(...all.map((r) => r.repeated as number))}, ${Math.max(...all.map((r) => r.status429 as number))}`,
    baseline: "—",
    ratio: "—",
    target: "0 / 0, 0",
  });
  raw.parallelExports = { budget, sizes, parallel, sequential };
}

// 3c. Four processes paging one account through @zenfetch/limiter-redis: what they use of the one budget between
//     them, their 429s, records lost and repeated (each process pages the whole list).
{
  const limit = 120;
  const windowMs = 5_000;
  const processes = 4;
  // About 20 s of paging at the budget's pace, 25 tickets a page: the same as `tsx test/bench/redis.ts`.
  const tickets = Math.round(((limit * 20_000) / windowMs / processes) * 25);
  const redis = await testRedis();
  if (!redis.server) {
    log(`four processes through Redis: skipped (${redis.skip})`);
    rows.push({
      measure: "4 processes through Redis",
      zenfetch: "not run",
      baseline: "—",
      ratio: "—",
      target: redis.skip ?? "",
    });
  } else {
    const results: RedisPagingResult[] = [];
    try {
      for (let i = 0; i < Math.min(reps, 2); i++) {
        log(
          `${processes} processes paging through one Redis budget of ${limit} per ${windowMs / 1000} s: repetition ${i + 1}`,
        );
        results.push(await redisPagingRun({ redisUrl: redis.server.url, limit, windowMs, processes, seconds: 20 }));
      }
    } finally {
      await redis.server.kill();
    }
    const spread = (values: number[], digits: number) =>
      `${fixed(Math.min(...values) * 100, digits)}–${fixed(Math.max(...values) * 100, digits)}`;
    // The simulator's windows are fixed, each begun by the first request after the last ended: the budget is the
    // limit of every window the run began.
    const used = results.map((r) => r.usedOfWindows);
    const share429 = results.map((r) => r.share429);
    rows.push({
      measure: `${processes} processes paging ${tickets} tickets each through one Redis budget of ${limit} req / ${windowMs / 1000} s: share of the budget used`,
      zenfetch: `${fixed(median(used) * 100, 1)} % (${spread(used, 1)})`,
      baseline: "—",
      ratio: "—",
      target: "≥ 95 %",
    });
    rows.push({
      measure: "… requests answered 429",
      zenfetch: `${fixed(median(share429) * 100, 2)} % (${spread(share429, 2)})`,
      baseline: "—",
      ratio: "—",
      target: "≤ 1 %",
    });
    rows.push({
      measure: "… records lost / repeated",
      zenfetch: `${Math.max(...results.map((r) => r.lost))} / ${Math.max(...results.map((r) => r.repeated))}`,
      baseline: "—",
      ratio: "—",
      target: "0 / 0",
    });
    raw.redisPaging = { limit, windowMs, processes, tickets, results };
  }
}

// 4. The wall time of `pnpm generate` (nothing to write: lint, bundle, types, compare).
{
  const times: number[] = [];
  for (let i = 0; i < Math.min(reps, 3); i++) {
    log(`pnpm generate: repetition ${i + 1}`);
    const started = performance.now();
    await run(process.execPath, ["--import", "tsx", path.join(root, "codegen/src/cli.ts")], { cwd: root });
    times.push(performance.now() - started);
  }
  rows.push({
    measure: "pnpm generate (every domain)",
    zenfetch: `${fixed(median(times) / 1000)} s`,
    baseline: "—",
    ratio: "—",
    target: "—",
  });
  raw.generate = times;
}

// 5. What the generated types cost an app's `tsc --noEmit`: one domain, every domain, an app that imports nothing.
const typeCost = await measureTypeCost({ reps, log });
await saveTypeCost(typeCost);
raw.types = typeCost;

const header = "| measure | zenfetch | raw fetch | ratio | target |\n| --- | --- | --- | --- | --- |";
const table = [
  header,
  ...rows.map((r) => `| ${r.measure} | ${r.zenfetch} | ${r.baseline} | ${r.ratio} | ${r.target} |`),
].join("\n");
const note = `Medians of ${reps} repetitions (paging ${pagingReps}, its wall-time ratio the median of paired runs; the export ${Math.min(reps, 3)}, the rate-limited run ${Math.min(reps, 2)}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; made by \`pnpm bench\`.`;
const types = `### Type-check cost\n\n${typeCostMarkdown(typeCost)}`;
console.log(`\n${table}\n\n${note}\n\n${types}`);
await mkdir(path.join(here, "results"), { recursive: true });
await writeFile(path.join(here, "results", "latest.md"), `${table}\n\n${note}\n\n${types}`);
await writeFile(path.join(here, "results", "latest.json"), `${JSON.stringify(raw, null, 2)}\n`);
