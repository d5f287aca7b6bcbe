// The tickets client's helpers for attachments, redactions, metrics, email notifications and satisfaction. Each loads its code on first use, so that
// an app that does not call it does not carry it.
import type { DomainClient } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { DownloadAttachmentOptions, TicketWithFilesResult, WithFilesOptions } from "./records-types.js";
import type { Attachment, TicketCommentInput, TicketCreateInput } from "./types.js";
import type { UploadFile } from "./uploads.js";

/** What the tickets client adds for attachments, redactions, metrics, email notifications and satisfaction. */
export interface RecordsHelpers {
  /**
   * Uploads `files` and creates `ticket` with them attached to its first comment. If an upload fails, nothing is
   * created and the `UploadFilesError` names the files that went up; if the create fails, a `TicketWithFilesError`
   * carries the upload's `token`, to retry the create without uploading again.
   */
  createWithFiles(
    ticket: TicketCreateInput,
    files: readonly UploadFile[],
    options?: WithFilesOptions,
  ): Promise<TicketWithFilesResult>;
  /** The same as `createWithFiles`, for a new comment on ticket `ticketId`. */
  commentWithFiles(
    ticketId: number,
    comment: TicketCommentInput,
    files: readonly UploadFile[],
    options?: WithFilesOptions,
  ): Promise<TicketWithFilesResult>;
  /**
   * Fetches an attachment's file (an attachment, or its id) and resolves to the `Response`, its body unread
   * (`arrayBuffer()`, `body` to stream). The account's credentials go only to the account's own host; a file
   * Zendesk serves elsewhere, directly or by redirect, is fetched without them. A failed status rejects.
   */
  downloadAttachment(
    attachment: Pick<Attachment, "content_url"> | number,
    options?: DownloadAttachmentOptions,
  ): Promise<Response>;
  /** Replaces a file of a comment with an empty `redacted.txt`, for good, and resolves to the attachment as it is now. */
  redactAttachment(ticketId: number, commentId: number, attachmentId: number): Promise<Attachment>;
}

const withFiles = () => import("./with-files.js");

export function recordsHelpers(client: DomainClient<paths, typeof operations>): RecordsHelpers {
  return {
    createWithFiles: async (...args) => (await withFiles()).createWithFiles(client, ...args),
    commentWithFiles: async (...args) => (await withFiles()).commentWithFiles(client, ...args),
    downloadAttachment: async (...args) => (await import("./download.js")).downloadAttachment(client, ...args),
    redactAttachment: async (...args) => (await withFiles()).redactAttachment(client, ...args),
  };
}
