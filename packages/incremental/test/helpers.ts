import { createZendeskClient, type OperationsMeta, type ZendeskClientOptions } from "@zenfetch/core";
import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";
import { type IncrementalClient, operations, type paths } from "../src/index.js";

export const BASE = "https://acme.zendesk.com";
export const T0 = 1_704_067_200; // 2024-01-01T00:00:00Z

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

export const FAST_RETRY = { limit: 3, maxRetryAfterMs: 2_000, baseDelayMs: 1, maxDelayMs: 5 } as const;

/** The generated operations with every export's rate limit replaced (tests use roomy or tiny windows). */
export function withRateLimit(rateLimit: { limit: number; windowSeconds: number }): OperationsMeta {
  return Object.fromEntries(Object.entries(operations).map(([key, meta]) => [key, { ...meta, rateLimit }]));
}

/** A client on BASE with fast retries and, unless told otherwise, a rate limit no test reaches. */
export function testClient(
  options: Partial<ZendeskClientOptions> & { rateLimit?: { limit: number; windowSeconds: number } } = {},
): IncrementalClient {
  const { rateLimit = { limit: 1_000, windowSeconds: 60 }, ...rest } = options;
  return createZendeskClient<paths, typeof operations>({
    baseUrl: BASE,
    auth: { email: "admin@acme.test", apiToken: "tok_test" },
    retry: FAST_RETRY,
    operations: withRateLimit(rateLimit) as typeof operations,
    ...rest,
  });
}

export type Reply = [status: number, body?: unknown, headers?: Record<string, string>];
export type Handler = (url: URL, count: number) => Reply | Promise<Reply>;
/** A handler that answers at once (the fake exports), so its reply can be adjusted in place. */
export type SyncHandler = (url: URL, count: number) => Reply;

export interface Served {
  /** Path and query of every request, as sent. */
  requests: string[];
  /** Date.now() at each request. */
  times: number[];
  /** The Authorization header of each request. */
  authorization: (string | undefined)[];
}

/** Answers every GET on BASE with `handler` (count starts at 1) and records what was asked. */
export function serve(handler: Handler): Served {
  const served: Served = { requests: [], times: [], authorization: [] };
  nock(BASE)
    .persist()
    .get(/.*/)
    .reply(async function (uri) {
      served.requests.push(uri);
      served.times.push(Date.now());
      const authorization = this.req.headers.authorization;
      served.authorization.push(Array.isArray(authorization) ? authorization.join(", ") : authorization);
      const [status, body = {}, headers = {}] = await handler(new URL(uri, BASE), served.requests.length);
      return [status, JSON.stringify(body), { "content-type": "application/json", ...headers }];
    });
  return served;
}

/** Replaces the answer to the n-th request (1-based) with a fixed reply; the others go to `handler`. */
export function withFaults(handler: Handler, faults: Record<number, Reply>): Handler {
  return (url, count) => faults[count] ?? handler(url, count);
}

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** A record of an export and the second it changed at. */
export interface Timed {
  ts: number;
  row: Record<string, unknown> & { id: number | string };
}

const byTime = (a: Timed, b: Timed) =>
  a.ts - b.ts || String(a.row.id).localeCompare(String(b.row.id), "en", { numeric: true });

/**
 * A time-based export as Zendesk serves it: records changed at or after `start_time`, oldest first,
 * up to `per_page`; `end_time` is the last record's second and `next_page` starts *at* it, so the
 * records of that second come again at the top of the next page.
 */
export function timeExport(
  property: string,
  records: () => Timed[],
  options: { perPage?: number; endOfStream?: boolean } = {},
): SyncHandler {
  const { endOfStream = true } = options;
  return (url) => {
    const start = Number(url.searchParams.get("start_time"));
    const perPage = Number(url.searchParams.get("per_page") ?? options.perPage ?? 1000);
    const matching = records()
      .filter((r) => r.ts >= start)
      .sort(byTime);
    const page = matching.slice(0, perPage);
    const endTime = page.length > 0 ? (page[page.length - 1] as Timed).ts : start;
    const next = new URLSearchParams(url.searchParams);
    next.set("start_time", String(endTime));
    const body: Record<string, unknown> = {
      [property]: page.map((r) => r.row),
      next_page: `${BASE}${url.pathname}.json?${next}`,
      end_time: endTime,
      count: page.length,
    };
    if (endOfStream) body.end_of_stream = matching.length <= perPage;
    return [200, body];
  };
}

/** A cursor-based export (tickets, users): `start_time` first, then `cursor=after_cursor`; never repeats. */
export function cursorExport(
  property: string,
  records: () => Timed[],
  options: { perPage?: number } = {},
): SyncHandler {
  return (url) => {
    const all = records().sort(byTime);
    const cursor = url.searchParams.get("cursor");
    const perPage = Number(url.searchParams.get("per_page") ?? options.perPage ?? 1000);
    let index: number;
    if (cursor !== null) {
      const match = /^c(\d+)$/.exec(cursor);
      if (!match) return [400, { error: "InvalidPaginationParameter", description: "The cursor is not valid" }];
      index = Number(match[1]);
    } else {
      const start = Number(url.searchParams.get("start_time"));
      index = all.findIndex((r) => r.ts >= start);
      if (index < 0) index = all.length;
    }
    const page = all.slice(index, index + perPage);
    const after = `c${index + page.length}`;
    return [
      200,
      {
        [property]: page.map((r) => r.row),
        after_cursor: after,
        after_url: `${BASE}${url.pathname}.json?cursor=${after}`,
        before_cursor: null,
        before_url: null,
        end_of_stream: index + page.length >= all.length,
      },
    ];
  };
}

/**
 * A routing export: `start_time` first, then the `cursor` inside `next_page`; no `end_of_stream`.
 * At the end `next_page` is null (`end: "null"`) or points at a page that comes back empty (`end: "empty"`).
 */
export function routingExport(
  property: string,
  records: () => Timed[],
  options: { perPage?: number; end?: "null" | "empty" } = {},
): SyncHandler {
  const { perPage = 1000, end = "null" } = options;
  return (url) => {
    const all = records().sort(byTime);
    const cursor = url.searchParams.get("cursor");
    let index: number;
    if (cursor !== null) index = Number(cursor.slice(1));
    else {
      const start = Number(url.searchParams.get("start_time"));
      index = all.findIndex((r) => r.ts >= start);
      if (index < 0) index = all.length;
    }
    const page = all.slice(index, index + perPage);
    const nextIndex = index + page.length;
    const last = nextIndex >= all.length;
    const endTime =
      page.length > 0 ? (page[page.length - 1] as Timed).ts : Number(url.searchParams.get("start_time") ?? T0);
    return [
      200,
      {
        [property]: page.map((r) => r.row),
        next_page: last && end === "null" ? null : `${BASE}${url.pathname}.json?cursor=r${nextIndex}`,
        end_time: endTime,
        count: page.length,
      },
    ];
  };
}

// --- Records -----------------------------------------------------------------------------------

export const ticket = (id: number, ts: number): Timed => ({
  ts,
  row: { id, requester_id: 1, subject: `Ticket ${id}`, generated_timestamp: ts, updated_at: iso(ts - 30) },
});
export const user = (id: number, ts: number): Timed => ({ ts, row: { id, name: `User ${id}`, updated_at: iso(ts) } });
export const organization = (id: number, ts: number): Timed => ({
  ts,
  row: { id, name: `Org ${id}`, updated_at: iso(ts) },
});
export const ticketEvent = (id: number, ts: number): Timed => ({
  ts,
  row: { id, ticket_id: 100 + id, timestamp: ts, event_type: "Audit", child_events: [] },
});
export const metricEvent = (id: number, ts: number): Timed => ({
  ts,
  row: { id, ticket_id: 100 + id, metric: "reply_time", instance_id: 1, type: "activate", time: iso(ts) },
});
export const routingChange =
  (prefix: string) =>
  (id: number, ts: number): Timed => ({
    ts,
    row: { id: `${prefix}-${id}`, name: `${prefix} ${id}`, time: iso(ts), type: "create" },
  });

/** `count` records made by `make`, `perSecond` of them in each second from T0 + 10. */
export function records(make: (id: number, ts: number) => Timed, count: number, perSecond = 1): Timed[] {
  return Array.from({ length: count }, (_, i) => make(i + 1, T0 + 10 + Math.floor(i / perSecond)));
}

/** Collects every page of a run. */
export async function collect<P>(run: AsyncIterable<P>): Promise<P[]> {
  const pages: P[] = [];
  for await (const page of run) pages.push(page);
  return pages;
}

export const idsOf = (pages: { items: unknown[] }[]) =>
  pages.flatMap((p) => p.items.map((i) => (i as { id: unknown }).id));

/** Runs the export to its end or first error; returns the ids yielded and the error. */
export async function drain<P extends { items: unknown[] }>(run: AsyncIterable<P>) {
  const ids: unknown[] = [];
  try {
    for await (const page of run) ids.push(...page.items.map((i) => (i as { id: unknown }).id));
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}
