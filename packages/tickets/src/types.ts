/**
 * Names for the shapes users handle, taken from the generated schema so they
 * never drift from the spec. Nobody should have to write
 * `components["schemas"]["…"]`.
 */
import type { BulkHelpers, CustomFieldMaps, RequestSchemas, ResponseSchemas } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;
type Inputs<F extends CustomFieldMaps = CustomFieldMaps> = RequestSchemas<components<F>["schemas"]>;

// --- Tickets -----------------------------------------------------------------------------------

/** A ticket as Zendesk returns it (from show, create, update, the lists). */
export type Ticket<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["Ticket"];
/** A ticket in a list or show response, with what `include` sideloads add to each one (`dates`, `slas`…). */
export type TicketWithSideloads<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["TicketWithSideloads"];
/** The top-level arrays `include` adds beside tickets (`users`, `groups`, `organizations`…). */
export type TicketSideloads<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["TicketSideloads"];
/** What `ticket` takes in `POST /api/v2/tickets` and each item of `createMany`. `comment` is required. */
export type TicketCreateInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["TicketCreateInput"];
/** What `ticket` takes in `PUT /api/v2/tickets/{ticket_id}`: only what changes. */
export type TicketUpdateInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["TicketUpdateInput"];
/** The changes of a bulk update: the update properties plus `additional_tags` and `remove_tags`. */
export type TicketUpdateManyChanges<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["TicketUpdateManyChanges"];
/** One ticket of `updateMany(items)`: its `id` and its own changes. */
export type TicketUpdateManyItem<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["TicketUpdateManyItem"];
/** A ticket brought over from another system (`POST /api/v2/imports/tickets`). */
export type TicketImportInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["TicketImportInput"];
/** The body of `POST /api/v2/tickets/{ticket_id}/merge`. */
export type TicketMergeInput = Inputs["TicketMergeInput"];
/** The body of the tag endpoints (`/api/v2/tickets/{ticket_id}/tags`). */
export type TicketTagsInput = Inputs["TicketTagsInput"];
/** One person to CC: a user id, an email address, or `{ name, email }`. */
export type TicketCollaboratorInput = Inputs["TicketCollaboratorInput"];
/** Adds or removes one email CC (`email_ccs` of an update). */
export type TicketEmailCcChange = Inputs["TicketEmailCcChange"];
/** Adds or removes one follower (`followers` of an update). */
export type TicketFollowerChange = Inputs["TicketFollowerChange"];
/** A requester to find or create by email (`requester` of a create or update). */
export type TicketRequesterInput = Inputs["TicketRequesterInput"];
/** What `GET /api/v2/tickets/{ticket_id}/related` returns under `ticket_related`. */
export type TicketRelatedInformation = Schemas["TicketRelatedInformation"];
/** The ticket as a macro would leave it (`GET …/macros/{macro_id}/apply`). */
export type TicketMacroPreview<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["TicketMacroPreview"];
/** One custom field value, by field id. */
export type CustomFieldValue = Schemas["CustomFieldValue"];
/** Where a ticket, comment or event came from. */
export type Via = Schemas["Via"];
/** An X (formerly Twitter) account the Zendesk account monitors: its id is what Create Ticket from Tweet takes. */
export type MonitoredTwitterHandle = Schemas["MonitoredTwitterHandle"];

// --- Comments, audits, conversation --------------------------------------------------------------

/** One comment on a ticket, as Zendesk returns it. */
export type TicketComment = Schemas["TicketComment"];
/** One comment on a ticket (the same as `TicketComment`). */
export type Comment = TicketComment;
/** A comment to add with a ticket create or update (`ticket.comment`). */
export type TicketCommentInput = Inputs["TicketCommentInput"];
/** One recorded update of a ticket, with its `events`. */
export type TicketAudit = Schemas["TicketAudit"];
/** One recorded update of a ticket (the same as `TicketAudit`). */
export type Audit = TicketAudit;
/** One event of an audit: a comment, a field change, a notification… (a union on `type`). */
export type TicketAuditEvent = Schemas["TicketAuditEvent"];
/** Side data of a comment or audit (`system`, `custom`, `flags`). */
export type TicketEventMetadata = Schemas["TicketEventMetadata"];
/** One entry of a ticket's conversation log. */
export type TicketConversationEvent = Schemas["TicketConversationEvent"];
/** A file attached to a comment. */
export type Attachment = Schemas["Attachment"];

// --- People ------------------------------------------------------------------------------------

/** A Support user (end user, agent or admin): collaborators, followers, sideloaded users. */
export type User<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["User"];
/** A Support organization (sideloaded with `include=organizations`). */
export type Organization<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["Organization"];

// --- Ratings, jobs, counts, errors ---------------------------------------------------------------

/** A requester's CSAT rating of a ticket. */
export type SatisfactionRating = Schemas["SatisfactionRating"];
/** The body of `POST /api/v2/tickets/{ticket_id}/satisfaction_rating`. */
export type TicketSatisfactionRatingInput = Inputs["TicketSatisfactionRatingInput"];
/** A background job (bulk create, update, delete, merge): core's, the type `waitForJob` returns. */
export type { JobStatus, JobStatusResult } from "@zenfetch/core";
/** The answer of a `…/count` endpoint. */
export type Count = Schemas["Count"];
/** Zendesk's error body (`{ error, description, details }`, or `{ errors: [...] }` on newer endpoints). */
export type ZendeskErrorBody = Schemas["Error"] | Schemas["Errors"];

// --- Bulk helpers --------------------------------------------------------------------------------

/**
 * The bulk helpers of a tickets client, one per job-creating operation the spec declares:
 * `createMany(tickets)`, `updateMany(tickets)` or `updateMany(ids, changes)`, `destroyMany(ids)`,
 * `markManyAsSpam(ids)`, `importMany(tickets)`. Each resolves to one core `BulkResult<number>` (ticket ids) per
 * item, in input order.
 */
export type TicketsBulk<F extends CustomFieldMaps = CustomFieldMaps> = BulkHelpers<paths<F>, typeof operations>;
