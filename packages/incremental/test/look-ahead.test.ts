// The exports fetch the next page while the caller works on the current one, and the checkpoint still never
// runs ahead of what the caller has finished with.
import nock from "nock";
import { expect, test } from "vitest";
import { exportTickets } from "../src/index.js";
import { cursorExport, records, serve, T0, testClient, ticket } from "./helpers.js";

test("the next page is asked for while the caller holds this one; the run's checkpoint moves only after it", async () => {
  const data = records(ticket, 9, 3);
  const served = serve(cursorExport("tickets", () => data));
  const run = exportTickets(testClient(), { startTime: T0, perPage: 3 });
  const seen: { requests: number; checkpoint: unknown; pageCheckpoint: unknown }[] = [];
  for await (const page of run) {
    await new Promise((resolve) => setTimeout(resolve, 30)); // the caller's work on this page
    seen.push({ requests: served.requests.length, checkpoint: run.checkpoint, pageCheckpoint: page.checkpoint });
  }
  // While the caller worked on page 1, page 2 had been asked for already (and so on).
  expect(seen[0]?.requests).toBe(2);
  expect(seen[1]?.requests).toBe(3);
  // During the work on a page, the run's checkpoint is still the one before it.
  expect(seen[0]?.checkpoint).toEqual({ type: "time", export: "tickets", startTime: T0 });
  expect(seen[1]?.checkpoint).toEqual(seen[0]?.pageCheckpoint);
  expect(run.checkpoint).toEqual(seen.at(-1)?.pageCheckpoint);
});

test("`lookAhead` goes further, one request after another, or turns the look-ahead off", async () => {
  const data = records(ticket, 15, 3);
  const pagesOf = async (lookAhead: number) => {
    nock.cleanAll();
    const served = serve(cursorExport("tickets", () => data));
    const run = exportTickets(testClient(), { startTime: T0, perPage: 3, lookAhead });
    const requestsWhileHolding: number[] = [];
    const ids: unknown[] = [];
    for await (const page of run) {
      await new Promise((resolve) => setTimeout(resolve, 40)); // long enough for every page asked for to come
      requestsWhileHolding.push(served.requests.length);
      ids.push(...page.items.map((t) => t.id));
    }
    return { requestsWhileHolding, ids, checkpoint: run.checkpoint };
  };
  const off = await pagesOf(0);
  const three = await pagesOf(3);
  // Off: only the page in hand has been asked for. Three: the three after it too, never a page past the end.
  expect(off.requestsWhileHolding).toEqual([1, 2, 3, 4, 5]);
  expect(three.requestsWhileHolding).toEqual([4, 5, 5, 5, 5]);
  expect(three.ids).toEqual(off.ids);
  expect(new Set(three.ids).size).toBe(15);
  expect(three.checkpoint).toEqual(off.checkpoint);
});

test("leaving the loop cancels what was asked for ahead, and the checkpoint stays at the last page finished", async () => {
  const data = records(ticket, 15, 3);
  const served = serve(cursorExport("tickets", () => data));
  const run = exportTickets(testClient(), { startTime: T0, perPage: 3, lookAhead: 2 });
  let first: unknown;
  for await (const page of run) {
    first = page.checkpoint;
    break;
  }
  // The checkpoint never moved: the loop body did not finish with the first page.
  expect(run.checkpoint).toEqual({ type: "time", export: "tickets", startTime: T0 });
  expect(first).toBeDefined();
  await new Promise((resolve) => setTimeout(resolve, 80));
  // The first page, and at most the second, already on its way; the third would have been asked for once the
  // second answered, had the loop not been left.
  expect(served.requests.length).toBeLessThanOrEqual(2);
});

test("`lookAhead` must be a whole number, 0 or more", () => {
  expect(() => exportTickets(testClient(), { startTime: T0, lookAhead: -1 })).toThrow(
    /`lookAhead` must be a whole number, 0 or more/,
  );
  expect(() => exportTickets(testClient(), { startTime: T0, lookAhead: 1.5 })).toThrow(/got 1.5/);
});
