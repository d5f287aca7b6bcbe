/**
 * The codes zenfetch puts in `error` of a bulk result it had to make up, because Zendesk said nothing (or nothing
 * usable) about the item. Zendesk's own codes (`TicketCreateFailed`, `RecordInvalid`…) are passed through as sent.
 */
export const BulkErrorCode = {
  /** The job completed but its results say nothing about this item. Check it before sending it again. */
  NoResult: "NoResult",
  /** Zendesk reported the item failed without an error code; its words are in `details`. */
  ItemFailed: "ItemFailed",
  /** The item's job ended `failed` or `killed`. A killed job may have done part of its work: check before sending again. */
  JobFailed: "JobFailed",
  /** Zendesk did nothing with the item: its batch was never sent, or was refused as a whole (4xx, 429, 503). Safe to send again. */
  NotProcessed: "NotProcessed",
  /** The batch was sent but the outcome is not known (no answer, a 5xx, the job could not be followed to its end). Check before sending again; `jobId` names the job when there is one. */
  OutcomeUnknown: "OutcomeUnknown",
} as const;
export type BulkErrorCode = (typeof BulkErrorCode)[keyof typeof BulkErrorCode];
