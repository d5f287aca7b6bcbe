/**
 * The HTTP side: every request goes through CORS, faults, authentication, rate limits and the router, and leaves
 * with Zendesk's headers (X-Zendesk-Request-Id, X-Rate-Limit, X-Rate-Limit-Remaining).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, redactAuthorization } from "./auth.js";
import { badRequest, forbidden, invalidEndpoint, nginxPage, statusBody, unauthorized } from "./errors.js";
import type { FaultSpec } from "./faults.js";
import { retryAfterValue } from "./rate-limit.js";
import type { Reply } from "./reply.js";
import type { LoggedRequest } from "./request-log.js";
import type { Simulator } from "./simulator.js";
import type { RequestContext } from "./types.js";

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const EXPOSED_HEADERS = [
  "Retry-After",
  "X-Rate-Limit",
  "X-Rate-Limit-Remaining",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "X-Zendesk-Request-Id",
  "x-idempotency-lookup",
  "Location",
].join(", ");
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key, X-Requested-With";

export interface Listening {
  server: Server;
  origin: string;
  port: number;
}

export async function listen(sim: Simulator, port: number, host: string): Promise<Listening> {
  let origin = "";
  let requestCounter = 0;
  const server = createServer((req, res) => {
    const requestId = `${(++requestCounter).toString(16).padStart(8, "0")}${(sim.seed.random >>> 0).toString(16).padStart(8, "0")}-SIM`;
    handle(sim, origin, requestId, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const body = JSON.stringify({ error: "InternalServerError", description: String(error) });
        res.writeHead(500, { "Content-Type": "application/json; charset=utf-8", "X-Zendesk-Request-Id": requestId });
        res.end(body);
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${shownHost}:${address.port}`;
  return { server, origin, port: address.port };
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function handle(
  sim: Simulator,
  origin: string,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", origin);
  const path = stripJson(url.pathname);
  const commonHeaders: Record<string, string> = { "X-Zendesk-Request-Id": requestId };
  if (sim.cors) Object.assign(commonHeaders, corsHeaders(req));

  const entry: LoggedRequest = {
    seq: sim.requests.count + 1,
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: loggedHeaders(req),
    requestId,
    time: sim.clock.now(),
  };
  sim.requests.record(entry);

  const send = (reply: Reply, corrupt?: FaultSpec) => {
    entry.status = reply.status;
    write(res, reply, commonHeaders, corrupt);
  };

  if (method === "OPTIONS" && sim.cors) {
    entry.status = 204;
    res.writeHead(204, {
      ...commonHeaders,
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
    });
    res.end();
    return;
  }

  const bytes = await readBody(req);
  if (bytes === undefined) {
    send({ status: 413, body: { error: "RequestTooLarge", description: "The request body is too large" } });
    return;
  }
  const rawBody = bytes.toString("utf8");
  let body: unknown;
  let bodyError = false;
  // A body is JSON unless it says it is something else (a file being uploaded).
  const mediaType = String(req.headers["content-type"] ?? "").toLowerCase();
  if (rawBody.length > 0 && (mediaType === "" || mediaType.includes("json"))) {
    try {
      body = JSON.parse(rawBody);
      entry.body = body;
    } catch {
      bodyError = true;
    }
  }

  // Faults answer first, as the infrastructure in front of Zendesk would.
  const fault = sim.faults.pick({ method, path, query: url.searchParams, headers: req.headers });
  if (fault) entry.fault = describeFault(fault);
  if (fault?.delayMs) {
    await sleep(fault.delayMs);
    if (res.destroyed || req.socket.destroyed) return;
  }
  if (fault && !deferred(fault, method)) {
    const immediate = faultReply(sim, fault);
    if (immediate === "drop-before") {
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    if (immediate) {
      send(immediate, fault);
      return;
    }
  }

  const { match } = sim.router.match(method, path);
  if (match) {
    entry.route = `${method} ${match.route.pattern}`;
    sim.requests.countRoute(entry.route);
  } else {
    sim.requests.countRoute("unmatched");
  }

  // An attachment's content_url, which Zendesk serves without credentials (the address is the secret).
  const download = /^\/attachments\/token\/([0-9a-f]+)$/.exec(path);
  if (download && (method === "GET" || method === "HEAD")) {
    const file = sim.store.uploads.byContentKey(download[1] ?? "");
    send(file ? { status: 200, bytes: file.bytes, contentType: file.contentType } : invalidEndpoint());
    return;
  }

  if (!sim.credentials.disabled && !authenticate(req.headers.authorization, sim.credentials)) {
    send(unauthorized());
    return;
  }

  const verdict = sim.rateLimits.check(method, path, match?.route.limit, match?.route.pattern);
  Object.assign(commonHeaders, verdict.headers);
  if (verdict.retryAfterMs !== undefined) {
    send({
      status: 429,
      body: statusBody(429),
      headers: {
        "Retry-After": retryAfterValue(verdict.retryAfterMs, sim.rateLimits.retryAfterFormat, sim.clock.now()),
      },
    });
    return;
  }

  if (!match) {
    send(invalidEndpoint());
    return;
  }
  if (bodyError) {
    send(badRequest("InvalidJSON", "The request body is not valid JSON"));
    return;
  }

  const ctx: RequestContext = {
    method,
    path,
    params: match.params,
    query: url.searchParams,
    headers: req.headers,
    body,
    rawBody,
    bytes,
    origin,
    sim,
    jobFault: fault?.job,
  };
  const reply = await match.route.handler(ctx);
  if (fault?.drop) {
    entry.status = 0;
    if (fault.drop === "before-headers") {
      req.socket.destroy();
      return;
    }
  }
  if (fault && deferred(fault, method)) {
    // The route has run (the write is done); now the answer is spoilt: cut off, dropped, or replaced by the fault's status.
    if (fault.drop || fault.truncate) send(reply, fault);
    else send(faultReply(sim, fault) as Reply);
    return;
  }
  send(reply);
}

/** Faults that let the route run and then spoil its answer. */
function deferred(fault: FaultSpec, method: string): boolean {
  if (fault.commit && (fault.drop || fault.truncate || fault.status !== undefined || fault.html)) return true;
  return Boolean(fault.truncate) && (method === "GET" || method === "HEAD");
}

/** The answer a fault gives without running the route; undefined lets the request through. */
function faultReply(sim: Simulator, fault: FaultSpec): Reply | "drop-before" | undefined {
  if (fault.drop === "before-headers") return "drop-before";
  // A stand-in body: the route does not run, and only the start of this goes out before the socket is destroyed.
  if (fault.drop === "after-headers") return { status: 200, body: { ticket: { id: 1, subject: "x".repeat(256) } } };
  if (fault.forbidden) return forbidden();
  if (fault.truncate) {
    return { status: 200, body: { results: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, status: "ok" })) } };
  }
  if (fault.html) {
    const status = fault.status ?? 502;
    return { status, text: nginxPage(status), contentType: "text/html", headers: retryAfter(sim, fault, status) };
  }
  if (fault.status !== undefined) {
    const status = fault.status;
    const custom = fault.body;
    return typeof custom === "string"
      ? { status, text: custom, headers: retryAfter(sim, fault, status) }
      : { status, body: custom ?? statusBody(status), headers: retryAfter(sim, fault, status) };
  }
  return undefined;
}

function retryAfter(sim: Simulator, fault: FaultSpec, status: number): Record<string, string> | undefined {
  const seconds = fault.retryAfter ?? (status === 429 ? 1 : false);
  if (seconds === false) return undefined;
  const format = fault.retryAfterFormat ?? "seconds";
  return { "Retry-After": retryAfterValue(seconds * 1000, format, sim.clock.now()) };
}

function write(res: ServerResponse, reply: Reply, common: Record<string, string>, corrupt?: FaultSpec): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...common, ...reply.headers };
  let payload: string | Uint8Array | undefined;
  if (reply.bytes !== undefined) {
    payload = reply.bytes;
    headers["Content-Type"] = reply.contentType ?? "application/octet-stream";
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers["Content-Type"] = reply.contentType ?? "text/plain; charset=utf-8";
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["Content-Type"] = "application/json; charset=utf-8";
  }
  if (corrupt?.drop === "after-headers") {
    res.writeHead(reply.status === 204 ? 200 : reply.status, headers);
    res.flushHeaders();
    if (payload) res.write(payload.slice(0, Math.floor(payload.length / 3)));
    setImmediate(() => res.socket?.destroy());
    return;
  }
  if (corrupt?.truncate && payload !== undefined) {
    const cut = typeof corrupt.truncate === "number" ? corrupt.truncate : Math.floor(payload.length / 2);
    res.writeHead(200, headers);
    res.end(payload.slice(0, Math.max(1, Math.min(cut, payload.length - 1))));
    return;
  }
  if (payload === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": req.headers.origin ?? "*",
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
    Vary: "Origin",
  };
}

function loggedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "authorization" ? (redactAuthorization(String(value)) ?? "") : String(value);
  }
  return headers;
}

function describeFault(fault: FaultSpec): string {
  if (fault.drop) return `drop ${fault.drop}`;
  if (fault.truncate) return "truncate";
  if (fault.html) return `html ${fault.status ?? 502}`;
  if (fault.forbidden) return "forbidden";
  if (fault.status !== undefined) return `status ${fault.status}`;
  if (fault.job) return `job ${fault.job.outcome ?? "not-found"}`;
  if (fault.delayMs) return `delay ${fault.delayMs}ms`;
  return "fault";
}

function stripJson(pathname: string): string {
  const path = pathname.endsWith(".json") ? pathname.slice(0, -5) : pathname;
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
