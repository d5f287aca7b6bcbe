import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { onTestFinished } from "vitest";
import { createZendeskClient, type ZendeskClientOptions } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";

export const EMAIL = "agent@acme.test";
export const TOKEN = "tok_S3CR3T_9f8e7d6c5b4a";
export const PASSWORD = "pa55w0rd-S3CR3T";
/** The base64 part of the Basic header for EMAIL/token:TOKEN. */
export const BASIC = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64");

export interface Recorded {
  method: string;
  /** Path and query, as sent. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Handler = (request: Recorded, response: ServerResponse, count: number) => unknown;

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** A loopback HTTP server on 127.0.0.1 (port 0) that records every request; closed when the test ends. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: Recorded = {
      method: req.method ?? "",
      path: req.url ?? "",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      at: Date.now(),
    };
    requests.push(recorded);
    try {
      await handler(recorded, res, requests.length);
    } catch (error) {
      if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export const FAST_RETRY = { limit: 3, maxRetryAfterMs: 2_000, baseDelayMs: 1, maxDelayMs: 5 } as const;

/** A client of the fixture API on a test server, with fast retries. */
export function testClient(baseUrl: string, options: Partial<ZendeskClientOptions> = {}) {
  return createZendeskClient<paths, typeof operations>({
    baseUrl,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: FAST_RETRY,
    operations,
    ...options,
  });
}

export const ticket = (id: number) => ({ id, subject: `Ticket ${id}`, status: "open" as const });

/** Settles within `ms`, or rejects: to show that something is prompt. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms)),
  ]);
}
