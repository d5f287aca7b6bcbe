/**
 * One suite for core's bulk engine, run against each package's bulk call through the simulator's job queue: the
 * same 30-job cap, the same concurrency, the same wait for TooManyJobs, the same result model. A package plugs
 * in with a driver: its items, the route that creates its jobs, and how to make the call.
 */
import {
  BulkErrorCode,
  type BulkOptions,
  type BulkResult,
  isBulkIncompleteError,
  isBulkJobFailedError,
  isJobFailedError,
  isJobTimeoutError,
  type ZendeskClientOptions,
} from "@zenfetch/core";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator, SimulatorOptions } from "../simulator/index.js";
import { closeSimulators, FAST_WAIT, range, startSim } from "./helpers.js";

export interface BulkDriver {
  /** What the suite is called: `tickets createMany`. */
  name: string;
  /** The simulator's seed for this package's data. */
  seed: SimulatorOptions["seed"];
  /** The request that creates a job, as the simulator logs it (and as a fault matches it). */
  route: { method: string; path: string };
  /** `count` items the simulator accepts, but those at the indexes in `invalid`, which it fails one by one. */
  items(count: number, invalid?: ReadonlySet<number>): unknown[];
  /** The code the simulator's job gives an item it fails. */
  itemError: string;
  /** How many of this package's records the simulator holds. */
  stored(sim: RunningSimulator): number;
  /** Makes the bulk call with a client of the simulator (`client` adds to its options). */
  run(
    sim: RunningSimulator,
    items: unknown[],
    options: BulkOptions,
    client?: Partial<ZendeskClientOptions>,
  ): Promise<BulkResult[]>;
}

/** Polls a few times while the jobs are held (a poll a job every 150 ms). */
const SLOW_POLLS = { ...FAST_WAIT, intervalMs: 150, maxIntervalMs: 150 };

/** Waits for the call to settle; its rejection, or undefined when it resolved. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds every job of the simulator unfinished (polls leave it `working`) until `count` are queued or running,
 * and 200 ms more for the call to send one too many if it would; then lets them finish. Resolves to the most
 * jobs seen queued or running meanwhile.
 */
async function jobsWhileHeld(sim: RunningSimulator, count: number): Promise<number> {
  sim.jobs.configure({ pollsToComplete: 1_000_000 });
  let peak = 0;
  const started = Date.now();
  while (sim.jobs.active < count && Date.now() - started < 10_000) await sleep(5);
  for (const until = Date.now() + 200; Date.now() < until; await sleep(5)) peak = Math.max(peak, sim.jobs.active);
  sim.jobs.configure({ pollsToComplete: 1 });
  return peak;
}

export function describeBulkEngine(driver: BulkDriver): void {
  const jobRequests = (sim: RunningSimulator) =>
    sim.requests.entries.filter((entry) => entry.method === driver.route.method && entry.path === driver.route.path);

  describe(`${driver.name} on core's bulk engine`, () => {
    afterEach(closeSimulators);

    it("never has more than Zendesk's 30 jobs in flight, even when asked for more", async () => {
      // The simulator would take more: only the engine holds the call to 30.
      const sim = await startSim({ seed: driver.seed, jobs: { maxConcurrent: 1_000 } });
      const running = driver.run(sim, driver.items(45), { batchSize: 1, concurrency: 100, wait: SLOW_POLLS });
      // No job ends until the 30th is in and the call has had time to send a 31st.
      expect(await jobsWhileHeld(sim, 30)).toBe(30);

      const results = await running;
      expect(results.every((r) => r.success)).toBe(true);
      expect(jobRequests(sim)).toHaveLength(45);
      expect(jobRequests(sim).some((entry) => entry.status === 429)).toBe(false);
    });

    it("keeps at most `concurrency` jobs in flight", async () => {
      const sim = await startSim({ seed: driver.seed });
      const running = driver.run(sim, driver.items(24), { batchSize: 2, concurrency: 4, wait: SLOW_POLLS });
      expect(await jobsWhileHeld(sim, 4)).toBe(4);
      await running;
      expect(jobRequests(sim)).toHaveLength(12);
    });

    it("waits out TooManyJobs with Retry-After 0 with a growing wait, not a tight loop", async () => {
      const sim = await startSim({ seed: driver.seed, jobs: { maxConcurrent: 2, retryAfterSeconds: 0 } });
      // Another integration's two jobs fill the account's queue for 700 ms.
      const blockers = [1, 2].map(() => sim.jobs.create("other_integration_job", 1, () => []));
      setTimeout(() => {
        for (const job of blockers) while (sim.jobs.poll(job.id)?.status !== "completed");
      }, 700);

      const results = await driver.run(sim, driver.items(3), {
        minRetryDelayMs: 20,
        maxRetryDelayMs: 2_000,
        wait: FAST_WAIT,
      });

      expect(results.map((r) => [r.index, r.success])).toEqual([
        [0, true],
        [1, true],
        [2, true],
      ]);
      const sent = jobRequests(sim);
      const refused = sent.filter((entry) => entry.status === 429);
      // Waits of at least 250, 500, 1 000 ms whatever minRetryDelayMs and Retry-After say: 2 or 3 tries are
      // refused in 700 ms; a tight loop makes hundreds.
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeLessThanOrEqual(3);
      expect(sent.at(-1)?.status).not.toBe(429);
      const gaps = sent.slice(1).map((entry, i) => entry.time - (sent[i]?.time ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(240);
      // The wait grows: the second is at least 500 ms.
      expect(gaps[1]).toBeGreaterThanOrEqual(490);
    });

    it("returns one result per item, in input order, per-item failures included", async () => {
      const sim = await startSim({ seed: driver.seed });
      const before = driver.stored(sim);
      const invalid = new Set([0, 99, 100, 187, 249]);
      const results = await driver.run(sim, driver.items(250, invalid), { concurrency: 3, wait: FAST_WAIT });

      expect(results.map((r) => r.index)).toEqual(range(0, 249));
      expect(results.filter((r) => !r.success).map((r) => [r.index, r.error])).toEqual(
        [...invalid].map((i) => [i, driver.itemError]),
      );
      expect(results.filter((r) => r.success).every((r) => r.id !== undefined && r.jobId !== undefined)).toBe(true);
      expect(new Set(results.map((r) => r.jobId)).size).toBe(3);
      expect(driver.stored(sim)).toBe(before + 250 - invalid.size);
    });

    it("a failed job rejects with BulkJobFailedError and every item's result known so far", async () => {
      const sim = await startSim({ seed: driver.seed });
      sim.faults.add({
        match: `${driver.route.method} ${driver.route.path}`,
        skip: 1,
        times: 1,
        job: { outcome: "failed" },
      });
      const before = driver.stored(sim);
      const error = await rejection(
        driver.run(sim, driver.items(30), { batchSize: 10, concurrency: 1, wait: FAST_WAIT }),
      );

      expect(isBulkJobFailedError(error) && isJobFailedError(error)).toBe(true);
      if (!isBulkJobFailedError(error)) return;
      expect(error.job.status).toBe("failed");
      expect(error.jobs.map((job) => job.status)).toEqual(["completed", "failed"]);
      expect(error.results.map((r) => r.index)).toEqual(range(0, 29));
      expect(error.results.slice(0, 10).every((r) => r.success)).toBe(true);
      expect(new Set(error.results.slice(10, 20).map((r) => r.error))).toEqual(new Set([BulkErrorCode.JobFailed]));
      expect(new Set(error.results.slice(20).map((r) => r.error))).toEqual(new Set([BulkErrorCode.NotProcessed]));
      expect(jobRequests(sim)).toHaveLength(2);
      expect(driver.stored(sim)).toBe(before + 10);
    });

    it("a job that cannot be followed rejects with BulkIncompleteError: its items OutcomeUnknown, naming it", async () => {
      const sim = await startSim({ seed: driver.seed });
      sim.faults.add({
        match: `${driver.route.method} ${driver.route.path}`,
        skip: 1,
        times: 1,
        job: { notFoundPolls: 1_000_000 },
      });
      const error = await rejection(
        driver.run(sim, driver.items(30), {
          batchSize: 10,
          concurrency: 1,
          wait: { ...FAST_WAIT, timeoutMs: 300, notFoundGraceMs: 10_000 },
        }),
      );

      expect(isBulkIncompleteError(error)).toBe(true);
      if (!isBulkIncompleteError(error)) return;
      expect(isJobTimeoutError(error.cause)).toBe(true);
      const lost = error.jobs[1]?.id;
      expect(lost).toBeDefined();
      expect(error.results.map((r) => r.index)).toEqual(range(0, 29));
      expect(error.results.slice(0, 10).every((r) => r.success)).toBe(true);
      for (const result of error.results.slice(10, 20)) {
        expect(result).toMatchObject({ success: false, error: BulkErrorCode.OutcomeUnknown, jobId: lost });
        expect(result.details).toContain(`waitForJob("${lost}")`);
      }
      expect(new Set(error.results.slice(20).map((r) => r.error))).toEqual(new Set([BulkErrorCode.NotProcessed]));
    });
  });
}
