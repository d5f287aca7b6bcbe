import nock from "nock";
import { describe, expect, test } from "vitest";
import { isZendeskError, NotFoundError, ValidationError } from "../src/index.js";
import { BASE, FAST_WAIT, range, testClient, useNock } from "./helpers.js";

useNock();

/** Records the `ids` query of every request to `path`, answering each with `answer(ids, n)`. */
function idsEndpoint(
  method: "put" | "delete",
  path: string,
  answer: (ids: number[], n: number) => [number, unknown?],
): number[][] {
  const seen: number[][] = [];
  nock(BASE)
    .persist()
    .intercept((uri) => uri.split("?")[0] === path, method.toUpperCase())
    .reply((uri) => {
      const ids = (new URL(uri, BASE).searchParams.get("ids") ?? "").split(",").map(Number);
      seen.push(ids);
      const [status, body] = answer(ids, seen.length);
      return body === undefined ? [status] : [status, body as nock.Body];
    });
  return seen;
}

const ticket = (id: number) => ({ id, subject: `Recovered ${id}`, requester_id: 9, status: "new" });
const suspended = (id: number, description: string) => ({
  id,
  subject: "Held back",
  cause: "Blocked sender",
  error_messages: [{ error: "BlockedSender", description }],
});

describe("restore and restoreMany", () => {
  test("restore sends one PUT and resolves with nothing", async () => {
    const scope = nock(BASE).put("/api/v2/deleted_tickets/12/restore").reply(200);
    await expect(testClient().restore(12)).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  test("restore of a ticket that is not deleted rejects with NotFoundError", async () => {
    nock(BASE)
      .put("/api/v2/deleted_tickets/13/restore")
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    const error = await testClient()
      .restore(13)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  test("restoreMany sends 230 ids as 100, 100 and 30, one result per id in input order", async () => {
    const seen = idsEndpoint("put", "/api/v2/deleted_tickets/restore_many", () => [200]);
    const ids = range(1, 230);
    const results = await testClient().restoreMany(ids);
    expect(seen).toEqual([range(1, 100), range(101, 200), range(201, 230)]);
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results.every((r) => r.restored)).toBe(true);
  });

  test("restoreMany names the refusal on every id of the refused batch and goes on with the next", async () => {
    idsEndpoint("put", "/api/v2/deleted_tickets/restore_many", (_ids, n) =>
      n === 1 ? [404, { error: "RecordNotFound", description: "Not found" }] : [200],
    );
    const results = await testClient().restoreMany(range(1, 5), { batchSize: 3 });
    expect(results.map((r) => r.restored)).toEqual([false, false, false, true, true]);
    const first = results[0];
    expect(first && !first.restored && first.error).toBeInstanceOf(NotFoundError);
  });

  test("restoreMany refuses a bad id or batch size before sending anything", async () => {
    await expect(testClient().restoreMany([1, 0])).rejects.toThrow(/restoreMany: every id must be a positive/);
    await expect(testClient().restoreMany([1], { batchSize: 101 })).rejects.toThrow(/batchSize/);
  });
});

describe("destroyPermanently", () => {
  test("waits for each job and returns one result per id, with the failures Zendesk reported", async () => {
    let polls = 0;
    const seen = idsEndpoint("delete", "/api/v2/deleted_tickets/destroy_many", (ids, n) => [
      200,
      {
        job_status: {
          id: `job${n}`,
          url: `${BASE}/api/v2/job_statuses/job${n}.json`,
          status: "queued",
          total: ids.length,
        },
      },
    ]);
    nock(BASE)
      .persist()
      .get((uri) => uri.startsWith("/api/v2/job_statuses/job1"))
      .reply(() => {
        polls++;
        const done = polls >= 2;
        return [
          200,
          {
            job_status: {
              id: "job1",
              url: `${BASE}/api/v2/job_statuses/job1.json`,
              status: done ? "completed" : "working",
              total: 2,
              progress: done ? 2 : 0,
              results: done
                ? [
                    { id: 5, action: "delete", success: true, status: "Deleted" },
                    {
                      id: 6,
                      action: "delete",
                      success: false,
                      status: "Failed",
                      error: "TicketDeleteFailed",
                      details: "Only deleted tickets can be erased for good",
                    },
                  ]
                : null,
            },
          },
        ];
      });
    const results = await testClient().destroyPermanently([5, 6], { wait: FAST_WAIT });
    expect(seen).toEqual([[5, 6]]);
    expect(polls).toBe(2);
    expect(results.map((r) => [r.id, r.success, r.error])).toEqual([
      [5, true, undefined],
      [6, false, "TicketDeleteFailed"],
    ]);
  });
});

describe("recoverSuspended and recoverSuspendedMany", () => {
  test("recoverSuspended resolves to the new ticket", async () => {
    nock(BASE)
      .put("/api/v2/suspended_tickets/3001/recover")
      .reply(200, { ticket: [ticket(77)] });
    const made = await testClient().recoverSuspended(3001);
    expect(made.id).toBe(77);
  });

  test("recoverSuspended rejects with ValidationError when Zendesk refuses", async () => {
    nock(BASE)
      .put("/api/v2/suspended_tickets/3006/recover")
      .reply(422, { ticket: [suspended(3006, "The sender is blocked")] });
    const error = await testClient()
      .recoverSuspended(3006)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(isZendeskError(error) && error.status).toBe(422);
  });

  test("recoverSuspendedMany sends 150 ids as 100 and 50, and pairs the tickets with the ids", async () => {
    const seen = idsEndpoint("put", "/api/v2/suspended_tickets/recover_many", (ids) => [
      200,
      { tickets: ids.map((id) => ticket(id + 10_000)) },
    ]);
    const ids = range(1, 150);
    const results = await testClient().recoverSuspendedMany(ids);
    expect(seen).toEqual([range(1, 100), range(101, 150)]);
    expect(results.map((r) => r.id)).toEqual(ids);
    const last = results[149];
    expect(last?.recovered && last.ticket?.id).toBe(10_150);
  });

  test("leaves the tickets out when Zendesk does not return one per id, rather than pair them wrongly", async () => {
    idsEndpoint("put", "/api/v2/suspended_tickets/recover_many", () => [200, { tickets: [ticket(500)] }]);
    const results = await testClient().recoverSuspendedMany([8, 9]);
    expect(results).toEqual([
      { id: 8, recovered: true },
      { id: 9, recovered: true },
    ]);
  });

  test("stops before the next batch when the signal is aborted", async () => {
    const controller = new AbortController();
    const seen = idsEndpoint("put", "/api/v2/suspended_tickets/recover_many", (ids) => {
      controller.abort(new Error("stop"));
      return [200, { tickets: ids.map(ticket) }];
    });
    await expect(
      testClient().recoverSuspendedMany(range(1, 4), { batchSize: 2, signal: controller.signal }),
    ).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
  });

  test("a 422 names the messages that failed and why; the others of the batch were recovered", async () => {
    idsEndpoint("put", "/api/v2/suspended_tickets/recover_many", () => [
      422,
      { suspended_tickets: [suspended(2, "The sender is blocked")] },
    ]);
    const results = await testClient().recoverSuspendedMany([1, 2, 3]);
    expect(results.map((r) => [r.id, r.recovered])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    const failed = results[1];
    expect(failed && !failed.recovered && failed.reason).toBe("The sender is blocked");
    expect(failed && !failed.recovered && failed.suspendedTicket?.id).toBe(2);
  });

  test("a batch refused as a whole gives each of its ids the error", async () => {
    idsEndpoint("put", "/api/v2/suspended_tickets/recover_many", () => [
      403,
      { error: "Forbidden", description: "You do not have access" },
    ]);
    const results = await testClient().recoverSuspendedMany([4, 5]);
    expect(results.map((r) => r.recovered)).toEqual([false, false]);
    const first = results[0];
    expect(first && !first.recovered && isZendeskError(first.error) && first.error.status).toBe(403);
  });
});

describe("destroySuspendedMany", () => {
  test("sends batches of 100 and resolves when every one is deleted", async () => {
    const seen = idsEndpoint("delete", "/api/v2/suspended_tickets/destroy_many", () => [204]);
    await testClient().destroySuspendedMany(range(1, 120));
    expect(seen).toEqual([range(1, 100), range(101, 120)]);
  });

  test("rejects with the refusal's error and sends no further batch", async () => {
    const seen = idsEndpoint("delete", "/api/v2/suspended_tickets/destroy_many", () => [
      400,
      { error: "InvalidValue", description: "Bad ids" },
    ]);
    await expect(testClient().destroySuspendedMany(range(1, 150))).rejects.toSatisfy(isZendeskError);
    expect(seen).toHaveLength(1);
  });
});
