/**
 * Shared by the integration suites: a simulator per test (real HTTP on loopback), clients of the three domain
 * packages pointed at it with fast retries, and counts read from the simulator's request log.
 */
import { type CustomObjectFieldMaps, createCustomObjectsClient } from "@zenfetch/custom-objects";
import { createIncrementalClient, type IncrementalClientOptions } from "@zenfetch/incremental";
import { createTicketsClient, type RetryEvent, type ZendeskClientOptions } from "@zenfetch/tickets";
import {
  type LoggedRequest,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../simulator/index.js";

/** Retries that do not slow a test down: backoff of a few ms, a Retry-After of up to 5 s honoured. */
export const FAST_RETRY = { limit: 4, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 5_000 } as const;

/** Job polling for tests: the simulator finishes a job after two polls, so poll every few ms. */
export const FAST_WAIT = { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 15_000, notFoundGraceMs: 2_000 } as const;

const running = new Set<RunningSimulator>();

/** Starts a simulator that `closeSimulators` (run it in `afterEach`) stops. */
export async function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator(options);
  running.add(sim);
  return sim;
}

export async function closeSimulators(): Promise<void> {
  const sims = [...running];
  running.clear();
  await Promise.all(sims.map((sim) => sim.close()));
}

/** Client options for the simulator: API-token auth, fast retries, and every retry recorded in `retries`. */
export function clientOptions(
  sim: RunningSimulator,
  extra: Partial<ZendeskClientOptions> = {},
): ZendeskClientOptions & { retries: RetryEvent[] } {
  const retries: RetryEvent[] = [];
  const onRetry = extra.onRetry;
  return {
    baseUrl: sim.baseUrl,
    auth: { email: sim.credentials.email, apiToken: sim.credentials.token },
    retry: FAST_RETRY,
    ...extra,
    onRetry: (event) => {
      retries.push(event);
      onRetry?.(event);
    },
    retries,
  };
}

export function ticketsClient(sim: RunningSimulator, extra: Partial<ZendeskClientOptions> = {}) {
  const options = clientOptions(sim, extra);
  return Object.assign(createTicketsClient(options), { retries: options.retries });
}

/** An incremental client; unless told otherwise its export budgets are off (the simulator's limit is off too). */
export function incrementalClient(sim: RunningSimulator, extra: Partial<IncrementalClientOptions> = {}) {
  const options = clientOptions(sim, { endpointLimits: false, ...extra });
  return Object.assign(createIncrementalClient(options), { retries: options.retries });
}

export function customObjectsClient<Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>>(
  sim: RunningSimulator,
  extra: Partial<ZendeskClientOptions> = {},
) {
  const options = clientOptions(sim, extra);
  return Object.assign(createCustomObjectsClient<Objects>(options), { retries: options.retries });
}

/** The logged requests for one method and path (path without query and `.json`). */
export function requestsTo(sim: RunningSimulator, method: string, path: string): LoggedRequest[] {
  return sim.requests.entries.filter((entry) => entry.method === method && entry.path === path);
}

/** How many of `entries` were answered with each status. */
export function statusCounts(entries: readonly LoggedRequest[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const entry of entries) counts[entry.status ?? -1] = (counts[entry.status ?? -1] ?? 0) + 1;
  return counts;
}

/** Retries the client made, per status that caused them (`"error"` for those without a response). */
export function retryCounts(retries: readonly RetryEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of retries) {
    const key = event.status === undefined ? "error" : String(event.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Ids that occur more than once. */
export function duplicates<T>(values: Iterable<T>): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

/** 1, 2, …, n. */
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** 2024-01-01T00:00:00Z: the simulator's first seeded update. */
export const SEED_START = 1_704_067_200;

/** The value, or a thrown error naming what was missing (the spec leaves most response properties optional). */
export function must<T>(value: T | null | undefined, what = "value"): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}
