/**
 * The shapes routes are written against: the request they get, what they answer with, and the part of the simulator
 * they may use. Kept apart from the router and the simulator so that route modules depend on these types only, and
 * the simulator can import the routes without a cycle.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { SimClock } from "./clock.js";
import type { JobFault } from "./faults.js";
import type { IdempotencyStore } from "./idempotency.js";
import type { JobQueue } from "./jobs.js";
import type { Reply } from "./reply.js";
import type { Store } from "./store.js";

/** The simulator as routes see it: its state and the services they call. */
export interface SimContext {
  readonly store: Store;
  readonly clock: SimClock;
  readonly jobs: JobQueue;
  readonly idempotency: IdempotencyStore;
  readonly exports: { readonly routingPageSize: number };
}

export interface RequestContext {
  method: string;
  /** The path without a trailing `.json`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there was none). */
  body: unknown;
  /** The body as received (UTF-8), for idempotency checks. */
  rawBody: string;
  /** The body's bytes as received (a file's, for an upload). */
  bytes: Buffer;
  /** `http://127.0.0.1:PORT`: links and urls in bodies point here. */
  origin: string;
  sim: SimContext;
  /** Set when a fault tells the job this request starts how to end. */
  jobFault?: JobFault;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** Which extra rate limit a route is under, besides the account-wide one. */
export type RouteLimit = "incremental" | "sample";

export interface RouteDefinition {
  method: string;
  pattern: string;
  handler: Handler;
  limit?: RouteLimit;
}
