/**
 * A cursor export of 50,000 tickets while the server answers 5 % of the export requests with 503 and enforces a
 * short per-endpoint rate limit: every ticket arrives exactly once, and the 503s and 429s really happened (the
 * simulator's request log) and were each retried (the client's onRetry).
 */
import { exportTickets } from "@zenfetch/incremental";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import {
  closeSimulators,
  duplicates,
  incrementalClient,
  must,
  requestsTo,
  retryCounts,
  startSim,
  statusCounts,
} from "./helpers.js";

const TICKETS = 50_000;
const PATH = "/api/v2/incremental/tickets/cursor";
const OPERATION = `GET ${PATH}`;
const PAGES = TICKETS / 1000;
const WINDOW = { limit: 10, windowMs: 1_000 };
/** Each test takes a few seconds (it waits out real rate-limit windows); leave room on a busy machine. */
const TIMEOUT_MS = 60_000;

afterEach(closeSimulators);

async function exportEverything(client: ReturnType<typeof incrementalClient>) {
  const ids: number[] = [];
  let pages = 0;
  let endOfStream = false;
  const run = exportTickets(client, { startTime: 0 });
  for await (const page of run) {
    pages++;
    for (const ticket of page.items) ids.push(must(ticket.id));
    endOfStream = page.endOfStream;
  }
  return { ids, pages, endOfStream, checkpoint: run.checkpoint };
}

function expectEveryTicketOnce(ids: number[]) {
  expect(ids).toHaveLength(TICKETS);
  expect(duplicates(ids)).toEqual([]);
  const distinct = new Set(ids);
  expect(distinct.size).toBe(TICKETS);
  let missing = 0;
  for (let id = 1; id <= TICKETS; id++) if (!distinct.has(id)) missing++;
  expect(missing).toBe(0);
}

/** What the server did with the export requests: each page served once, the rest 503s and 429s. */
function serverSide(sim: RunningSimulator) {
  const entries = requestsTo(sim, "GET", PATH);
  const byStatus = statusCounts(entries);
  return {
    total: entries.length,
    ok: byStatus[200] ?? 0,
    unavailable: byStatus[503] ?? 0,
    limitedByServer: entries.filter((entry) => entry.status === 429 && entry.fault === undefined).length,
    limitedByFault: entries.filter((entry) => entry.status === 429 && entry.fault !== undefined).length,
    other: entries.filter((entry) => ![200, 429, 503].includes(entry.status ?? 0)).length,
  };
}

describe(`a cursor export of ${TICKETS.toLocaleString("en")} tickets under 5 % 503s and a rate limit`, () => {
  it("with the client's budget set to the server's limit: every ticket exactly once", {
    timeout: TIMEOUT_MS,
  }, async () => {
    const sim = await startSim({
      seed: { tickets: TICKETS },
      rateLimits: { incremental: WINDOW },
      requestLog: 10_000,
      faults: [
        { match: OPERATION, status: 503, rate: 0.05 },
        // Another process on the account took the budget once: a 429 the client's own pacing cannot prevent.
        { match: OPERATION, status: 429, retryAfter: 1, skip: 20, times: 1 },
      ],
    });
    const client = incrementalClient(sim, {
      endpointLimits: { [OPERATION]: { limit: WINDOW.limit, windowSeconds: WINDOW.windowMs / 1000 } },
      retry: { limit: 6, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 5_000 },
    });

    const { ids, pages, endOfStream } = await exportEverything(client);

    expectEveryTicketOnce(ids);
    expect(pages).toBe(PAGES);
    expect(endOfStream).toBe(true);
    const server = serverSide(sim);
    expect(server.unavailable).toBeGreaterThan(0);
    expect(server.limitedByFault).toBe(1);
    // Each page was served exactly once; every other answer was a 503 or a 429, and each was retried.
    expect(server.ok).toBe(PAGES);
    expect(server.other).toBe(0);
    expect(server.total).toBe(PAGES + server.unavailable + server.limitedByFault + server.limitedByServer);
    expect(retryCounts(client.retries)).toEqual({
      "503": server.unavailable,
      "429": server.limitedByFault + server.limitedByServer,
    });
  });

  it("with no client budget, relying on the server's 429s and Retry-After: every ticket exactly once", {
    timeout: TIMEOUT_MS,
  }, async () => {
    // The simulator's clock is pinned, so its rate-limit window moves only when the test moves it: each window
    // admits exactly 10 export requests, and the 11th is refused whatever the machine's speed. A refusal moves the
    // clock on by one window (as the Retry-After of 1 s the client waits out would in real time).
    const sim = await startSim({
      seed: { tickets: TICKETS },
      now: Date.parse("2025-06-02T12:00:00Z"),
      rateLimits: { incremental: WINDOW },
      requestLog: 10_000,
      faults: [{ match: OPERATION, status: 503, rate: 0.05 }],
    });
    const client = incrementalClient(sim, {
      endpointLimits: { [OPERATION]: false },
      retry: { limit: 6, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 5_000 },
      onRetry: (event) => {
        if (event.status === 429) sim.clock.advance(WINDOW.windowMs);
      },
    });

    const { ids, pages, endOfStream } = await exportEverything(client);

    expectEveryTicketOnce(ids);
    expect(pages).toBe(PAGES);
    expect(endOfStream).toBe(true);
    const server = serverSide(sim);
    expect(server.unavailable).toBeGreaterThan(0);
    // 50 pages through windows of 10: the server refused the 11th request of each of the first 4 full windows.
    expect(server.limitedByServer).toBe(Math.ceil(PAGES / WINDOW.limit) - 1);
    expect(server.limitedByFault).toBe(0);
    expect(server.ok).toBe(PAGES);
    expect(server.other).toBe(0);
    expect(server.total).toBe(PAGES + server.unavailable + server.limitedByServer);
    expect(retryCounts(client.retries)).toEqual({ "503": server.unavailable, "429": server.limitedByServer });
  });
});
