import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createSearchClient, type SearchClientOptions } from "../src/index.js";

export const ORIGIN = "https://acme.zendesk.com";
export const SEARCH = "/api/v2/search";
export const EXPORT = "/api/v2/search/export";

/** nock on fetch for the whole file: no real network, and every mocked request must be made. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, "mocked requests that were never made").toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export const zendesk = () => nock(ORIGIN);

/** A client of https://acme.zendesk.com with no retries (faults are shown as they come). */
export function testClient(options: Partial<SearchClientOptions> = {}) {
  return createSearchClient({
    subdomain: "acme",
    auth: { email: "agent@acme.test", apiToken: "tok_secret" },
    retry: false,
    ...options,
  });
}

/** A ticket hit with the properties the tests look at (the rest is not read). */
export const ticketHit = (id: number) => ({ id, result_type: "ticket", subject: `Ticket ${id}`, status: "open" });
export const userHit = (id: number) => ({ id, result_type: "user", name: `User ${id}`, email: `u${id}@acme.test` });

export function exportPage(from: number, to: number, cursor: string | null, make: (id: number) => object = ticketHit) {
  const results: object[] = [];
  for (let n = from; n <= to; n++) results.push(make(n));
  return {
    results,
    facets: null,
    meta: { has_more: cursor !== null, after_cursor: cursor, before_cursor: null },
    links: { next: cursor === null ? null : `${ORIGIN}${EXPORT}.json?page[after]=${cursor}`, prev: null },
  };
}

/** Collects an async iterable (and so runs it to the end or to its error). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
