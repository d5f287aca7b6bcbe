/**
 * Names for the shapes of the records endpoints (attachments, redactions, the account's audits, ticket metrics,
 * email notifications, satisfaction), taken from the generated schema. `SatisfactionRating` is in types.ts.
 */
import type { RequestSchemas, ResponseSchemas } from "@zenfetch/core";
import type { components } from "./generated/schema.js";
import type { Ticket, TicketAudit } from "./types.js";

type Schemas = ResponseSchemas<components["schemas"]>;
type Inputs = RequestSchemas<components["schemas"]>;

/** The body of `PUT /api/v2/attachments/{attachment_id}`: lets agents download a flagged file, or not. */
export type AttachmentUpdateInput = Inputs["AttachmentUpdateInput"];
/** The body of `PUT /api/v2/chat_redactions/{ticket_id}`: the chat, the message's position and the words. */
export type ChatRedactionInput = Inputs["ChatRedactionInput"];
/** The body of `PUT /api/v2/chat_file_redactions/{ticket_id}`: the chat and the positions of its files. */
export type ChatFileRedactionInput = Inputs["ChatFileRedactionInput"];
/** One entry of a chat's history, as a chat redaction answers it. */
export type ChatRedactionHistoryEntry = Schemas["ChatRedactionHistoryEntry"];
/** The body of `PUT /api/v2/comment_redactions/{ticket_comment_id}`: `<redact>` marks and file URLs. */
export type CommentRedactionInput = Inputs["CommentRedactionInput"];
/** An email Zendesk sent about a ticket update, with its recipients. */
export type EmailNotification = Schemas["EmailNotification"];
/** One recipient of an email notification and how delivery went. */
export type EmailNotificationRecipient = Schemas["EmailNotificationRecipient"];
/** What the recipient's mail server answered. */
export type EmailNotificationDeliveryStatus = Schemas["EmailNotificationDeliveryStatus"];
/** A ticket's metric record: stations, reopens, replies, and the reply, resolution and wait times. */
export type TicketMetric = Schemas["TicketSideloadMetricSet"];
/** A duration of a ticket metric, in calendar time and in business hours (null while unknown). */
export type TicketMetricDuration = Schemas["TicketSideloadDuration"];
/** A reason a requester can give for a bad rating. */
export type SatisfactionReason = Schemas["SatisfactionReason"];

export interface WithFilesOptions {
  /** Stops the upload or the write. */
  signal?: AbortSignal | undefined;
}

/** What `createWithFiles` and `commentWithFiles` resolve to: the ticket as written, and the audit of the write. */
export interface TicketWithFilesResult {
  ticket: Ticket;
  audit?: TicketAudit | undefined;
}

export interface DownloadAttachmentOptions {
  signal?: AbortSignal | undefined;
  /**
   * The fetch used for a file on another host than the account's (Zendesk's file hosts), always without
   * credentials; `globalThis.fetch` by default. The account's own host is reached through the client.
   */
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
}
