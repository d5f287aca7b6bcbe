/**
 * What the demo runs against: the embedded simulator (the default), or a real account named by the environment,
 * read-only. `main.ts` and `demo.test.ts` both take their options from here, so the test runs what `pnpm demo` runs.
 */
import type { ZendeskClientOptions } from "@zenfetch/tickets";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import type { DemoOptions } from "./app.js";

export const DEMO_SEED = { tickets: 5_000, users: 200, organizations: 20, customObjectRecords: 25 } as const;
/** The share of `GET /api/v2/tickets` the simulator answers with 503, so the demo shows retries at work. */
export const DEMO_503_RATE = 0.03;

/** Starts the seeded simulator and the demo's options for it (every step, writes included). */
export async function simulatorTarget(): Promise<{ sim: RunningSimulator; options: DemoOptions }> {
  const sim = await startSimulator({
    seed: DEMO_SEED,
    faults: [{ match: "GET /api/v2/tickets", status: 503, rate: DEMO_503_RATE, retryAfter: false }],
    requestLog: 5_000,
  });
  const connection: ZendeskClientOptions = {
    baseUrl: sim.baseUrl,
    auth: { email: sim.credentials.email, apiToken: sim.credentials.token },
    // The simulator answers at once: retry after 100 ms or so rather than zenfetch's default of about a second.
    retry: { baseDelayMs: 100, maxDelayMs: 1_000 },
  };
  return {
    sim,
    options: {
      connection,
      readOnly: false,
      exportStartTime: 0,
      exportPerPage: 1_000,
      exportPagesBeforeStop: 2,
      bulkCount: 250,
      jobPollMs: 200,
    },
  };
}

/** Read-only options for a real account: a short list, a short export from a week ago, no writes. */
export function readOnlyOptions(connection: ZendeskClientOptions, now = Date.now()): DemoOptions {
  return {
    connection,
    readOnly: true,
    listLimit: 300,
    exportStartTime: new Date(now - 7 * 24 * 3600 * 1000),
    exportPerPage: 100,
    exportPagesBeforeStop: 1,
    exportPageLimit: 1,
    bulkCount: 0,
  };
}

export const LIVE_VARIABLES = ["ZENDESK_SUBDOMAIN", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"] as const;

/**
 * The real account the environment names: undefined when none of the variables is set, the names of the
 * missing ones when only some are. Never echoes a value.
 */
export function liveTarget(
  env: Record<string, string | undefined>,
): { options: DemoOptions; subdomain: string } | { missing: string[] } | undefined {
  const set = LIVE_VARIABLES.filter((name) => (env[name] ?? "").trim() !== "");
  if (set.length === 0) return undefined;
  if (set.length < LIVE_VARIABLES.length) return { missing: LIVE_VARIABLES.filter((name) => !set.includes(name)) };
  const subdomain = (env.ZENDESK_SUBDOMAIN ?? "").trim();
  const connection: ZendeskClientOptions = {
    subdomain,
    auth: { email: (env.ZENDESK_EMAIL ?? "").trim(), apiToken: (env.ZENDESK_API_TOKEN ?? "").trim() },
    userAgent: "zenfetch-demo",
  };
  return { options: readOnlyOptions(connection), subdomain };
}
