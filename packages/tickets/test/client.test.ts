import * as core from "@zenfetch/core";
import nock from "nock";
import { describe, expect, test } from "vitest";
import * as tickets from "../src/index.js";
import {
  createTicketsClient,
  isNotFoundError,
  JobFailedError,
  NotFoundError,
  operations,
  unwrap,
  ValidationError,
  ZendeskConfigError,
} from "../src/index.js";
import { BASE, distinct, EMAIL, FAST_WAIT, TOKEN, testClient, useNock } from "./helpers.js";

useNock();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const created = (id: number) => ({ ticket: { id, requester_id: 1, subject: "Printer on fire" } });
const body = { ticket: { subject: "Printer on fire", comment: { body: "The printer is on fire." } } };

/** Answers POST /api/v2/tickets with `answers` in turn and records each attempt's key and body. */
function createEndpoint(answers: ((uri: string) => nock.ReplyFnResult)[]) {
  const attempts: { keys: string[]; body: unknown }[] = [];
  nock(BASE)
    .persist()
    .post("/api/v2/tickets")
    .reply(function (uri, requestBody) {
      attempts.push({ keys: distinct(this.req.headers["idempotency-key"]), body: requestBody });
      const answer = answers[Math.min(attempts.length, answers.length) - 1];
      return answer ? answer(uri) : [500, {}];
    });
  return attempts;
}

describe("createTicketsClient", () => {
  test("is core's client on the tickets operations, with the account's credentials", async () => {
    let authorization: string[] = [];
    nock(BASE)
      .get("/api/v2/tickets/42")
      .reply(function () {
        authorization = distinct(this.req.headers.authorization);
        return [200, created(42)];
      });
    const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: EMAIL, apiToken: TOKEN } });
    const { ticket } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 42 } } }),
    );
    expect(ticket.id).toBe(42);
    expect(authorization).toEqual([`Basic ${btoa(`${EMAIL}/token:${TOKEN}`)}`]);
    expect(zendesk.operations).toBe(operations);
    expect(zendesk.baseUrl).toBe(BASE);
  });

  test("checks its options like core", () => {
    expect(() => createTicketsClient({ subdomain: "acme.zendesk.com", auth: { oauthToken: "t" } })).toThrow(
      ZendeskConfigError,
    );
  });

  test("re-exports core's errors, guards and helpers as the same objects", () => {
    const mine = tickets as Record<string, unknown>;
    const theirs = core as Record<string, unknown>;
    for (const name of [
      "unwrap",
      "ZendeskError",
      "AuthenticationError",
      "PermissionError",
      "NotFoundError",
      "ValidationError",
      "RateLimitError",
      "ServerError",
      "ConnectionError",
      "RequestTimeoutError",
      "ResponseParseError",
      "PaginationError",
      "JobFailedError",
      "JobTimeoutError",
      "ZendeskConfigError",
      "isZendeskError",
      "isRateLimitError",
      "isJobFailedError",
      "RateLimiter",
      "parseRetryAfter",
    ] as const) {
      expect(mine[name], name).toBe(theirs[name]);
    }
  });
});

describe("POST /api/v2/tickets", () => {
  test("sends an Idempotency-Key, the same one (and the same body) on the retry after a 503", async () => {
    const attempts = createEndpoint([
      () => [503, { error: "ServiceUnavailable" }, { "Retry-After": "0" }],
      () => [201, created(7)],
    ]);
    const { data, response } = await testClient().POST("/api/v2/tickets", { body });

    expect(response.status).toBe(201);
    expect(data?.ticket.id).toBe(7);
    expect(attempts).toHaveLength(2);
    const [first, second] = attempts.map((a) => a.keys);
    expect(first).toHaveLength(1);
    expect(first?.[0]).toMatch(UUID);
    expect(second).toEqual(first);
    expect(attempts.map((a) => a.body)).toEqual([body, body]);
  });

  test("also retries a network error with the same key, since the key makes it safe", async () => {
    nock(BASE).post("/api/v2/tickets").replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    const attempts = createEndpoint([() => [201, created(8)]]);
    const keys: string[] = [];
    const zendesk = testClient({
      fetch: (request, init) => {
        keys.push(...distinct(request.headers.get("idempotency-key") ?? ""));
        return fetch(request, init);
      },
    });
    const { ticket } = unwrap(await zendesk.POST("/api/v2/tickets", { body }));
    expect(ticket.id).toBe(8);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(attempts[0]?.keys).toEqual([keys[0]]);
  });

  test("two calls get two keys", async () => {
    const attempts = createEndpoint([() => [201, created(1)]]);
    const zendesk = testClient();
    await zendesk.POST("/api/v2/tickets", { body });
    await zendesk.POST("/api/v2/tickets", { body });
    expect(attempts[0]?.keys[0]).not.toBe(attempts[1]?.keys[0]);
  });

  test("keeps a key the caller gives in `headers` or as the typed header parameter, on every attempt", async () => {
    const attempts = createEndpoint([
      () => [503, {}, { "Retry-After": "0" }],
      () => [201, created(2)],
      () => [201, created(3)],
    ]);
    const zendesk = testClient();
    await zendesk.POST("/api/v2/tickets", { body, headers: { "Idempotency-Key": "order-1234" } });
    await zendesk.POST("/api/v2/tickets", { body, params: { header: { "Idempotency-Key": "order-5678" } } });
    expect(attempts.map((a) => a.keys)).toEqual([["order-1234"], ["order-1234"], ["order-5678"]]);
  });

  test("create_many sends no Idempotency-Key: only operations that declare one get it", async () => {
    let keys: string[] = ["unset"];
    nock(BASE)
      .post("/api/v2/tickets/create_many")
      .reply(function () {
        keys = distinct(this.req.headers["idempotency-key"]);
        return [
          200,
          {
            job_status: {
              id: "j1",
              url: `${BASE}/api/v2/job_statuses/j1.json`,
              status: "queued",
              total: 1,
              progress: 0,
              message: null,
              results: null,
            },
          },
        ];
      });
    await testClient().POST("/api/v2/tickets/create_many", { body: { tickets: [body.ticket] } });
    expect(keys).toEqual([]);
  });

  test("a 422 comes back as { error }; unwrap throws a ValidationError naming the field", async () => {
    createEndpoint([
      () => [
        422,
        {
          error: "RecordInvalid",
          description: "Record validation errors",
          details: { requester: [{ description: "Requester: is invalid" }] },
        },
      ],
    ]);
    const result = await testClient().POST("/api/v2/tickets", { body });
    expect(result.error).toMatchObject({ error: "RecordInvalid" });
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([
      { field: "requester", description: "Requester: is invalid", error: undefined },
    ]);
  });
});

describe("paginate", () => {
  /** Serves `pages` pages of `perPage` tickets on a cursor list, following `links.next`. */
  function cursorList(path: string, key: string, pages: number, perPage: number) {
    const seen: URLSearchParams[] = [];
    nock(BASE)
      .persist()
      .get((uri) => uri.split("?")[0] === path || uri.split("?")[0] === `${path}.json`)
      .reply((uri) => {
        const query = new URL(uri, BASE).searchParams;
        seen.push(query);
        const page = Number(query.get("page[after]")?.slice(1) ?? 0);
        const items = Array.from({ length: perPage }, (_, i) => ({ id: page * perPage + i + 1, requester_id: 1 }));
        const more = page + 1 < pages;
        return [
          200,
          {
            [key]: items,
            meta: { has_more: more, after_cursor: more ? `c${page + 1}` : null, before_cursor: `c${page}` },
            links: {
              next: more ? `${BASE}${path}.json?page%5Bafter%5D=c${page + 1}&page%5Bsize%5D=${perPage}` : null,
              prev: null,
            },
          },
        ];
      });
    return seen;
  }

  test("streams /api/v2/tickets across many cursor pages, in order", async () => {
    const seen = cursorList("/api/v2/tickets", "tickets", 12, 100);
    const ids: number[] = [];
    for await (const ticket of testClient().paginate("/api/v2/tickets")) ids.push(ticket.id as number);

    expect(ids).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(seen).toHaveLength(12);
    expect(seen[0]?.get("page[size]")).toBe("100");
    expect(seen.slice(1).map((q) => q.get("page[after]"))).toEqual(Array.from({ length: 11 }, (_, i) => `c${i + 1}`));
  });

  test("break stops fetching: 150 tickets take two pages", async () => {
    const seen = cursorList("/api/v2/tickets", "tickets", 12, 100);
    let count = 0;
    for await (const _ticket of testClient().paginate("/api/v2/tickets")) if (++count === 150) break;
    expect(seen).toHaveLength(2);
  });

  test("a view's tickets, a ticket's comments, audits and incidents page the same way", async () => {
    cursorList("/api/v2/views/9/tickets", "tickets", 3, 2);
    cursorList("/api/v2/tickets/5/comments", "comments", 2, 3);
    cursorList("/api/v2/tickets/5/audits", "audits", 2, 2);
    cursorList("/api/v2/tickets/5/incidents", "tickets", 1, 4);
    const zendesk = testClient();
    const collect = async <T extends { id?: number }>(items: AsyncIterable<T>) => {
      const ids: (number | undefined)[] = [];
      for await (const item of items) ids.push(item.id);
      return ids;
    };
    const ticket = { params: { path: { ticket_id: 5 } } };
    expect(
      await collect(zendesk.paginate("/api/v2/views/{view_id}/tickets", { params: { path: { view_id: 9 } } })),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await collect(zendesk.paginate("/api/v2/tickets/{ticket_id}/comments", ticket))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await collect(zendesk.paginate("/api/v2/tickets/{ticket_id}/audits", ticket))).toEqual([1, 2, 3, 4]);
    expect(await collect(zendesk.paginate("/api/v2/tickets/{ticket_id}/incidents", ticket))).toEqual([1, 2, 3, 4]);
  });

  test("an error mid-stream comes after the items already fetched, as a typed error", async () => {
    nock(BASE)
      .get("/api/v2/tickets")
      .query(true)
      .reply(200, {
        tickets: [{ id: 1, requester_id: 1 }],
        meta: { has_more: true, after_cursor: "c1", before_cursor: null },
        links: { next: `${BASE}/api/v2/tickets.json?page%5Bafter%5D=c1&page%5Bsize%5D=100`, prev: null },
      });
    nock(BASE)
      .get("/api/v2/tickets")
      .query({ "page[after]": "c1", "page[size]": "100" })
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    const ids: number[] = [];
    const error = await (async () => {
      for await (const t of testClient().paginate("/api/v2/tickets")) ids.push(t.id as number);
    })().catch((e: unknown) => e);
    expect(ids).toEqual([1]);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as NotFoundError).resume?.url).toBe(`${BASE}/api/v2/tickets?page[after]=c1&page[size]=100`);
  });
});

describe("typed calls on literal paths", () => {
  test("show, update and delete a ticket", async () => {
    const bodies: unknown[] = [];
    nock(BASE).get("/api/v2/tickets/3").reply(200, created(3));
    nock(BASE)
      .put("/api/v2/tickets/3")
      .reply((_uri, b) => {
        bodies.push(b);
        return [200, { ticket: { id: 3, requester_id: 1, status: "solved" } }];
      });
    nock(BASE).delete("/api/v2/tickets/3").reply(204);
    const zendesk = testClient();
    const path = { params: { path: { ticket_id: 3 } } };

    expect(unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", path)).ticket.subject).toBe("Printer on fire");
    const update = { ticket: { status: "solved" as const, comment: { body: "Fixed.", public: false } } };
    expect(unwrap(await zendesk.PUT("/api/v2/tickets/{ticket_id}", { ...path, body: update })).ticket.status).toBe(
      "solved",
    );
    expect((await zendesk.DELETE("/api/v2/tickets/{ticket_id}", path)).response.status).toBe(204);
    expect(bodies).toEqual([update]);
  });

  test("tags: list, add, replace, remove", async () => {
    const calls: string[] = [];
    for (const method of ["GET", "PUT", "POST", "DELETE"] as const) {
      nock(BASE)
        .intercept("/api/v2/tickets/3/tags", method)
        .reply((_uri, b) => {
          calls.push(`${method} ${JSON.stringify(b ?? null)}`);
          return [method === "POST" ? 201 : 200, { tags: ["vip"] }];
        });
    }
    const zendesk = testClient();
    const path = { params: { path: { ticket_id: 3 } } };
    expect(unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}/tags", path)).tags).toEqual(["vip"]);
    await zendesk.PUT("/api/v2/tickets/{ticket_id}/tags", { ...path, body: { tags: ["vip"] } });
    await zendesk.POST("/api/v2/tickets/{ticket_id}/tags", { ...path, body: { tags: ["vip"] } });
    await zendesk.DELETE("/api/v2/tickets/{ticket_id}/tags", { ...path, body: { tags: ["old"] } });
    expect(calls).toEqual(['GET ""', 'PUT {"tags":["vip"]}', 'POST {"tags":["vip"]}', 'DELETE {"tags":["old"]}']);
  });

  test("collaborators and a 404 through unwrap", async () => {
    nock(BASE)
      .get("/api/v2/tickets/3/collaborators")
      .reply(200, { users: [{ id: 11, name: "Ann" }] });
    nock(BASE).get("/api/v2/tickets/4/collaborators").reply(404, { error: "RecordNotFound", description: "Not found" });
    const zendesk = testClient();
    const { users } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/collaborators", { params: { path: { ticket_id: 3 } } }),
    );
    expect(users.map((u) => u.name)).toEqual(["Ann"]);
    const missing = await zendesk.GET("/api/v2/tickets/{ticket_id}/collaborators", {
      params: { path: { ticket_id: 4 } },
    });
    expect(() => unwrap(missing)).toThrow(NotFoundError);
  });

  test("merge, then wait for its job; a failed merge throws JobFailedError", async () => {
    const job = (id: string, status: string) => ({
      job_status: {
        id,
        url: `${BASE}/api/v2/job_statuses/${id}.json`,
        status,
        total: 2,
        progress: 0,
        message: null,
        results: null,
      },
    });
    const bodies: unknown[] = [];
    nock(BASE)
      .post("/api/v2/tickets/3/merge")
      .twice()
      .reply((_uri, b) => {
        bodies.push(b);
        return [200, job(bodies.length === 1 ? "m1" : "m2", "queued")];
      });
    nock(BASE).get("/api/v2/job_statuses/m1").reply(200, job("m1", "working"));
    nock(BASE).get("/api/v2/job_statuses/m1").reply(200, job("m1", "completed"));
    nock(BASE).get("/api/v2/job_statuses/m2").reply(200, job("m2", "failed"));
    const zendesk = testClient();
    const merge = { ids: [4, 5], target_comment: "Merged 4 and 5", source_comment: "Merged into 3" };

    const { job_status } = unwrap(
      await zendesk.POST("/api/v2/tickets/{ticket_id}/merge", { params: { path: { ticket_id: 3 } }, body: merge }),
    );
    expect((await zendesk.waitForJob(job_status, FAST_WAIT)).status).toBe("completed");
    const second = unwrap(
      await zendesk.POST("/api/v2/tickets/{ticket_id}/merge", { params: { path: { ticket_id: 3 } }, body: merge }),
    );
    await expect(zendesk.waitForJob(second.job_status, FAST_WAIT)).rejects.toThrow(JobFailedError);
    expect(bodies).toEqual([merge, merge]);
  });
});
