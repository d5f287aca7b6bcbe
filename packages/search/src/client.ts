import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type SearchClientOptions = ZendeskClientOptions;

/** The core client on the search paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type SearchClient = ZendeskClient<paths, typeof operations, typeof includes>;

/** The search domain, for a client shared with other domains: `createZendeskClient({ domains: [search] })`. */
export const search = domain;

/** Makes a client for the search endpoints of one Zendesk account (core's options, checked at once). */
export function createSearchClient(options: SearchClientOptions): SearchClient {
  return createDomainClient(search, options);
}
