import { createDomainClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { TicketsBulk } from "./types.js";

/**
 * The core client typed with the tickets paths (`GET`, `POST`, `PUT`,
 * `DELETE`… on literal spec paths, `paginate`, `waitForJob`, `waitForJobs`),
 * plus the bulk helpers the spec declares: `createMany`, `updateMany`,
 * `destroyMany`, `markManyAsSpam`, `importMany`.
 */
export type TicketsClient = ZendeskClient<paths, typeof operations, typeof includes> & TicketsBulk;

/**
 * Makes a client for the ticket endpoints of one Zendesk account. Takes the
 * same options as core's `createZendeskClient` and checks them at once
 * (`ZendeskConfigError` says what to change).
 *
 * ```ts
 * const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken } });
 * const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 42 } } }));
 * ```
 */
export function createTicketsClient(options: ZendeskClientOptions): TicketsClient {
  return createDomainClient(tickets, options);
}

/**
 * The tickets domain, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, customObjects] })`, where the bulk helpers are
 * `client.tickets.createMany` and the like. Core makes them from the spec's bulk metadata (one per
 * job-creating operation): the package writes none.
 */
export const tickets = domain;
