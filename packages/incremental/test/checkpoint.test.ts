import { describe, expect, test } from "vitest";
import {
  type Checkpoint,
  exportOrganizations,
  exportTicketEvents,
  exportTickets,
  exportUsers,
  isZendeskConfigError,
  ZendeskConfigError,
} from "../src/index.js";
import {
  collect,
  cursorExport,
  idsOf,
  organization,
  records,
  serve,
  T0,
  type Timed,
  testClient,
  ticket,
  timeExport,
} from "./helpers.js";

/** Reads pages until `stopAfter` pages were stored, keeping the checkpoint the way an app would. */
async function firstRun<P extends { items: unknown[]; checkpoint: Checkpoint }>(
  run: AsyncIterable<P>,
  stopAfter: number,
): Promise<{ ids: unknown[]; saved: Checkpoint | undefined }> {
  const ids: unknown[] = [];
  let saved: Checkpoint | undefined;
  let pages = 0;
  for await (const page of run) {
    ids.push(...page.items.map((i) => (i as { id: unknown }).id));
    saved = JSON.parse(JSON.stringify(page.checkpoint)); // stored as JSON
    if (++pages === stopAfter) break;
  }
  return { ids, saved };
}

describe("resume from a checkpoint", () => {
  test("cursor export: stop after two pages, resume, every ticket exactly once", async () => {
    const data = records(ticket, 10, 3);
    const served = serve(cursorExport("tickets", () => data));
    const first = await firstRun(exportTickets(testClient(), { startTime: T0, perPage: 3 }), 2);
    expect(first.ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(first.saved).toEqual({ type: "cursor", export: "tickets", cursor: "c6" });
    // The break fetched nothing past the one page the look-ahead had asked for (and cancelled).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const firstRequests = served.requests.length;
    expect(firstRequests).toBeGreaterThanOrEqual(2);
    expect(firstRequests).toBeLessThanOrEqual(3);

    const rest = await collect(exportTickets(testClient(), { checkpoint: first.saved as Checkpoint, perPage: 3 }));
    // The resumed run starts at the stored checkpoint, whatever the first run had fetched ahead.
    expect(served.requests.slice(firstRequests)).toEqual([
      "/api/v2/incremental/tickets/cursor?cursor=c6&per_page=3",
      "/api/v2/incremental/tickets/cursor?cursor=c9&per_page=3",
    ]);
    expect([...first.ids, ...idsOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test("time export: resume inside a second split across pages, every organization exactly once", async () => {
    // Three a second, four a page: every page ends inside a second that the next one starts with.
    const data = records(organization, 11, 3);
    const served = serve(timeExport("organizations", () => data));
    const first = await firstRun(exportOrganizations(testClient(), { startTime: T0, perPage: 4 }), 2);
    expect(first.ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(first.saved).toEqual({
      type: "time",
      export: "organizations",
      startTime: T0 + 12,
      skip: [`7@${T0 + 12}`],
    });

    const rest = await collect(
      exportOrganizations(testClient(), { checkpoint: first.saved as Checkpoint & { type: "time" }, perPage: 4 }),
    );
    expect(served.requests[2]).toBe(`/api/v2/incremental/organizations?start_time=${T0 + 12}&per_page=4`);
    expect([...first.ids, ...idsOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test("a cursor export resumes from a time checkpoint (no cursor yet), skipping what it marks", async () => {
    const data = records(ticket, 4, 2);
    const served = serve(cursorExport("tickets", () => data));
    const checkpoint: Checkpoint = { type: "time", startTime: T0 + 10, skip: [`1@${T0 + 10}`] };
    const pages = await collect(exportTickets(testClient(), { checkpoint }));
    expect(served.requests).toEqual([`/api/v2/incremental/tickets/cursor?start_time=${T0 + 10}`]);
    expect(idsOf(pages)).toEqual([2, 3, 4]);
  });

  test("the end-of-stream checkpoint is where the next poll starts: only later changes come", async () => {
    const data: Timed[] = records(organization, 5, 2);
    serve(timeExport("organizations", () => data));
    const run = exportOrganizations(testClient(), { startTime: T0, perPage: 3 });
    expect(idsOf(await collect(run))).toEqual([1, 2, 3, 4, 5]);
    const saved = JSON.parse(JSON.stringify(run.checkpoint));

    // Later: organization 5 (in the saved second) is unchanged, 2 is updated, 6 is new in the saved second.
    data.push(organization(2, T0 + 20), organization(6, T0 + 12));
    const next = await collect(exportOrganizations(testClient(), { checkpoint: saved, perPage: 3 }));
    expect(idsOf(next)).toEqual([6, 2]);
  });

  test("iterating a run again carries on from its checkpoint", async () => {
    const data = records(ticket, 3);
    const served = serve(cursorExport("tickets", () => data));
    const run = exportTickets(testClient(), { startTime: T0 });
    expect(idsOf(await collect(run))).toEqual([1, 2, 3]);
    data.push(ticket(4, T0 + 30));
    expect(idsOf(await collect(run))).toEqual([4]);
    expect(served.requests[1]).toBe("/api/v2/incremental/tickets/cursor?cursor=c3");
  });

  test("run.checkpoint moves past a page only once the loop body finished with it", async () => {
    const data = records(ticket, 6);
    serve(cursorExport("tickets", () => data));
    const run = exportTickets(testClient(), { startTime: T0, perPage: 2 });
    const seen: Checkpoint[] = [];
    await expect(
      (async () => {
        for await (const page of run) {
          seen.push(page.checkpoint);
          expect(run.checkpoint).toEqual(
            seen.length === 1 ? { type: "time", export: "tickets", startTime: T0 } : seen[seen.length - 2],
          );
          if (seen.length === 2) throw new Error("the database is down");
        }
      })(),
    ).rejects.toThrow("the database is down");
    // The second page was not stored: the run's checkpoint is still after the first.
    expect(run.checkpoint).toEqual(seen[0]);
    expect(run.checkpoint).toEqual({ type: "cursor", export: "tickets", cursor: "c2" });
  });

  test("a run cannot be iterated twice at once", async () => {
    serve(cursorExport("tickets", () => records(ticket, 4)));
    const run = exportTickets(testClient(), { startTime: T0, perPage: 2 });
    const a = run[Symbol.asyncIterator]();
    await a.next();
    await expect(run[Symbol.asyncIterator]().next()).rejects.toThrow("already being iterated");
    await a.return();
  });
});

describe("options", () => {
  const client = testClient();
  const configError = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(isZendeskConfigError(error)).toBe(true);
      expect(error).toBeInstanceOf(ZendeskConfigError);
      return (error as Error).message;
    }
    throw new Error("no error");
  };

  test("both startTime and checkpoint: a clear error, before any request", () => {
    const served = serve(() => [500]);
    const message = configError(() =>
      exportTickets(client, { startTime: T0, checkpoint: { type: "cursor", cursor: "c1" } } as never),
    );
    expect(message).toBe(
      "export tickets: pass `startTime` (to begin a new export) or `checkpoint` (to resume one), not both: a checkpoint already says where to start",
    );
    expect(served.requests).toEqual([]);
  });

  test("neither startTime nor checkpoint", () => {
    expect(configError(() => exportUsers(client, {} as never))).toContain(
      "pass `startTime` (a Date or Unix seconds, to begin) or `checkpoint`",
    );
  });

  test("a startTime in milliseconds, an invalid Date, a negative number", () => {
    expect(configError(() => exportTickets(client, { startTime: Date.now() }))).toContain("looks like milliseconds");
    expect(configError(() => exportTickets(client, { startTime: new Date("nope") }))).toContain("invalid Date");
    expect(configError(() => exportTickets(client, { startTime: -1 }))).toContain("a number ≥ 0");
  });

  test("a Date start is sent as whole Unix seconds", async () => {
    const served = serve(cursorExport("tickets", () => []));
    await collect(exportTickets(client, { startTime: new Date((T0 + 0.9) * 1000) }));
    expect(served.requests).toEqual([`/api/v2/incremental/tickets/cursor?start_time=${T0}`]);
  });

  test("a cursor checkpoint for a time-based export, or one from another export", () => {
    expect(
      configError(() => exportOrganizations(client, { checkpoint: { type: "cursor", cursor: "x" } as never })),
    ).toContain("time-based and cannot resume from a cursor checkpoint");
    expect(
      configError(() => exportUsers(client, { checkpoint: { type: "cursor", cursor: "c1", export: "tickets" } })),
    ).toContain("this checkpoint belongs to the tickets export");
    expect(configError(() => exportTicketEvents(client, { checkpoint: { type: "time", startTime: 1.5 } }))).toContain(
      "whole seconds",
    );
    expect(configError(() => exportTickets(client, { checkpoint: "c1" as never }))).toContain(
      '`checkpoint` must be `{ type: "time", startTime }` or `{ type: "cursor", cursor }`',
    );
  });

  test("include values, perPage and options an export does not offer", () => {
    expect(configError(() => exportTickets(client, { startTime: T0, include: ["user" as never] }))).toContain(
      '`include` has "user"; this export offers "users", "groups"',
    );
    expect(configError(() => exportTickets(client, { startTime: T0, perPage: 1001 }))).toContain("from 1 to 1000");
    expect(configError(() => exportUsers(client, { startTime: T0, excludeDeleted: true } as never))).toContain(
      "`excludeDeleted` is not offered by this export",
    );
    expect(configError(() => exportTicketEvents(client, { startTime: T0, perPage: 10 } as never))).toContain(
      "`perPage` is not offered",
    );
  });
});
