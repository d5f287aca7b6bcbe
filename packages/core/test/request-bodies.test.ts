// Request bodies that are not JSON: a file's bytes sent as they are, with the right Content-Type; forms as
// multipart/form-data; every replayable body sent whole again on a retry; a stream sent once and never retried.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { describe, expect, onTestFinished, test } from "vitest";
import { createZendeskClient, isServerError } from "../src/index.js";
import { EMAIL, FAST_RETRY, TOKEN } from "./helpers.js";

type Created = { 201: { content: { "application/json": { ok: boolean } } } };
type Bytes = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;

interface paths {
  "/api/v2/uploads": {
    post: {
      parameters: { query: { filename: string } };
      requestBody: { content: { "*/*": Bytes } };
      responses: Created;
    };
  };
  "/api/v2/images/{name}": {
    put: {
      parameters: { path: { name: string } };
      requestBody: { content: { "image/png": Bytes } };
      responses: Created;
    };
  };
  "/api/v2/photo": {
    post: {
      requestBody: {
        content: { "multipart/form-data": { file: Blob; note?: string; tags?: string[]; meta?: { a: number } } };
      };
      responses: Created;
    };
  };
  "/api/v2/notes": {
    post: {
      requestBody: { content: { "application/json": { note: { body: string } } } };
      responses: Created;
    };
  };
}

const operations = {
  "POST /api/v2/uploads": { body: { media: "*/*", kind: "bytes" } },
  "PUT /api/v2/images/{name}": { body: { media: "image/png", kind: "bytes" } },
  "POST /api/v2/photo": { body: { media: "multipart/form-data", kind: "multipart" } },
} as const;

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/**
 * A loopback server that records each request's raw bytes and answers with `answer` (by the request's number,
 * from 1); `"drop"` closes the connection without a response.
 */
async function server(answer: (n: number, request: Received) => number | "drop" = () => 201) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const http = createServer(async (req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      bytes: Buffer.concat(chunks),
    };
    received.push(request);
    const status = answer(received.length, request);
    if (status === "drop") return req.socket.destroy();
    res.writeHead(status, { "content-type": "application/json", "retry-after": "0" });
    res.end(JSON.stringify(status < 300 ? { ok: true } : { error: "Unavailable" }));
  });
  http.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        http.close(() => resolve());
      }),
  );
  const { port } = http.address() as AddressInfo;
  const client = createZendeskClient<paths, typeof operations>({
    baseUrl: `http://127.0.0.1:${port}`,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    operations,
  });
  return { client, received };
}

/** The form a multipart request carried, parsed as a server would. */
const formOf = (request: Received | undefined) =>
  new Response(new Uint8Array(request?.bytes ?? []), {
    headers: { "content-type": String(request?.headers["content-type"]) },
  }).formData();

/** 300 bytes covering every byte value, some of them twice: no text encoding survives them unchanged. */
const BYTES = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 3) % 256);

describe("a body of bytes", () => {
  test("a Blob goes as it is, with its own type", async () => {
    const { client, received } = await server();
    const { data } = await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.pdf" } },
      body: new Blob([BYTES], { type: "application/pdf" }),
      headers: { "Content-Type": "text/plain" },
    });
    expect(data).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe("/api/v2/uploads?filename=a.pdf");
    expect(received[0]?.headers["content-type"]).toBe("application/pdf");
    expect(received[0]?.bytes.equals(BYTES)).toBe(true);
  });

  test("a Blob without a type takes the caller's Content-Type", async () => {
    const { client, received } = await server();
    await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.bin" } },
      body: new Blob([BYTES]),
      headers: { "Content-Type": "image/gif" },
    });
    expect(received[0]?.headers["content-type"]).toBe("image/gif");
    expect(received[0]?.bytes.equals(BYTES)).toBe(true);
  });

  test("bytes without a type take the spec's media type when it names one, else application/octet-stream", async () => {
    const { client, received } = await server();
    await client.PUT("/api/v2/images/{name}", { params: { path: { name: "logo" } }, body: BYTES.buffer });
    await client.POST("/api/v2/uploads", { params: { query: { filename: "a.bin" } }, body: BYTES });
    expect(received.map((r) => r.headers["content-type"])).toEqual(["image/png", "application/octet-stream"]);
    expect(received.every((r) => r.bytes.equals(BYTES))).toBe(true);
  });

  test("a Uint8Array that views part of a buffer sends that part only", async () => {
    const { client, received } = await server();
    const part = BYTES.subarray(10, 20);
    await client.POST("/api/v2/uploads", { params: { query: { filename: "a.bin" } }, body: part });
    expect([...(received[0]?.bytes ?? [])]).toEqual([...part]);
  });

  test("anything but bytes is refused before a request goes out", async () => {
    const { client, received } = await server();
    const sent = client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.bin" } },
      body: { data: "x" } as never,
    });
    await expect(sent).rejects.toThrow(/POST \/api\/v2\/uploads takes a file's bytes .*, not object/);
    expect(received).toHaveLength(0);
  });

  test("with middleware registered, the bytes and their type are the same", async () => {
    const { client, received } = await server();
    const seen: string[] = [];
    client.use({ onRequest: ({ request }) => void seen.push(request.headers.get("content-type") ?? "") });
    await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.png" } },
      body: new Blob([BYTES], { type: "image/png" }),
    });
    expect(seen).toEqual(["image/png"]);
    expect(received[0]?.headers["content-type"]).toBe("image/png");
    expect(received[0]?.bytes.equals(BYTES)).toBe(true);
  });
});

describe("a multipart form", () => {
  test("an object of fields goes as multipart/form-data, a File with its name", async () => {
    const { client, received } = await server();
    await client.POST("/api/v2/photo", {
      body: {
        file: new File([BYTES], "me.png", { type: "image/png" }),
        note: "hello",
        tags: ["a", "b"],
        meta: { a: 1 },
      },
    });
    expect(received[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const form = await formOf(received[0]);
    const file = form.get("file") as File;
    expect(file.name).toBe("me.png");
    expect(file.type).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(BYTES);
    expect(form.get("note")).toBe("hello");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.get("meta")).toBe('{"a":1}');
  });

  test("a FormData goes as it is, and a Content-Type without the boundary is not sent", async () => {
    const { client, received } = await server();
    const form = new FormData();
    form.append("file", new Blob([BYTES]), "raw.bin");
    await client.POST("/api/v2/photo", {
      body: form as never,
      headers: { "Content-Type": "multipart/form-data" },
    });
    expect(received[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const file = (await formOf(received[0])).get("file") as File;
    expect(file.name).toBe("raw.bin");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(BYTES);
  });
});

describe("retries send the whole body again", () => {
  const bodies = {
    Blob: () => new Blob([BYTES], { type: "application/zip" }),
    ArrayBuffer: () => BYTES.slice().buffer,
    Uint8Array: () => BYTES.slice(),
  };
  test.each(Object.keys(bodies) as (keyof typeof bodies)[])("%s after a 503 and a 429", async (kind) => {
    const { client, received } = await server((n) => (n === 1 ? 503 : n === 2 ? 429 : 201));
    const { data } = await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.zip" } },
      body: bodies[kind](),
    });
    expect(data).toEqual({ ok: true });
    expect(received).toHaveLength(3);
    for (const request of received) {
      expect(request.bytes.equals(BYTES)).toBe(true);
      expect(request.headers["content-length"]).toBe(String(BYTES.length));
    }
  });

  test("bytes of an idempotent PUT after a dropped connection", async () => {
    const { client, received } = await server((n) => (n === 1 ? "drop" : 201));
    const { data } = await client.PUT("/api/v2/images/{name}", { params: { path: { name: "x" } }, body: BYTES });
    expect(data).toEqual({ ok: true });
    expect(received).toHaveLength(2);
    expect(received[1]?.bytes.equals(BYTES)).toBe(true);
  });

  test("a form after a 503", async () => {
    const { client, received } = await server((n) => (n === 1 ? 503 : 201));
    await client.POST("/api/v2/photo", { body: { file: new File([BYTES], "me.png"), note: "hi" } });
    expect(received).toHaveLength(2);
    for (const request of received) {
      const form = await formOf(request);
      expect(new Uint8Array(await (form.get("file") as File).arrayBuffer())).toEqual(BYTES);
      expect(form.get("note")).toBe("hi");
    }
  });

  test("a JSON body after a 503", async () => {
    const { client, received } = await server((n) => (n === 1 ? 503 : 201));
    await client.POST("/api/v2/notes", { body: { note: { body: "hello" } } });
    expect(received.map((r) => r.bytes.toString())).toEqual(['{"note":{"body":"hello"}}', '{"note":{"body":"hello"}}']);
    expect(received[1]?.headers["content-type"]).toBe("application/json");
  });
});

describe("a stream body", () => {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(BYTES.subarray(0, 100));
        controller.enqueue(BYTES.subarray(100));
        controller.close();
      },
    });

  test("is sent as it comes, whole", async () => {
    const { client, received } = await server();
    const { data } = await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.bin" } },
      body: stream(),
      headers: { "Content-Type": "video/mp4" },
    });
    expect(data).toEqual({ ok: true });
    expect(received[0]?.headers["content-type"]).toBe("video/mp4");
    expect(received[0]?.bytes.equals(BYTES)).toBe(true);
  });

  test("is never retried: a 503 comes back as the error", async () => {
    const { client, received } = await server(() => 503);
    const { error, response } = await client.POST("/api/v2/uploads", {
      params: { query: { filename: "a.bin" } },
      body: stream(),
    });
    expect(response.status).toBe(503);
    expect(error).toEqual({ error: "Unavailable" });
    expect(received).toHaveLength(1);
  });

  test("is never retried on an idempotent PUT either, nor through middleware", async () => {
    const { client, received } = await server(() => "drop");
    client.use({ onRequest: () => undefined });
    const failure = await client.PUT("/api/v2/images/{name}", { params: { path: { name: "x" } }, body: stream() }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(isServerError(failure)).toBe(false);
    expect(received).toHaveLength(1);
  });
});
