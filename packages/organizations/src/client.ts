import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type OrganizationsClientOptions = ZendeskClientOptions;

/** The core client on the organizations paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type OrganizationsClient = ZendeskClient<paths, typeof operations, typeof includes>;

/** The organizations domain, for a client shared with other domains: `createZendeskClient({ domains: [organizations] })`. */
export const organizations = domain;

/** Makes a client for the organizations endpoints of one Zendesk account (core's options, checked at once). */
export function createOrganizationsClient(options: OrganizationsClientOptions): OrganizationsClient {
  return createDomainClient(organizations, options);
}
