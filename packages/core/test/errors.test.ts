import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  errorFromResponse,
  isNotFoundError,
  isZendeskError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ResponseParseError,
  ServerError,
  unwrap,
  ValidationError,
  ZendeskError,
} from "../src/index.js";
import { json, startServer, testClient, ticket } from "./helpers.js";

/** Serves one response to GET /api/v2/tickets/1 and returns what `unwrap` throws. */
async function thrownFor(status: number, body: unknown, headers: Record<string, string> = {}) {
  const server = await startServer((_req, res) => {
    if (typeof body !== "string") return json(res, status, body, headers);
    res.writeHead(status, { "content-type": "text/html", ...headers });
    res.end(body);
  });
  const client = testClient(server.url, { retry: false });
  const result = await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
  try {
    unwrap(result);
  } catch (error) {
    return { error: error as ZendeskError, server };
  }
  throw new Error("unwrap did not throw");
}

describe("status → error class, from Zendesk's bodies", () => {
  test("401 → AuthenticationError", async () => {
    const { error, server } = await thrownFor(
      401,
      { error: "Couldn't authenticate you" },
      { "x-zendesk-request-id": "req-401" },
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(ZendeskError);
    expect(error).toMatchObject({
      name: "AuthenticationError",
      status: 401,
      method: "GET",
      url: `${server.url}/api/v2/tickets/1`,
      error: "Couldn't authenticate you",
      requestId: "req-401",
    });
    expect(error.message).toContain("401");
    expect(error.message).toContain("Couldn't authenticate you");
    expect(error.message).toContain("req-401");
    expect(error.message).toContain("check `auth`");
  });

  test("403 → PermissionError with Zendesk's description", async () => {
    const { error } = await thrownFor(403, {
      error: "Forbidden",
      description:
        "You do not have access to this page. Please contact the account owner of this help desk for further help.",
    });
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.description).toMatch(/^You do not have access/);
  });

  test("404 → NotFoundError, also from the `{ error: { title, message } }` form", async () => {
    const plain = await thrownFor(404, { error: "RecordNotFound", description: "Not found" });
    expect(plain.error).toBeInstanceOf(NotFoundError);
    expect(plain.error).toMatchObject({ error: "RecordNotFound", description: "Not found" });
    const nested = await thrownFor(404, {
      error: {
        title: "No help desk at acme.zendesk.com",
        message: "There is no help desk configured at this address.",
      },
    });
    expect(nested.error).toBeInstanceOf(NotFoundError);
    expect(nested.error).toMatchObject({
      error: "No help desk at acme.zendesk.com",
      description: "There is no help desk configured at this address.",
    });
  });

  test("422 → ValidationError with each field's problem", async () => {
    const { error } = await thrownFor(422, {
      error: "RecordInvalid",
      description: "Record validation errors",
      details: {
        email: [{ description: "Email: ann@acme.test is already being used by another user", error: "DuplicateValue" }],
        name: [{ description: "Name:  is too short (minimum one character)", error: "InvalidValue" }],
      },
    });
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.fieldErrors).toEqual([
      {
        field: "email",
        error: "DuplicateValue",
        description: "Email: ann@acme.test is already being used by another user",
      },
      { field: "name", error: "InvalidValue", description: "Name:  is too short (minimum one character)" },
    ]);
    expect(validation.message).toContain("email: Email: ann@acme.test is already being used");
    expect(validation.details).toHaveProperty("email");
  });

  test("422 in the `{ errors: [{ code, title, detail, status }] }` form", async () => {
    const { error } = await thrownFor(422, {
      errors: [
        {
          code: "InvalidValue",
          status: "422",
          title: "Invalid value",
          detail: "Name is required",
          source: { pointer: "/custom_object_record/name" },
        },
      ],
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ error: "InvalidValue", description: "Name is required" });
    expect((error as ValidationError).fieldErrors).toEqual([
      { field: "/custom_object_record/name", error: "InvalidValue", description: "Name is required" },
    ]);
  });

  test("429 → RateLimitError with retryAfterMs", async () => {
    const { error } = await thrownFor(
      429,
      { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" },
      { "retry-after": "37" },
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(37_000);
  });

  test("500 → ServerError; an HTML error page still gives the status class, with a snippet in the message", async () => {
    const json500 = await thrownFor(500, { error: "InternalError", description: "Something went wrong" });
    expect(json500.error).toBeInstanceOf(ServerError);
    const html = await thrownFor(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
    expect(html.error).toBeInstanceOf(ServerError);
    expect(html.error.status).toBe(500);
    expect(html.error.message).toContain("non-JSON body: <html><body><h1>500 Internal Server Error</h1>");
  });

  test("other 4xx → the base ZendeskError with the code", async () => {
    const { error } = await thrownFor(409, {
      error: "UpdateConflict",
      description: "The ticket was updated meanwhile",
    });
    expect(error.constructor).toBe(ZendeskError);
    expect(error).toMatchObject({ status: 409, error: "UpdateConflict" });
  });

  test("subclass names are set, and guards work by name across realms", () => {
    const response = new Response("{}", { status: 404 });
    const error = errorFromResponse(response, { error: "RecordNotFound" });
    expect(error.name).toBe("NotFoundError");
    expect(String(error)).toMatch(/^NotFoundError: Zendesk 404/);
    const lookalike = { name: "NotFoundError", message: "from another realm" };
    expect(isNotFoundError(lookalike)).toBe(false); // not an Error object at all
    const foreign = runInNewContext(
      'class NotFoundError extends Error { name = "NotFoundError"; status = 404 }; new NotFoundError("from another realm")',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isNotFoundError(foreign)).toBe(true);
    expect(isZendeskError(foreign)).toBe(true);
    expect(isZendeskError(new TypeError("nope"))).toBe(false);
  });
});

describe("unwrap", () => {
  test("returns data on success", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(4) }));
    const client = testClient(server.url);
    const { ticket: got } = unwrap(
      await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 4 } } }),
    );
    expect(got).toEqual(ticket(4));
  });
});

describe("bodies that are not the JSON they claim to be", () => {
  test("a 200 HTML page → ResponseParseError with the status and a snippet", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><head><title>Zendesk - Sign in</title></head><body>…</body></html>");
    });
    const pending = testClient(server.url).GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    const error = (await pending.catch((e: unknown) => e)) as ResponseParseError;
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error.status).toBe(200);
    expect(error.contentType).toBe("text/html; charset=utf-8");
    expect(error.snippet).toMatch(/^<!DOCTYPE html><html><head><title>Zendesk - Sign in/);
    expect(error.message).toContain("expected JSON, got HTML");
    expect(error.message).toContain("GET");
  });

  test("a truncated JSON body → ResponseParseError", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ticket":{"id":1,"subject":"Print');
    });
    const pending = testClient(server.url).GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    const error = (await pending.catch((e: unknown) => e)) as ResponseParseError;
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error.message).toContain("malformed or truncated JSON");
    expect(error.snippet).toBe('{"ticket":{"id":1,"subject":"Print');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe("SyntaxError");
  });

  test("a body cut off by the connection → ConnectionError with the status", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      res.write('{"ticket":{"id":1,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const pending = testClient(server.url).GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    const error = (await pending.catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.status).toBe(200);
    expect(error.message).toContain("cut off");
  });

  test("an empty 200 body is data: undefined, not an error", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    const result = await testClient(server.url).GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 } },
    });
    expect(result.response.status).toBe(200);
    expect(result.data).toBeUndefined();
  });
});
