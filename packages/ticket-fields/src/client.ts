import { createDomainClient, withHelpers, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import type { HelperCache } from "./cache.js";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type {
  AnyTicketFieldNames,
  CustomStatus,
  CustomStatusLookup,
  CustomStatusUpdate,
  FieldNames,
  FieldsByNameOptions,
  TicketFieldNameMap,
  TicketFieldsBase,
} from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type TicketFieldsClientOptions = ZendeskClientOptions;

/**
 * What the ticket-fields package adds to a client (under `client.ticketFields` on a multi-domain one). The
 * account's ticket fields and custom statuses are fetched once per client, on first use, and kept.
 */
export interface TicketFieldsHelpers {
  /**
   * Custom field values by field title: `read(ticket)`, `get(ticket, title)`, `write({ Title: value })` (a ready
   * `custom_fields` array), `refresh()`. `M` is your map from title to value type; concurrent first calls share
   * one fetch of `GET /api/v2/ticket_fields`.
   */
  fieldsByName<M extends TicketFieldNameMap<M> = AnyTicketFieldNames>(
    options?: FieldsByNameOptions<M>,
  ): Promise<FieldNames<M>>;
  /** The account's custom statuses, by agent label or id: `find`, `update`, `refresh`. */
  customStatuses(): Promise<CustomStatusLookup>;
  /**
   * `{ custom_status_id }` for the custom status with that agent label (or id), to spread into a ticket update:
   * the ticket's `status` follows the status's category. Unknown and inactive statuses throw `CustomStatusNameError`.
   */
  statusByName(name: string | number): Promise<CustomStatusUpdate>;
  /** The custom statuses a ticket form allows. */
  formStatuses(ticketFormId: number): Promise<CustomStatus[]>;
}

/** The core client on the ticket-fields paths, plus `fieldsByName`, `customStatuses`, `statusByName`, `formStatuses`. */
export type TicketFieldsClient = ZendeskClient<paths, typeof operations, typeof includes> & TicketFieldsHelpers;

/**
 * The ticket-fields domain, for a client shared with other domains:
 * `createZendeskClient({ domains: [tickets, ticketFields] })`, then `client.ticketFields.fieldsByName()`.
 */
export const ticketFields = withHelpers(domain, (client: TicketFieldsBase): TicketFieldsHelpers => {
  // Each helper loads its code on first use; the cache keeps the fetched fields and statuses for this client.
  const cache: HelperCache = {};
  return {
    fieldsByName: (async (options?: FieldsByNameOptions<AnyTicketFieldNames>) =>
      (await import("./field-names.js")).fieldsByName(client, cache, options)) as TicketFieldsHelpers["fieldsByName"],
    customStatuses: async () => (await import("./statuses.js")).customStatuses(client, cache),
    statusByName: async (name) => (await import("./statuses.js")).statusByName(client, cache, name),
    formStatuses: async (id) => (await import("./statuses.js")).formStatuses(client, cache, id),
  };
});

/** Makes a client for the ticket-fields endpoints of one Zendesk account (core's options, checked at once). */
export function createTicketFieldsClient(options: TicketFieldsClientOptions): TicketFieldsClient {
  return createDomainClient(ticketFields, options);
}

/** A ticket-fields client, or a multi-domain client made with the `ticketFields` domain. */
export type WithTicketFields = TicketFieldsHelpers | { ticketFields: TicketFieldsHelpers };

const helpersOf = (client: WithTicketFields): TicketFieldsHelpers =>
  "ticketFields" in client ? client.ticketFields : client;

/** `client.fieldsByName<M>()` (or `client.ticketFields.fieldsByName<M>()`), for either kind of client. */
export function fieldsByName<M extends TicketFieldNameMap<M> = AnyTicketFieldNames>(
  client: WithTicketFields,
  options?: FieldsByNameOptions<M>,
): Promise<FieldNames<M>> {
  return helpersOf(client).fieldsByName<M>(options);
}

/** `client.statusByName(name)` for either kind of client: `{ custom_status_id }` to spread into a ticket update. */
export function statusByName(client: WithTicketFields, name: string | number): Promise<CustomStatusUpdate> {
  return helpersOf(client).statusByName(name);
}

/** `client.formStatuses(id)` for either kind of client: the custom statuses the form allows. */
export function formStatuses(client: WithTicketFields, ticketFormId: number): Promise<CustomStatus[]> {
  return helpersOf(client).formStatuses(ticketFormId);
}
