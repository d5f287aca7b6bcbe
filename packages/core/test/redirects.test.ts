// Redirects against loopback servers (two ports are two origins): the client follows one only within the
// origin and only for a GET or HEAD, a few times at most; anything else is a RedirectError naming the status and
// the target, without credentials, and nothing (no body, no Authorization) goes where the caller did not address.
import { describe, expect, test } from "vitest";
import { followRedirects } from "../src/http/redirect.js";
import { isRedirectError, isZendeskError, RedirectError } from "../src/index.js";
import { BASIC, json, startServer, TOKEN, testClient } from "./helpers.js";

const user = (id: number) => ({ id, name: `User ${id}` });

type Loose = (path: string, init?: unknown) => Promise<{ data?: unknown; response: Response }>;
const T1 = { params: { path: { ticket_id: 1 } } };

describe("redirects", () => {
  test("a GET within the origin is followed, with its credentials, and the answer is the target's", async () => {
    const server = await startServer((req, res) => {
      if (req.url.pathname === "/api/v2/tickets/1") {
        res.writeHead(301, { location: "/api/v2/tickets/2" }).end();
      } else json(res, 200, { ticket: { id: 2 } });
    });
    const { data } = await testClient(server.url).GET("/api/v2/tickets/{ticket_id}", T1);
    expect(data).toEqual({ ticket: { id: 2 } });
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ["/api/v2/tickets/1", `Basic ${BASIC}`],
      ["/api/v2/tickets/2", `Basic ${BASIC}`],
    ]);
  });

  test("a redirect to another origin is refused: nothing is sent there", async () => {
    const other = await startServer((_req, res) => json(res, 200, { ticket: { id: 9 } }));
    const target = `${other.url.replace("http://", "http://agent:S3CR3T@")}/api/v2/tickets/9?x=1`;
    const server = await startServer((_req, res) => res.writeHead(302, { location: target }).end());
    const error = await testClient(server.url)
      .GET("/api/v2/tickets/{ticket_id}", T1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(isRedirectError(error)).toBe(true);
    expect(isZendeskError(error)).toBe(true);
    const redirect = error as RedirectError;
    expect(redirect.message).toContain(
      `GET ${server.url}/api/v2/tickets/1: not following the 302 redirect to ${other.url}/api/v2/tickets/9?x=1`,
    );
    expect(redirect.message).toContain("credentials stay there");
    expect(JSON.stringify(redirect)).not.toContain("S3CR3T");
    expect(redirect.status).toBe(302);
    expect(redirect.location).toBe(`${other.url}/api/v2/tickets/9?x=1`);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  test.each([307, 308, 303, 302])("a write is never sent again, nor turned into a GET, on a %i", async (status) => {
    const server = await startServer((req, res) => {
      if (req.url.pathname === "/api/v2/tickets") res.writeHead(status, { location: "/api/v2/elsewhere" }).end();
      else json(res, 200, { ok: true });
    });
    const post = testClient(server.url).POST as unknown as Loose;
    await expect(post("/api/v2/tickets", { body: { ticket: { subject: "x" } } })).rejects.toThrow(
      `not following the ${status} redirect to ${server.url}/api/v2/elsewhere: a POST is sent only where it was addressed`,
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v2/tickets"]);
  });

  test("a loop stops after 5 redirects", async () => {
    const server = await startServer((req, res) =>
      res.writeHead(302, { location: `/api/v2/tickets/${Number(req.url.pathname.split("/").pop()) + 1}` }).end(),
    );
    await expect(testClient(server.url).GET("/api/v2/tickets/{ticket_id}", T1)).rejects.toThrow(
      "more than 5 redirects in a row",
    );
    expect(server.requests).toHaveLength(6);
  });

  test("https to http is refused even on the same host", async () => {
    const moved = new Response(null, { status: 301, headers: { location: "http://acme.zendesk.com/api/v2/tickets" } });
    const send = () => Promise.reject(new Error("must not be sent"));
    await expect(
      followRedirects(moved, "https://acme.zendesk.com/api/v2/tickets", { method: "GET", signal: undefined }, send),
    ).rejects.toThrow(
      "GET https://acme.zendesk.com/api/v2/tickets: not following the 301 redirect to http://acme.zendesk.com/api/v2/tickets: it leaves https://acme.zendesk.com for plain http",
    );
  });

  test("a browser's opaque redirect (status 0, target hidden) is an error, not an empty answer", async () => {
    const opaque = {
      status: 0,
      type: "opaqueredirect",
      redirected: false,
      ok: false,
      headers: new Headers(),
      body: null,
    };
    const client = testClient("https://acme.zendesk.com", { fetch: async () => opaque as unknown as Response });
    await expect(client.GET("/api/v2/tickets/{ticket_id}", T1)).rejects.toThrow(
      "GET https://acme.zendesk.com/api/v2/tickets/1: not following the opaque redirect to a target the runtime hides",
    );
  });

  test("a page a custom fetch reached through a redirect to another host is refused", async () => {
    const other = await startServer((_req, res) => json(res, 200, { users: [user(99)], meta: { has_more: false } }));
    const server = await startServer((req, res) => {
      if (req.url.searchParams.has("page[after]")) {
        res.writeHead(302, { location: `${other.url}/api/v2/users` }).end();
        return;
      }
      json(res, 200, {
        users: [user(1)],
        meta: { has_more: true, after_cursor: "c1" },
        links: { next: `${server.url}/api/v2/users?page%5Bafter%5D=c1` },
      });
    });
    // A fetch that ignores `redirect: "manual"` and follows by itself.
    const client = testClient(server.url, {
      fetch: (request) => fetch(request.url, { method: request.method, headers: request.headers, redirect: "follow" }),
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of client.paginate("/api/v2/users")) seen.push((item as { id: number }).id);
    })().catch((e: unknown) => e);
    expect(isRedirectError(error)).toBe(true);
    expect((error as Error).message).toContain(`to ${other.url}/api/v2/users: it leaves ${server.url}`);
    expect(seen).toEqual([1]);
    for (const request of other.requests) expect(request.headers.authorization).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
