import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type UsersClientOptions = ZendeskClientOptions;

/** The core client on the users paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type UsersClient = ZendeskClient<paths, typeof operations, typeof includes>;

/** The users domain, for a client shared with other domains: `createZendeskClient({ domains: [users] })`. */
export const users = domain;

/** Makes a client for the users endpoints of one Zendesk account (core's options, checked at once). */
export function createUsersClient(options: UsersClientOptions): UsersClient {
  return createDomainClient(users, options);
}
