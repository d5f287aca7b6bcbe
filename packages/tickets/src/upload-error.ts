import type { Attachment } from "./types.js";

/** What an `UploadFilesError` tells of the upload it stopped. */
export interface UploadFilesErrorFields {
  /** The upload that holds the files sent before the failure; undefined when the first failed and none was given. */
  token: string | undefined;
  /** The upload's files so far (as the last successful request listed them). */
  attachments: Attachment[];
  /** The names of the files this call uploaded, in order. */
  uploaded: string[];
  /** The name of the file whose request failed. */
  failed: string;
  /** The failed file and the ones after it, by name: what is not in the upload. */
  notUploaded: string[];
}

/**
 * `uploadFiles` stopped part way: the files before `failed` are in the upload named by `token`, and `notUploaded`
 * lists the failed file and every file after it. `cause` is the failed request's error (a `RateLimitError`, a
 * `ValidationError`…). Finish the same upload with `uploadFiles(rest, { token })`, or throw it away with
 * `DELETE /api/v2/uploads/{token}`. (Its message is written by `uploadFiles`, which loads on first use.)
 */
export class UploadFilesError extends Error {
  override readonly name = "UploadFilesError";
  declare readonly token: string | undefined;
  declare readonly attachments: Attachment[];
  declare readonly uploaded: string[];
  declare readonly failed: string;
  declare readonly notUploaded: string[];
  /** The failed request's error. */
  declare readonly cause: unknown;

  constructor(message: string, fields: UploadFilesErrorFields & { cause: unknown }) {
    super(message);
    Object.assign(this, fields);
  }
}
