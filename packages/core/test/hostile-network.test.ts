// A misbehaving server on loopback: bodies that stall, trickle, never end or unpack to far more than they
// say; error bodies written to mess with a terminal; signals shared by many requests.
import { getEventListeners } from "node:events";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import {
  errorFromResponse,
  isResponseTooLargeError,
  isZendeskConfigError,
  isZendeskError,
  RequestTimeoutError,
  ResponseTooLargeError,
  ServerError,
  ZendeskError,
} from "../src/index.js";
import { json, startServer, testClient, ticket, within } from "./helpers.js";

const getTicket = (client: ReturnType<typeof testClient>, signal?: AbortSignal) =>
  client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } }, ...(signal ? { signal } : {}) });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
process.on("warning", onWarning);
afterEach(() => {
  warnings.length = 0;
});

describe("time: the timeout covers the body", () => {
  test("a body that stalls after the headers ends in RequestTimeoutError, tried again for a GET", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"ticket":'); // and nothing more
    });
    const client = testClient(server.url, { timeoutMs: 100 });
    const error = await within(rejection(getTicket(client)), 3_000);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).status).toBe(200);
    expect(server.requests).toHaveLength(4); // the first try and 3 retries
  });

  test("…and is not tried again for a POST, which may have been acted on", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(201, { "content-type": "application/json" });
      res.write('{"ticket":');
    });
    const client = testClient(server.url, { timeoutMs: 100 });
    const pending = client.POST("/api/v2/users", { body: { user: { name: "x" } } } as never);
    const error = await within(rejection(pending), 3_000);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  test("a body that trickles a byte at a time, forever, times out all the same", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 10);
      res.on("close", () => clearInterval(timer));
    });
    const client = testClient(server.url, { timeoutMs: 150, retry: false });
    const started = Date.now();
    const error = await within(rejection(getTicket(client)), 2_000);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test("a custom fetch whose body ignores the abort still times out", async () => {
    const never = new ReadableStream<Uint8Array>({ start() {} });
    const client = testClient("http://127.0.0.1:9", {
      timeoutMs: 80,
      retry: false,
      fetch: async () => new Response(never, { status: 200, headers: { "content-type": "application/json" } }),
    });
    expect(await within(rejection(getTicket(client)), 1_000)).toBeInstanceOf(RequestTimeoutError);
  });
});

describe("size: maxResponseBytes", () => {
  test("a Content-Length over the limit is refused before reading, and not retried", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 2 ** 20) });
      res.write("{");
    });
    const client = testClient(server.url, { maxResponseBytes: 2 ** 20 });
    const error = await within(rejection(getTicket(client)), 2_000);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(isResponseTooLargeError(error) && isZendeskError(error)).toBe(true);
    expect((error as ResponseTooLargeError).maxBytes).toBe(2 ** 20);
    expect((error as Error).message).toMatch(/over the limit of 1048576 bytes \(status 200\).*maxResponseBytes/);
    expect(server.requests).toHaveLength(1);
  });

  test("a body with no length, streamed past the limit, stops there; the server sees the connection close", async () => {
    let written = 0;
    let closed = false;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!closed && written < 500 * 2 ** 20) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
      };
      res.on("close", () => {
        closed = true;
      });
      pump();
    });
    const client = testClient(server.url, { maxResponseBytes: 2 ** 20 });
    const error = await within(rejection(getTicket(client)), 5_000);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(written).toBeLessThan(50 * 2 ** 20);
  });

  test("a 400 KB gzip body that unpacks to 400 MB stops at the limit, counted unpacked", async () => {
    // 100 gzip members of 4 MiB of spaces each: about 400 KB on the wire.
    const member = gzipSync(Buffer.alloc(4 * 2 ** 20, 0x20), { level: 9 });
    const members = 100;
    let sent = 0;
    const server = await startServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(member.length * members),
      });
      const pump = () => {
        while (sent < members && !res.destroyed) {
          sent++;
          if (!res.write(member)) return void res.once("drain", pump);
        }
        if (sent === members) res.end();
      };
      pump();
    });
    expect(member.length * members).toBeLessThan(2 ** 20); // under the limit as sent
    const client = testClient(server.url, { maxResponseBytes: 8 * 2 ** 20 });
    const before = process.memoryUsage().arrayBuffers;
    const error = await within(rejection(getTicket(client)), 10_000);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * 2 ** 20);
  });

  test("a body within the limit is read as before", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const client = testClient(server.url, { maxResponseBytes: 1_000 });
    expect((await getTicket(client)).data?.ticket.id).toBe(1);
  });

  test("maxResponseBytes must be a whole number of bytes, 1 or more", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "10"]) {
      let thrown: unknown;
      try {
        testClient("http://127.0.0.1:9", { maxResponseBytes: bad as number });
      } catch (error) {
        thrown = error;
      }
      expect(isZendeskConfigError(thrown)).toBe(true);
      expect((thrown as Error).message).toContain("`maxResponseBytes` must be a whole number of bytes ≥ 1");
    }
  });
});

describe("signals: no listener outlives its request", () => {
  test("1,000 requests on one client signal and one reused call signal leave no listener on either", async () => {
    const server = await startServer((_req, res) => json(res, 200, { ticket: ticket(1) }));
    const clientSignal = new AbortController().signal;
    const callSignal = new AbortController().signal;
    const client = testClient(server.url, { signal: clientSignal });
    const plainClient = testClient(server.url);
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2 ? getTicket(client, callSignal) : getTicket(i % 4 ? client : plainClient, callSignal),
        ),
      );
    }
    expect(server.requests).toHaveLength(1_000);
    expect(getEventListeners(clientSignal, "abort")).toHaveLength(0);
    expect(getEventListeners(callSignal, "abort")).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  test("…through middleware, failed requests and paginate too", async () => {
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    server = await startServer((req, res) => {
      if (req.path.includes("/tickets/2")) return json(res, 404, { error: "RecordNotFound" });
      if (req.path.startsWith("/api/v2/users")) {
        const i = Number(req.url.searchParams.get("page[after]")?.slice(1) ?? 0);
        const more = i < 9;
        return json(res, 200, {
          users: [{ id: i + 1, name: `User ${i + 1}`, email: `u${i + 1}@acme.test` }],
          meta: { has_more: more, after_cursor: more ? `c${i + 1}` : null, before_cursor: null },
          links: { next: more ? `${server?.url}/api/v2/users.json?page%5Bafter%5D=c${i + 1}` : null, prev: null },
        });
      }
      json(res, 200, { ticket: ticket(1) });
    });
    const signal = new AbortController().signal;
    const client = testClient(server.url, { signal });
    client.use({ onRequest: ({ request }) => request });
    for (let i = 0; i < 200; i++) {
      await getTicket(client, signal);
      await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 2 } }, signal });
    }
    for (let i = 0; i < 20; i++) {
      let users = 0;
      for await (const _ of client.paginate("/api/v2/users", { signal })) users++;
      expect(users).toBe(10);
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  test.each([
    ["null", null],
    ["0", 0],
    ['""', ""],
    ["false", false],
    ["an Error", new Error("user left")],
  ])("an abort with %s as the reason rejects with that reason, unchanged", async (_name, reason) => {
    const server = await startServer(() => {}); // never answers
    const controller = new AbortController();
    const pending = getTicket(testClient(server.url), controller.signal);
    setTimeout(() => controller.abort(reason), 20);
    await expect(within(rejection(pending), 1_000)).resolves.toBe(reason);
    // …and the same from the client's signal, and from one aborted before the call.
    const clientController = new AbortController();
    const viaClient = getTicket(testClient(server.url, { signal: clientController.signal }));
    setTimeout(() => clientController.abort(reason), 20);
    await expect(within(rejection(viaClient), 1_000)).resolves.toBe(reason);
    const early = new AbortController();
    early.abort(reason);
    await expect(within(rejection(getTicket(testClient(server.url), early.signal)), 1_000)).resolves.toBe(reason);
  });

  test("an abort with no reason rejects with the default AbortError", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const pending = getTicket(testClient(server.url), controller.signal);
    setTimeout(() => controller.abort(), 20);
    const error = await within(rejection(pending), 1_000);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("error text", () => {
  const hostile = `\u001b[2J\u001b[31mRED\u0007\u0000 ${"A".repeat(50_000)}\u202eevil`;

  test("a message quoting an error body is bounded and free of escapes and control characters", async () => {
    const server = await startServer((req, res) => {
      if (req.path.includes("/tickets/1")) return json(res, 500, { error: "Boom\u001b[0m", description: hostile });
      if (req.path.includes("/tickets/2")) {
        res.writeHead(400, { "content-type": "text/plain" });
        return res.end(hostile);
      }
      json(res, 422, { error: "RecordInvalid", details: { subject: [{ description: hostile }] } });
    });
    const client = testClient(server.url, { retry: false });
    for (const id of [1, 2, 3]) {
      const { error, response } = await client.GET("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: id } },
      });
      const message = errorFromResponse(response, error).message;
      expect(message.length).toBeLessThan(1_300);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
      expect(message).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    }
    for (const body of [
      { error: "Boom\u001b[0m", description: hostile },
      hostile,
      { error: "RecordInvalid", details: { subject: [{ description: hostile }] } },
    ]) {
      const status = typeof body === "string" ? 400 : body.error === "RecordInvalid" ? 422 : 500;
      const error = errorFromResponse(new Response(null, { status }), body);
      expect(error.message.length).toBeLessThan(1_300);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
      expect(error.message).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
      expect(error.message).toContain("RED");
    }
  });

  test("a non-JSON success body quoted in a ResponseParseError is cleaned too", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(hostile);
    });
    const error = (await rejection(getTicket(testClient(server.url)))) as Error & { snippet: string };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
    expect(`${error.message}${error.snippet}`).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(error.message.length).toBeLessThan(500);
  });

  test("every error serialises, whatever its details hold", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { deep };
    const throwing = {
      get boom() {
        throw new Error("getter");
      },
    };
    const error = new ServerError("Zendesk 500", {
      status: 500,
      details: { cyclic, deep, when: new Date(0) },
    });
    const text = JSON.stringify(error);
    const parsed = JSON.parse(text);
    expect(parsed.details.cyclic.self).toBe("[Circular]");
    expect(parsed.details.when).toBe("1970-01-01T00:00:00.000Z");
    expect(text.length).toBeLessThan(1_000);
    expect(parsed).toMatchObject({ name: "ServerError", message: "Zendesk 500", status: 500 });
    // A getter that throws, or a BigInt, still leaves the name and the message.
    for (const details of [{ throwing }, { big: 10n }]) {
      const unreadable = JSON.parse(JSON.stringify(new ZendeskError("x", { status: 400, details })));
      expect(unreadable).toEqual({ name: "ZendeskError", message: "x" });
    }
  });
});
