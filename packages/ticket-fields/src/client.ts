import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type TicketFieldsClientOptions = ZendeskClientOptions;

/** The core client on the ticket-fields paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type TicketFieldsClient = ZendeskClient<paths, typeof operations, typeof includes>;

/** The ticket-fields domain, for a client shared with other domains: `createZendeskClient({ domains: [ticketFields] })`. */
export const ticketFields = domain;

/** Makes a client for the ticket-fields endpoints of one Zendesk account (core's options, checked at once). */
export function createTicketFieldsClient(options: TicketFieldsClientOptions): TicketFieldsClient {
  return createDomainClient(ticketFields, options);
}
