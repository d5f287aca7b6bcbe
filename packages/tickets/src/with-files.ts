// `createWithFiles`, `commentWithFiles` and `redactAttachment`, loaded on first use: files uploaded, then the
// ticket written with the upload's token, so that a caller makes one call for a comment with attachments.
import { type DomainClient, unwrap } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { TicketWithFilesError } from "./records-error.js";
import type { TicketWithFilesResult, WithFilesOptions } from "./records-types.js";
import type { Attachment, TicketCommentInput, TicketCreateInput } from "./types.js";
import { type UploadFile, uploadFiles } from "./uploads.js";

type Client = DomainClient<paths, typeof operations>;

/** Uploads `files`, then runs `write` with the comment given the upload's token; a failed write keeps the token. */
async function withFiles(
  client: Client,
  what: string,
  comment: TicketCommentInput,
  files: readonly UploadFile[],
  options: WithFilesOptions,
  write: (comment: TicketCommentInput) => Promise<TicketWithFilesResult>,
): Promise<TicketWithFilesResult> {
  // An UploadFilesError (some files not uploaded) goes to the caller as it is: nothing was written.
  const upload = await uploadFiles(client, files, options.signal ? { signal: options.signal } : {});
  try {
    return await write({ ...comment, uploads: [...(comment.uploads ?? []), upload.token] });
  } catch (cause) {
    throw new TicketWithFilesError(
      `${what} failed after uploading ${files.length} file(s); retry it with uploads: ["${upload.token}"]`,
      { token: upload.token, attachments: upload.attachments, cause },
    );
  }
}

export function createWithFiles(
  client: Client,
  ticket: TicketCreateInput,
  files: readonly UploadFile[],
  options: WithFilesOptions = {},
): Promise<TicketWithFilesResult> {
  return withFiles(client, "creating the ticket", ticket.comment, files, options, async (comment) =>
    unwrap(
      await client.POST("/api/v2/tickets", {
        body: { ticket: { ...ticket, comment } },
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    ),
  );
}

export function commentWithFiles(
  client: Client,
  ticketId: number,
  comment: TicketCommentInput,
  files: readonly UploadFile[],
  options: WithFilesOptions = {},
): Promise<TicketWithFilesResult> {
  return withFiles(client, `commenting on ticket ${ticketId}`, comment, files, options, async (withToken) =>
    unwrap(
      await client.PUT("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: ticketId } },
        body: { ticket: { comment: withToken } },
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    ),
  );
}

export async function redactAttachment(
  client: Client,
  ticketId: number,
  commentId: number,
  attachmentId: number,
): Promise<Attachment> {
  const { attachment } = unwrap(
    await client.PUT("/api/v2/tickets/{ticket_id}/comments/{comment_id}/attachments/{attachment_id}/redact", {
      params: { path: { ticket_id: ticketId, comment_id: commentId, attachment_id: attachmentId } },
    }),
  );
  return attachment;
}
