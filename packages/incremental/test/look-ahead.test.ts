// The exports fetch the next page while the caller works on the current one, and the checkpoint still never
// runs ahead of what the caller has finished with.
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
