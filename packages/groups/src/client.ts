import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type GroupsClientOptions = ZendeskClientOptions;

/** The core client on the groups paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type GroupsClient = ZendeskClient<paths, typeof operations, typeof includes>;

/** The groups domain, for a client shared with other domains: `createZendeskClient({ domains: [groups] })`. */
export const groups = domain;

/** Makes a client for the groups endpoints of one Zendesk account (core's options, checked at once). */
export function createGroupsClient(options: GroupsClientOptions): GroupsClient {
  return createDomainClient(groups, options);
}
