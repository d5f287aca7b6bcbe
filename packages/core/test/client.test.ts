import { describe, expect, test } from "vitest";
import { RateLimiter, unwrap } from "../src/index.js";
import { BASIC, json, startServer, testClient, ticket } from "./helpers.js";

describe("base URL", () => {
  test("baseUrl with a path prefix keeps the prefix", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(3) }));
    const client = testClient(`${server.url}/proxy/zendesk/`);
    await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 3 } } });
    expect(server.requests[0]?.path).toBe("/proxy/zendesk/api/v2/tickets/3");
  });
});

describe("headers", () => {
  test("sends Accept, a zenfetch User-Agent with the caller's prefix, and the caller's headers", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const client = testClient(server.url, { userAgent: "my-app/1.2", headers: { "X-On-Behalf-Of": "someone" } });
    await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    const headers = server.requests[0]?.headers;
    expect(headers?.accept).toBe("application/json");
    expect(headers?.["user-agent"]).toMatch(/^my-app\/1\.2 zenfetch\/\d+\.\d+\.\d+/);
    expect(headers?.["x-on-behalf-of"]).toBe("someone");
  });

  test("middleware sees the request without the Authorization header", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const client = testClient(server.url);
    const seen: string[] = [];
    client.use({
      onRequest({ request }) {
        seen.push(...[...request.headers.keys()]);
      },
    });
    await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    expect(seen).toContain("accept");
    expect(seen).not.toContain("authorization");
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
  });

  test("middleware gets real Requests, registered or per call, and none after eject; each call still sends", async () => {
    const server = await startServer((req, res) => json(res, 201, { echoed: JSON.parse(req.body || "{}") }));
    const client = testClient(server.url);
    const kinds: string[] = [];
    const watcher = {
      onRequest({ request }: { request: Request }) {
        kinds.push(request instanceof Request ? "Request" : "other");
      },
      onResponse({ request }: { request: Request }) {
        kinds.push(request.headers.has("authorization") ? "leaked" : "clean");
      },
    };
    const post = (name: string, middleware?: (typeof watcher)[]) =>
      client.POST("/api/v2/users", { body: { user: { name, email: `${name}@acme.test` } }, middleware });
    await post("Per call", [watcher]);
    client.use(watcher);
    await post("Registered");
    client.eject(watcher);
    const plain = await post("Plain");
    expect(kinds).toEqual(["Request", "clean", "Request", "clean"]);
    expect(plain.data).toEqual({ echoed: { user: { name: "Plain", email: "Plain@acme.test" } } });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Basic ${BASIC}`));
    expect(server.requests.map((r) => JSON.parse(r.body).user.name)).toEqual(["Per call", "Registered", "Plain"]);
  });
});

describe("results", () => {
  test("GET resolves to { data, error, response } without throwing on 404", async () => {
    const server = await startServer((_req, res) =>
      json(res, 404, { error: "RecordNotFound", description: "Not found" }),
    );
    const client = testClient(server.url);
    const result = await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 9 } } });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual({ error: "RecordNotFound", description: "Not found" });
    expect(result.response.status).toBe(404);
  });

  test("POST sends the JSON body; DELETE with 204 gives no data", async () => {
    const server = await startServer((req, res) => {
      if (req.method === "POST")
        return json(res, 201, { ticket: { ...ticket(5), subject: JSON.parse(req.body).ticket.subject } });
      res.writeHead(204);
      res.end();
    });
    const client = testClient(server.url);
    const created = unwrap(
      await client.POST("/api/v2/tickets", { body: { ticket: { subject: "Help", comment: { body: "It broke" } } } }),
    );
    expect(created.ticket.subject).toBe("Help");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      ticket: { subject: "Help", comment: { body: "It broke" } },
    });
    const deleted = await client.DELETE("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 5 } } });
    expect(deleted.response.status).toBe(204);
    expect(deleted.data).toBeUndefined();
  });
});

describe("query parameters", () => {
  test("a list goes out as one comma-separated value, as Zendesk reads it", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const client = testClient(server.url);
    const params = { path: { ticket_id: 1 }, query: { include: ["users", "groups"] } } as never;
    await client.GET("/api/v2/tickets/{ticket_id}", { params });
    expect(server.requests[0]?.url.searchParams.getAll("include")).toEqual(["users,groups"]);
  });
});

describe("signals", () => {
  test("the client's default signal aborts its requests", async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const client = testClient(server.url, { signal: controller.signal });
    const pending = client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    setTimeout(() => controller.abort(new Error("shutting down")), 20);
    await expect(pending).rejects.toThrow("shutting down");
  });

  test("a call's own signal works alongside the default one", async () => {
    const server = await startServer(() => {});
    const client = testClient(server.url, { signal: new AbortController().signal });
    const controller = new AbortController();
    const pending = client.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("call cancelled")), 20);
    await expect(pending).rejects.toThrow("call cancelled");
  });
});

describe("isolation", () => {
  test("two clients share neither credentials nor limiter unless told to", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const a = testClient(server.url, { auth: { oauthToken: "token-a" } });
    const b = testClient(server.url, { auth: { oauthToken: "token-b" } });
    await a.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    await b.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-a", "Bearer token-b"]);
    expect(a.limiter).not.toBe(b.limiter);
    const shared = new RateLimiter();
    expect(testClient(server.url, { limiter: shared }).limiter).toBe(shared);
  });
});
