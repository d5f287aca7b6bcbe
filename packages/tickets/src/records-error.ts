import type { Attachment } from "./types.js";

/** What a `TicketWithFilesError` tells of the files uploaded before the write failed. */
export interface TicketWithFilesErrorFields {
  /** The upload holding every file: put it in a comment's `uploads` to retry the write without uploading again. */
  token: string;
  /** The uploaded files. */
  attachments: Attachment[];
}

/**
 * `createWithFiles` or `commentWithFiles` uploaded every file, then the ticket create or update failed: nothing was
 * written, and the files wait in the upload `token` (for about an hour) for a retry. `cause` is the failed request's
 * error (a `ValidationError`, a `RateLimitError`…). (The class loads with those helpers, on first use.)
 */
export class TicketWithFilesError extends Error {
  override readonly name = "TicketWithFilesError";
  declare readonly token: string;
  declare readonly attachments: Attachment[];
  /** The failed request's error. */
  declare readonly cause: unknown;

  constructor(message: string, fields: TicketWithFilesErrorFields & { cause: unknown }) {
    super(message);
    Object.assign(this, fields);
  }
}
