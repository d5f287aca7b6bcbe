// Exports that always end, and never move the checkpoint back: an end_time that goes backwards or makes no
// sense, and a run of empty pages that claim more.
import { describe, expect, test } from "vitest";
import {
  type Checkpoint,
  exportOrganizations,
  exportTickets,
  isRateLimitError,
  PaginationError,
} from "../src/index.js";
import { BASE, organization, records, serve, T0, testClient, timeExport } from "./helpers.js";

/** Pages through `run`, keeping the checkpoint after each page, until it ends or fails. */
async function drain(run: AsyncIterable<{ items: unknown[]; checkpoint: Checkpoint }>) {
  const checkpoints: Checkpoint[] = [];
  try {
    for await (const page of run) checkpoints.push(page.checkpoint);
    return { checkpoints, error: undefined };
  } catch (error) {
    return { checkpoints, error };
  }
}

describe("a time-based page's end_time", () => {
  const good = timeExport("organizations", () => records(organization, 4), { perPage: 2 });

  test.each([
    ["goes backwards", T0 - 3600, /end_time \(\d+\) is earlier than the start_time asked for/],
    ["lies far in the future", T0 + 100 * 365 * 86_400, /is more than a day in the future/],
    ["is not a time", "soon", /end_time \("soon"\) is not a time/],
  ])(
    "that %s is a PaginationError, and the checkpoint stays at the last good page",
    async (_what, endTime, message) => {
      const served = serve((url, count) => {
        const reply = good(url, count);
        if (count !== 2) return reply;
        const body = reply[1] as Record<string, unknown>;
        const next = new URL(body.next_page as string);
        next.searchParams.set("start_time", String(endTime));
        return [200, { ...body, end_time: endTime, next_page: next.toString(), end_of_stream: false }];
      });
      const run = exportOrganizations(testClient(), { startTime: T0, perPage: 2 });
      const { checkpoints, error } = await drain(run);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as Error).message).toMatch(message);
      expect(served.requests).toHaveLength(2);
      // The first page's checkpoint, untouched by the bad second one.
      expect(checkpoints).toHaveLength(1);
      expect(run.checkpoint).toEqual(checkpoints[0]);
      expect(run.checkpoint).toMatchObject({ type: "time" });
      expect((run.checkpoint as { startTime: number }).startTime).toBeGreaterThanOrEqual(T0);
    },
  );
});

describe("empty pages that claim more", () => {
  test("a cursor export answering 50 empty pages in a row with more to come ends with a PaginationError", async () => {
    const served = serve((url) => {
      const n = Number(url.searchParams.get("cursor")?.slice(1) ?? 0);
      return [200, { tickets: [], after_cursor: `c${n + 1}`, end_of_stream: false, end_time: T0 }];
    });
    const run = exportTickets(testClient(), { startTime: T0 });
    const { error } = await drain(run);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("50 pages in a row came back empty");
    expect(served.requests).toHaveLength(50);
    expect((error as PaginationError).resume?.url).toContain(`${BASE}/api/v2/incremental/tickets/cursor?`);
  });
});

describe("a server that always answers 429 Retry-After: 0", () => {
  test("gets a few tries, 250 ms apart and growing, then the RateLimitError with the checkpoint", async () => {
    const served = serve(() => [429, { error: "APIRateLimitExceeded" }, { "retry-after": "0" }]);
    const { error } = await drain(exportTickets(testClient(), { startTime: T0 }));
    expect(isRateLimitError(error)).toBe(true);
    // The first try and the three retries of FAST_RETRY.
    expect(served.requests).toHaveLength(4);
    const gaps = served.times.slice(1).map((at, i) => at - (served.times[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[2]).toBeGreaterThanOrEqual(990);
  });
});
