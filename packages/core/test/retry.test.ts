import { describe, expect, test } from "vitest";
import {
  ConnectionError,
  isRateLimitError,
  parseRetryAfter,
  RateLimitError,
  RequestTimeoutError,
  type RetryEvent,
  ServerError,
  unwrap,
} from "../src/index.js";
import { json, startServer, testClient, ticket, within } from "./helpers.js";

const getTicket = (client: ReturnType<typeof testClient>) =>
  client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });

type Method = "GET" | "PUT" | "DELETE" | "POST" | "PATCH";

/** Calls one fixture operation with each method. */
function callWith(client: ReturnType<typeof testClient>, method: Method) {
  switch (method) {
    case "GET":
      return client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    case "PUT":
      return client.PUT("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: 1 } },
        body: { ticket: { status: "solved" } },
      });
    case "DELETE":
      return client.DELETE("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    case "POST":
      return client.POST("/api/v2/users", { body: { user: { name: "Ann", email: "ann@acme.test" } } });
    case "PATCH":
      return client.PATCH("/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}", {
        params: { path: { custom_object_key: "car", custom_object_record_id: "r1" } },
        body: { custom_object_record: { name: "Civic" } },
      });
  }
}

/** A server that answers `status` first, then 200. */
const failOnce = (status: number, headers: Record<string, string> = {}) =>
  startServer((_req, res, n) =>
    n === 1
      ? json(res, status, { error: "Oops", description: `status ${status}` }, headers)
      : json(res, 200, { ok: true }),
  );

describe("Retry-After", () => {
  test("429 with Retry-After in seconds: waits that long, then returns the retry's data", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1
        ? json(res, 429, { error: "APIRateLimitExceeded" }, { "retry-after": "1" })
        : json(res, 200, { ticket: ticket(1) }),
    );
    const result = await getTicket(testClient(server.url));
    expect(result.data?.ticket.id).toBe(1);
    expect(server.requests).toHaveLength(2);
    const gap = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
  });

  test("429 with Retry-After as an HTTP date: waits until that moment", async () => {
    let until = 0;
    const server = await startServer((_req, res, n) => {
      if (n > 1) return json(res, 200, { ticket: ticket(1) });
      until = Math.ceil((Date.now() + 1_000) / 1000) * 1000; // HTTP dates have whole seconds
      json(res, 429, { error: "APIRateLimitExceeded" }, { "retry-after": new Date(until).toUTCString() });
    });
    const result = await getTicket(testClient(server.url));
    expect(result.response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.at ?? 0).toBeGreaterThanOrEqual(until - 50);
  });

  test("a Retry-After longer than maxRetryAfterMs fails at once with a RateLimitError carrying the wait", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: "APIRateLimitExceeded", description: "Rate limit exceeded" }, { "retry-after": "3600" }),
    );
    const started = Date.now();
    const result = await getTicket(testClient(server.url));
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as RateLimitError).message).toContain("Retry-After 3600 s");
  });

  test("a 503 asking for longer than maxRetryAfterMs fails at once with a ServerError carrying the wait", async () => {
    const server = await startServer((_req, res) => json(res, 503, { error: "Unavailable" }, { "retry-after": "600" }));
    const result = await getTicket(testClient(server.url));
    expect(server.requests).toHaveLength(1);
    expect(() => unwrap(result)).toThrow(ServerError);
    try {
      unwrap(result);
    } catch (error) {
      expect((error as ServerError).retryAfterMs).toBe(600_000);
    }
  });

  test("without Retry-After a 429 is retried with backoff up to the limit, then returned", async () => {
    const server = await startServer((_req, res) => json(res, 429, { error: "APIRateLimitExceeded" }));
    const client = testClient(server.url, { retry: { limit: 2, baseDelayMs: 20, maxDelayMs: 40 } });
    const started = Date.now();
    const result = await getTicket(client);
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10 + 20); // jitter keeps at least half of 20 then 40
    expect(result.response.status).toBe(429);
    expect(() => unwrap(result)).toThrow(RateLimitError);
  });

  test("429 with Retry-After 0 or a past date: waits at least 250 ms, growing, and stops at the retry limit", async () => {
    for (const retryAfter of ["0", "Thu, 01 Jan 1970 00:00:00 GMT"]) {
      const server = await startServer((_req, res) => json(res, 429, {}, { "retry-after": retryAfter }));
      const started = Date.now();
      const result = await getTicket(testClient(server.url, { retry: { limit: 2 } }));
      expect(result.response.status).toBe(429);
      expect(server.requests).toHaveLength(3);
      const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at as number));
      expect(gaps[0]).toBeGreaterThanOrEqual(240);
      expect(gaps[1]).toBeGreaterThanOrEqual(490);
      expect(Date.now() - started).toBeGreaterThanOrEqual(740);
    }
  });

  test("retry: false sends once", async () => {
    const server = await startServer((_req, res) => json(res, 429, {}, { "retry-after": "0" }));
    const result = await getTicket(testClient(server.url, { retry: false }));
    expect(server.requests).toHaveLength(1);
    expect(result.response.status).toBe(429);
  });
});

describe("which methods and statuses are retried", () => {
  test.each([
    ["GET", 429, 2],
    ["POST", 429, 2],
    ["PATCH", 429, 2],
    ["GET", 503, 2],
    ["POST", 503, 2],
    ["PATCH", 503, 2],
    ["GET", 502, 2],
    ["PUT", 502, 2],
    ["DELETE", 504, 2],
    ["GET", 504, 2],
    ["POST", 502, 1],
    ["POST", 504, 1],
    ["PATCH", 502, 1],
    ["PATCH", 504, 1],
    ["GET", 500, 1],
    ["PUT", 500, 1],
    ["GET", 404, 1],
    ["POST", 422, 1],
  ] as const)("%s answered %i: %i request(s)", async (method, status, expected) => {
    const server = await failOnce(status, { "retry-after": "0" });
    const result = await callWith(testClient(server.url), method);
    expect(server.requests).toHaveLength(expected);
    expect(server.requests.every((r) => r.method === method)).toBe(true);
    expect(result.response.status).toBe(expected === 2 ? 200 : status);
  });

  test("a network error is retried for GET", async () => {
    const server = await startServer((_req, res, n) => {
      if (n === 1) {
        res.socket?.destroy();
        return;
      }
      json(res, 200, { ticket: ticket(1) });
    });
    const result = await getTicket(testClient(server.url));
    expect(server.requests).toHaveLength(2);
    expect(result.data?.ticket.id).toBe(1);
  });

  test("a network error is not retried for POST without an idempotency key, and rejects with ConnectionError", async () => {
    const server = await startServer((_req, res) => {
      res.socket?.destroy();
    });
    const pending = callWith(testClient(server.url), "POST");
    await expect(pending).rejects.toBeInstanceOf(ConnectionError);
    await expect(pending).rejects.toMatchObject({ method: "POST", status: undefined });
    expect(server.requests).toHaveLength(1);
  });

  test("the limit counts retries: limit 2 means 3 attempts at most, then the last error", async () => {
    const server = await startServer((_req, res) => {
      res.socket?.destroy();
    });
    await expect(getTicket(testClient(server.url, { retry: { limit: 2, baseDelayMs: 1 } }))).rejects.toThrow(
      ConnectionError,
    );
    expect(server.requests).toHaveLength(3);
  });
});

describe("Idempotency-Key", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const create = (client: ReturnType<typeof testClient>, header?: { "Idempotency-Key": string }) =>
    client.POST("/api/v2/tickets", {
      params: header ? { header } : {},
      body: { ticket: { subject: "Printer on fire", comment: { body: "Smoke" } } },
    });

  test("POST /api/v2/tickets sends one generated key, the same on every attempt, with the same body", async () => {
    const server = await startServer((_req, res, n) =>
      n < 3 ? json(res, n === 1 ? 502 : 504, { error: "Bad gateway" }) : json(res, 201, { ticket: ticket(1) }),
    );
    const result = await create(testClient(server.url));
    expect(result.response.status).toBe(201);
    expect(server.requests).toHaveLength(3);
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(server.requests[2]?.body ?? "")).toEqual({
      ticket: { subject: "Printer on fire", comment: { body: "Smoke" } },
    });
  });

  test("each call gets its own key", async () => {
    const server = await startServer((_req, res) => json(res, 201, { ticket: ticket(1) }));
    const client = testClient(server.url);
    await create(client);
    await create(client);
    const [a, b] = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  test("the caller's key is kept, and a network error is retried since the key makes it safe", async () => {
    const server = await startServer((_req, res, n) => {
      if (n === 1) {
        res.socket?.destroy();
        return;
      }
      json(res, 201, { ticket: ticket(1) });
    });
    const result = await create(testClient(server.url), { "Idempotency-Key": "order-42" });
    expect(result.response.status).toBe(201);
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["order-42", "order-42"]);
  });

  test("operations without the idempotencyKey flag get no key", async () => {
    const server = await startServer((_req, res) => json(res, 201, { user: { id: 1, name: "Ann" } }));
    await callWith(testClient(server.url), "POST");
    expect(server.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });
});

describe("timeouts and aborts", () => {
  test("a GET that times out is retried, then rejects with RequestTimeoutError", async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    const client = testClient(server.url, { timeoutMs: 50, retry: { limit: 1, baseDelayMs: 1 } });
    const pending = getTicket(client);
    await expect(pending).rejects.toBeInstanceOf(RequestTimeoutError);
    await expect(pending).rejects.toMatchObject({ timeoutMs: 50, method: "GET" });
    await expect(pending).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(2);
  });

  test("a POST that times out is not retried", async () => {
    const server = await startServer(() => {});
    const client = testClient(server.url, { timeoutMs: 50 });
    await expect(callWith(client, "POST")).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  test("the timeout covers the body too: one that arrives in time is read, one that trickles past it times out", async () => {
    const server = await startServer((_req, res, count) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"ticket":');
      setTimeout(() => res.end(JSON.stringify(ticket(1)).concat("}")), count === 1 ? 30 : 500);
    });
    const client = testClient(server.url, { timeoutMs: 200, retry: false });
    const result = await getTicket(client);
    expect(result.data?.ticket.id).toBe(1);
    const error = await getTicket(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toContain("reading the body (status 200)");
  });

  test("an abort while the body is still arriving stops the read with the abort reason", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"ticket":'); // and never the rest
    });
    const controller = new AbortController();
    const pending = testClient(server.url).GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(within(pending, 1_000)).rejects.toThrow("user left");
  });

  test("an abort during a retry's wait rejects promptly with the abort reason", async () => {
    const server = await startServer((_req, res) => json(res, 429, {}, { "retry-after": "2" }));
    const client = testClient(server.url, { retry: { limit: 3, maxRetryAfterMs: 5_000 } });
    const controller = new AbortController();
    const reason = new Error("user gave up");
    const pending = client.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(within(pending, 1_000)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(600);
    expect(server.requests).toHaveLength(1);
  });

  test("an abort during the network wait rejects with the abort reason, not a ConnectionError", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const pending = testClient(server.url).GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
  });
});

describe("onRetry", () => {
  test("is told of each retry: attempt, status, delay", async () => {
    const server = await startServer((_req, res, n) =>
      n < 3 ? json(res, 503, {}, { "retry-after": "0" }) : json(res, 200, { ticket: ticket(1) }),
    );
    const events: RetryEvent[] = [];
    await getTicket(testClient(server.url, { onRetry: (e) => events.push(e) }));
    expect(events.map((e) => [e.attempt, e.status, e.delayMs, e.method])).toEqual([
      // Retry-After: 0 still waits a little, and more each time.
      [1, 503, 250, "GET"],
      [2, 503, 500, "GET"],
    ]);
    expect(events[0]?.url).toBe(`${server.url}/api/v2/tickets/1`);
  });
});

describe("parseRetryAfter", () => {
  test("reads seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1_500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });

  test("the RateLimitError guard works across realms by name", () => {
    const foreign = Object.assign(new Error("x"), { name: "RateLimitError" });
    expect(isRateLimitError(foreign)).toBe(true);
    expect(isRateLimitError(new Error("x"))).toBe(false);
  });
});
