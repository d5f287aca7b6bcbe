import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type CustomObjectRecord, type CustomObjectsClientOptions, createCustomObjectsClient } from "../src/index.js";

export const ORIGIN = "https://acme.zendesk.com";
export const RECORDS = "/api/v2/custom_objects/order/records";

/** The field map the tests declare for `order`. */
export interface OrderFields {
  amount: number;
  sku: string;
}

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

/** A client of https://acme.zendesk.com with `order` typed and no retries (faults are shown as they come). */
export function testClient(options: Partial<CustomObjectsClientOptions> = {}) {
  return createCustomObjectsClient<{ order: OrderFields }>({
    subdomain: "acme",
    auth: { email: "agent@acme.test", apiToken: "tok_secret" },
    retry: false,
    ...options,
  });
}

export function record(n: number, fields: Partial<OrderFields> = {}): CustomObjectRecord<OrderFields> {
  return {
    id: `01REC${String(n).padStart(4, "0")}`,
    name: `Order ${n}`,
    external_id: `ext-${n}`,
    custom_object_key: "order",
    custom_object_fields: { amount: n, sku: `SKU-${n}`, ...fields },
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    url: `${ORIGIN}${RECORDS}/01REC${String(n).padStart(4, "0")}.json`,
  } as CustomObjectRecord<OrderFields>;
}

/** A cursor page of records `from`…`to`; `next` is the `links.next` to send (null on the last page). */
export function page(from: number, to: number, next: { link?: string | null; cursor?: string | null } = {}) {
  const records = [];
  for (let n = from; n <= to; n++) records.push(record(n));
  const hasMore = next.link != null || next.cursor != null;
  return {
    custom_object_records: records,
    meta: { has_more: hasMore, after_cursor: next.cursor ?? null, before_cursor: null },
    links: { next: next.link ?? null, prev: null },
  };
}

/** Zendesk's error body for the custom objects endpoints. */
export const errors = (code: string, title: string, detail?: string, source?: Record<string, string>) => ({
  errors: [{ code, status: "422", title, ...(detail ? { detail } : {}), ...(source ? { source } : {}) }],
});

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
