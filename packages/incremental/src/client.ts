import { createDomainClient, type OperationsMeta, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The core client on the incremental export paths: `GET`, `paginate`… plus what the `export*` helpers need. */
export type IncrementalClient = ZendeskClient<paths, typeof operations>;

export interface IncrementalClientOptions extends ZendeskClientOptions {
  /**
   * The account has Zendesk's High Volume API add-on: the exports may make 30 requests a minute
   * each instead of 10. (The sample endpoint stays at 10 per 20 minutes.)
   */
  highVolume?: boolean;
}

/** Requests a minute each export may make with the High Volume API add-on. */
export const HIGH_VOLUME_LIMIT = 30;

/**
 * A client for Zendesk's incremental exports: every call is typed from the spec, and each export
 * endpoint waits for its own rate limit (10 requests a minute, 30 with `highVolume`) instead of
 * failing on it.
 *
 * ```ts
 * const zendesk = createIncrementalClient({ subdomain: "acme", auth: { email, apiToken } });
 * for await (const page of exportTickets(zendesk, { startTime: new Date("2024-01-01") })) save(page.items);
 * ```
 */
export function createIncrementalClient(options: IncrementalClientOptions): IncrementalClient {
  const { highVolume, ...rest } = options;
  let ops: OperationsMeta = operations;
  if (highVolume) {
    ops = Object.fromEntries(
      Object.entries(operations).map(([key, meta]) => [
        key,
        "pagination" in meta ? { ...meta, rateLimit: { ...meta.rateLimit, limit: HIGH_VOLUME_LIMIT } } : meta,
      ]),
    );
  }
  return createDomainClient({ ...domain, operations: ops as typeof operations }, rest);
}

/**
 * The incremental exports domain, for a client shared with other domains
 * (`createZendeskClient({ subdomain, auth, domains: [incremental, tickets] })`); the `export*` functions take
 * that client too.
 */
export const incremental = domain;
