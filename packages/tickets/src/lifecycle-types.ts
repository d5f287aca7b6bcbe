/**
 * Names for the shapes of deleted, suspended and problem tickets, the account's tags and the lifecycle helpers'
 * results, taken from the generated schema.
 */
import type { CustomFieldMaps, ResponseSchemas } from "@zenfetch/core";
import type { components } from "./generated/schema.js";

type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;

/** A soft-deleted ticket as the deleted tickets list shows it: id, subject, who deleted it and when. */
export type DeletedTicket = Schemas["DeletedTicket"];
/** A message Zendesk suspended instead of making a ticket of it, with its `cause`. */
export type SuspendedTicket = Schemas["SuspendedTicket"];
/** Who sent a suspended message (`id` is null when they are not a user). */
export type SuspendedTicketAuthor = Schemas["SuspendedTicketAuthor"];
/** The upload `POST /api/v2/suspended_tickets/attachments` makes of a suspended message's files. */
export type SuspendedTicketAttachmentsUpload = Schemas["SuspendedTicketAttachmentsUpload"];
/** A ticket of type `problem`, as `GET /api/v2/problems` and the problem autocomplete return it. */
export type TicketProblem<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["Ticket"];
/** One of the account's tags with how often it is used (`GET /api/v2/tags`). */
export type AccountTag = Schemas["AccountTag"];

/** Options of `restoreMany`, `recoverSuspendedMany` and `destroySuspendedMany`. */
export interface LifecycleBatchOptions {
  /** Ids per request, from 1 to 100 (Zendesk's limit, the default). */
  batchSize?: number;
  /** Stops the call: no further request is sent, and the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What `restoreMany` did with one id. */
export type RestoreResult =
  | { id: number; restored: true }
  | {
      id: number;
      restored: false;
      /** Why its request was refused (a `ZendeskError`, or what stopped the call); the rest of its batch shares it. */
      error: unknown;
    };

/** What `recoverSuspendedMany` did with one suspended ticket id. */
export type RecoverSuspendedResult<F extends CustomFieldMaps = CustomFieldMaps> =
  | {
      id: number;
      recovered: true;
      /**
       * The new ticket, paired with the id by its position in Zendesk's answer (a ticket does not name the message
       * it came from). Absent when another message of the same request failed, since Zendesk then answers with the
       * failures only, or when the answer did not hold one ticket per id: find those by subject or requester.
       */
      ticket?: Schemas<F>["Ticket"];
    }
  | {
      id: number;
      recovered: false;
      /** Why not, in words: Zendesk's error messages for the message, or the refusal of the whole request. */
      reason: string;
      /** The message as Zendesk returned it with its `error_messages`, when it did. */
      suspendedTicket?: SuspendedTicket;
      /** The error of a request refused as a whole (a `ZendeskError`), when that is why. */
      error?: unknown;
    };
