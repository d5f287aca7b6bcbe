import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  createZendeskClient,
  type RetryEvent,
  unwrap,
  type ZendeskAuth,
  type ZendeskClientOptions,
} from "../src/index.js";
import { BASIC, EMAIL, json, PASSWORD, startServer, TOKEN, testClient } from "./helpers.js";

const OAUTH = "oauth-S3CR3T-0123456789";
const BASIC_PASSWORD = Buffer.from(`${EMAIL}:${PASSWORD}`).toString("base64");
const SECRETS = [TOKEN, PASSWORD, OAUTH, BASIC, BASIC_PASSWORD, "Basic ", "Bearer "];

/** Every way an error or hook value can end up in a log: message, stack, toString, JSON, inspect (hidden too), causes. */
function surfaces(value: unknown, depth = 0): string[] {
  if (value === null || value === undefined || depth > 6) return [];
  const out = [inspect(value, { showHidden: true, depth: 10, getters: true })];
  try {
    out.push(JSON.stringify(value));
  } catch {}
  out.push(String(value));
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "");
    out.push(...surfaces(value.cause, depth + 1));
  }
  if (typeof value === "object") {
    for (const key of Object.getOwnPropertyNames(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child && typeof child === "object") out.push(...surfaces(child, depth + 1));
    }
  }
  return out;
}

function expectNoSecrets(value: unknown, label: string) {
  const text = surfaces(value).join("\n");
  for (const secret of SECRETS) {
    expect(text.includes(secret), `${label} exposes ${JSON.stringify(secret.slice(0, 8))}…`).toBe(false);
  }
}

function expectNoTransportObjects(error: unknown, label: string) {
  for (const key of Object.getOwnPropertyNames(error)) {
    const child = (error as Record<string, unknown>)[key];
    expect(child instanceof Request || child instanceof Response || child instanceof Headers, `${label}.${key}`).toBe(
      false,
    );
  }
}

const catchIt = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const unwrapError = (result: { data?: unknown; error?: unknown; response: Response }) => {
  try {
    unwrap(result);
  } catch (error) {
    return error;
  }
};

describe("credentials never leak", () => {
  test("through any error, any hook, any middleware", async () => {
    const server = await startServer((req, res) => {
      const path = req.url.pathname;
      if (path === "/api/v2/tickets/1") return json(res, 401, { error: "Couldn't authenticate you" });
      if (path === "/api/v2/tickets/2") return json(res, 429, {}, { "retry-after": "3600" });
      if (path === "/api/v2/tickets/3") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html>login</html>");
      }
      if (path === "/api/v2/tickets/4") return; // never answers: timeout
      if (path === "/api/v2/tickets/5") return json(res, 503, {}, { "retry-after": "0" });
      if (path === "/api/v2/users") {
        return json(res, 200, {
          users: [{ id: 1, name: "A" }],
          meta: { has_more: true, after_cursor: "c1", before_cursor: null },
          links: { next: "https://evil.example/api/v2/users?page[after]=c1", prev: null },
        });
      }
      if (path === "/api/v2/job_statuses/j1") {
        return json(res, 200, {
          job_status: { id: "j1", url: "u", status: "failed", total: 1, progress: 0, message: "nope", results: [] },
        });
      }
      if (path === "/api/v2/job_statuses/j2") {
        return json(res, 200, {
          job_status: { id: "j2", url: "u", status: "working", total: 1, progress: 0, message: null, results: null },
        });
      }
      res.socket?.destroy(); // everything else: drop the connection
    });

    const auths: ZendeskAuth[] = [
      { email: EMAIL, apiToken: TOKEN },
      { email: EMAIL, password: PASSWORD },
      { oauthToken: OAUTH },
    ];
    for (const auth of auths) {
      const events: RetryEvent[] = [];
      const seenByMiddleware: unknown[] = [];
      const client = testClient(server.url, {
        auth,
        timeoutMs: 50,
        retry: { limit: 1, baseDelayMs: 1 },
        onRetry: (e) => events.push(e),
      });
      client.use({
        onRequest: ({ request }) => {
          seenByMiddleware.push(Object.fromEntries(request.headers));
        },
        onResponse: ({ request, response }) => {
          seenByMiddleware.push(Object.fromEntries(request.headers), Object.fromEntries(response.headers));
        },
      });
      const get = (id: number) => client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: id } } });

      const errors: Record<string, unknown> = {
        authentication: unwrapError(await get(1)),
        rateLimit: unwrapError(await get(2)),
        parse: await catchIt(get(3)),
        timeout: await catchIt(get(4)),
        server: unwrapError(await get(5)),
        connection: await catchIt(
          client.PUT("/api/v2/tickets/{ticket_id}", {
            params: { path: { ticket_id: 6 } },
            body: { ticket: { subject: "x" } },
          }),
        ),
        pagination: await catchIt(
          (async () => {
            for await (const _ of client.paginate("/api/v2/users")) {
            }
          })(),
        ),
        jobFailed: await catchIt(client.waitForJob("j1", { intervalMs: 1 })),
        jobTimeout: await catchIt(client.waitForJob("j2", { intervalMs: 5, timeoutMs: 30 })),
      };
      const names = Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, (e as Error | undefined)?.name]));
      expect(names).toEqual({
        authentication: "AuthenticationError",
        rateLimit: "RateLimitError",
        parse: "ResponseParseError",
        timeout: "RequestTimeoutError",
        server: "ServerError",
        connection: "ConnectionError",
        pagination: "PaginationError",
        jobFailed: "JobFailedError",
        jobTimeout: "JobTimeoutError",
      });
      for (const [label, error] of Object.entries(errors)) {
        expectNoSecrets(error, label);
        expectNoTransportObjects(error, label);
      }
      expect(events.length).toBeGreaterThan(0);
      expectNoSecrets(events, "onRetry events");
      expect(seenByMiddleware.length).toBeGreaterThan(0);
      expectNoSecrets(seenByMiddleware, "middleware");
    }
    // The credentials did reach the server.
    expect(server.requests.some((r) => r.headers.authorization === `Basic ${BASIC}`)).toBe(true);
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${OAUTH}`)).toBe(true);
  });

  test("through configuration errors, even for mistaken options", () => {
    const attempts: unknown[] = [
      { subdomain: "acme", auth: { apiToken: TOKEN } },
      { subdomain: "acme", auth: { email: `${EMAIL}/token`, apiToken: TOKEN } },
      { subdomain: "acme", auth: { email: EMAIL, apiToken: TOKEN, password: PASSWORD } },
      { subdomain: "acme", auth: { password: PASSWORD } },
      { subdomain: "acme", auth: { oauthToken: OAUTH, apiToken: TOKEN } },
      { baseUrl: `https://${EMAIL.replace("@", "%40")}:${PASSWORD}@acme.zendesk.com`, auth: { oauthToken: OAUTH } },
      { subdomain: "acme", auth: { oauthToken: OAUTH }, headers: { Authorization: `Basic ${BASIC}` } },
      { baseUrl: "http://acme.zendesk.com", auth: { email: EMAIL, apiToken: TOKEN } },
    ];
    for (const options of attempts) {
      const error = (() => {
        try {
          createZendeskClient(options as ZendeskClientOptions);
        } catch (e) {
          return e;
        }
      })();
      expect((error as Error).name).toBe("ZendeskConfigError");
      expectNoSecrets(error, "config error");
    }
  });

  test("the client object itself holds no readable credential", () => {
    const client = createZendeskClient({ subdomain: "acme", auth: { email: EMAIL, apiToken: TOKEN } });
    expectNoSecrets(client, "client");
  });
});
