import {
  type CustomFieldMaps,
  createDomainClient,
  type DomainClient,
  withHelpers,
  type ZendeskClient,
  type ZendeskClientOptions,
  type ZendeskDomain,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { type LifecycleHelpers, lifecycleHelpers } from "./lifecycle.js";
import { type RecordsHelpers, recordsHelpers } from "./records.js";
import type { TicketsBulk } from "./types.js";
import type { UploadedFiles, UploadFile, UploadFilesOptions } from "./uploads.js";

/** What the tickets package adds to a client beside the bulk helpers (under `client.tickets` on a multi-domain one). */
export interface TicketsHelpers extends LifecycleHelpers, RecordsHelpers {
  /**
   * Uploads files, one request each, into one upload, and resolves to `{ token, attachments }`; put the token in
   * a comment's `uploads` to attach them all. Each file is a `File` or `{ name, data, contentType? }`. A failure
   * part way rejects with an `UploadFilesError` naming the files uploaded, the rest, and the upload's token.
   */
  uploadFiles(files: readonly UploadFile[], options?: UploadFilesOptions): Promise<UploadedFiles>;
}

/**
 * The core client typed with the tickets paths (`GET`, `POST`, `PUT`,
 * `DELETE`… on literal spec paths, `paginate`, `waitForJob`, `waitForJobs`),
 * plus the bulk helpers the spec declares: `createMany`, `updateMany`,
 * `destroyMany`, `markManyAsSpam`, `importMany`; and `uploadFiles`. `F`, the app's field maps, types custom
 * fields (see `ticketsOf`).
 */
export type TicketsClient<F extends CustomFieldMaps = CustomFieldMaps> = ZendeskClient<
  paths<F>,
  typeof operations,
  typeof includes
> &
  TicketsBulk<F> &
  TicketsHelpers;

/**
 * Makes a client for the ticket endpoints of one Zendesk account. Takes the
 * same options as core's `createZendeskClient` and checks them at once
 * (`ZendeskConfigError` says what to change). `createTicketsClient<MyFields>(…)`
 * types custom fields from the app's field maps.
 *
 * ```ts
 * const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken } });
 * const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 42 } } }));
 * ```
 */
export function createTicketsClient<F extends CustomFieldMaps = CustomFieldMaps>(
  options: ZendeskClientOptions,
): TicketsClient<F> {
  // The maps exist only as types: the plain descriptor, seen through them (no call to ticketsOf at start-up).
  return createDomainClient(tickets, options) as unknown as TicketsClient<F>;
}

/**
 * The tickets domain, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, customObjects] })`, where the bulk helpers are
 * `client.tickets.createMany` and the like. Core makes them from the spec's bulk metadata (one per
 * job-creating operation); `uploadFiles` is the package's own, `client.tickets.uploadFiles` there.
 */
export const tickets = withHelpers(
  domain,
  (client: DomainClient<paths, typeof operations>): TicketsHelpers => ({
    // Loaded on the first upload, so that an app that uploads nothing does not carry it.
    uploadFiles: async (files, options) => (await import("./uploads.js")).uploadFiles(client, files, options),
    ...lifecycleHelpers(client),
    ...recordsHelpers(client),
  }),
);

/**
 * The tickets domain typed with the app's own field maps: a ticket's `custom_fields` (in responses and in
 * create, update, bulk and import bodies) and a sideloaded user's or organization's `user_fields` /
 * `organization_fields`. The same object as `tickets` at run time; only its types differ.
 *
 * ```ts
 * type MyFields = { ticket: { 360001: string }; user: { plan: "gold" | "silver" } };
 * const zendesk = createZendeskClient({ subdomain, auth, domains: [ticketsOf<MyFields>()] });
 * ```
 */
export function ticketsOf<F extends CustomFieldMaps>(): ZendeskDomain<
  "tickets",
  paths<F>,
  typeof operations,
  TicketsHelpers,
  typeof includes
> {
  // The paths exist only as types: the descriptor is the same, seen through the app's maps.
  return tickets as unknown as ZendeskDomain<"tickets", paths<F>, typeof operations, TicketsHelpers, typeof includes>;
}
