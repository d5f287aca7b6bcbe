import type { CustomFieldMaps, IncludeValue, ResponseSchemas, Sideloaded } from "@zenfetch/core";
import type { includes } from "./generated/operations.js";
import type { components } from "./generated/schema.js";

type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;

// --- Records -----------------------------------------------------------------------------------

/** A ticket as the ticket exports send it: the usual ticket plus the fields some `include` values add (`dates`, `slas`…). */
export type Ticket<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["IncrementalTicket"];
export type User<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["User"];
export type Organization<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["Organization"];
/** One update of a ticket (an audit) from the ticket event export, with what changed in `child_events`. */
export type TicketEvent = Schemas["IncrementalTicketEvent"];
/** One change inside a `TicketEvent`: a comment, a field set or changed, a notification, or another audit event. */
export type TicketChildEvent = Schemas["IncrementalTicketChildEvent"];
export type TicketCommentEvent = Schemas["IncrementalTicketCommentEvent"];
export type TicketFieldEvent = Schemas["IncrementalTicketFieldEvent"];
export type TicketNotificationEvent = Schemas["IncrementalTicketNotificationEvent"];
export type TicketOtherEvent = Schemas["IncrementalTicketOtherEvent"];
/** A metric timer starting, pausing, completing, breaching… (the ticket metric event export). */
export type TicketMetricEvent = Schemas["TicketMetricEvent"];
/** A change to a routing attribute (a skill type, such as Language). */
export type RoutingAttribute = Schemas["IncrementalRoutingAttribute"];
/** A change to a routing attribute value (a skill, such as German). */
export type RoutingAttributeValue = Schemas["IncrementalRoutingAttributeValue"];
/** A skill given to or taken from an agent or a ticket. */
export type RoutingInstanceValue = Schemas["IncrementalRoutingInstanceValue"];

// --- Sideloads ---------------------------------------------------------------------------------

export type Group = Schemas["IncrementalGroup"];
export type TicketMetricSet = Schemas["IncrementalTicketMetricSet"];
export type SharingAgreement = Schemas["IncrementalSharingAgreement"];
export type TicketForm = Schemas["IncrementalTicketForm"];
export type UserIdentity = Schemas["IncrementalUserIdentity"];
export type UserAbility = Schemas["IncrementalUserAbility"];
/** The top-level arrays the ticket exports add beside `tickets` when `include` asks for them. */
export type TicketSideloads<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["IncrementalTicketSideloads"];
/** The top-level properties the user exports add beside `users` when `include` asks for them. */
export type UserSideloads<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["IncrementalUserSideloads"];

/** What each export's `include` values add, from the spec (`x-zenfetch-include`). */
type Includes = typeof includes;
/** The include declaration of the ticket export (the cursor form the export helper uses). */
export type TicketExportIncludes = Includes["GET /api/v2/incremental/tickets/cursor"];
/** The include declaration of the user export (the cursor form the export helper uses). */
export type UserExportIncludes = Includes["GET /api/v2/incremental/users/cursor"];
/** The include declaration of the ticket event export. */
export type TicketEventExportIncludes = Includes["GET /api/v2/incremental/ticket_events"];

/** What the ticket export can `include`. Some add arrays (`TicketSideloads`), others fields on each ticket. */
export type TicketInclude = IncludeValue<TicketExportIncludes>;
/** What the user export can `include`; each arrives in `page.sideloads`. */
export type UserInclude = IncludeValue<UserExportIncludes>;
/** What the ticket event export can `include`: `comment_events` puts each comment into `child_events`. */
export type TicketEventInclude = IncludeValue<TicketEventExportIncludes>;

/** The sideloads a page carries for the `include` values `I`: each one asked for is present (empty when there were none). */
export type SideloadsFor<S, I extends readonly string[]> = {
  [K in Extract<I[number], keyof S>]-?: NonNullable<S[K]>;
};

/**
 * A ticket as an export page carries it for the `include` values `I`: the fields a value asked for adds
 * (`dates`, `slas`, `incident_count`…) are present, those of values not asked for are not in the type. For
 * an `I` that does not list its values (a variable typed `TicketInclude[]`), the ticket as the spec has it.
 */
export type TicketFor<I extends readonly TicketInclude[], F extends CustomFieldMaps = CustomFieldMaps> = Sideloaded<
  { tickets: Ticket<F>[] },
  TicketExportIncludes,
  number extends I["length"] ? unknown : I[number]
>["tickets"][number];
