import type { components } from "./generated/schema.js";

type Attachment = components["schemas"]["Attachment"];

/**
 * `uploadFiles` stopped part way: the files before `failed` are in the upload named by `token` (undefined when
 * the first file failed and no token was given), and `notUploaded` lists the failed file and every file after
 * it, by name. `cause` is the error of the failed request (a `RateLimitError`, a `ValidationError`…). Retry
 * with `uploadFiles(rest, { token })` to finish the same upload, or delete it with `DELETE /api/v2/uploads/{token}`.
 */
export class UploadFilesError extends Error {
  override readonly name = "UploadFilesError";
  /** The upload that holds the files sent before the failure. */
  readonly token: string | undefined;
  /** The upload's files so far (as the last successful request listed them). */
  readonly attachments: Attachment[];
  /** The names of the files uploaded by this call, in order. */
  readonly uploaded: string[];
  /** The name of the file whose request failed. */
  readonly failed: string;
  /** The failed file and the ones after it, by name: what is not in the upload. */
  readonly notUploaded: string[];

  constructor(init: {
    token: string | undefined;
    attachments: Attachment[];
    uploaded: string[];
    notUploaded: string[];
    cause: unknown;
  }) {
    const [failed = ""] = init.notUploaded;
    super(
      `uploading "${failed}" failed after ${init.uploaded.length} of ${init.uploaded.length + init.notUploaded.length} files` +
        (init.token ? ` (upload ${init.token} holds the ones before it)` : ""),
      { cause: init.cause },
    );
    this.token = init.token;
    this.attachments = init.attachments;
    this.uploaded = init.uploaded;
    this.failed = failed;
    this.notUploaded = init.notUploaded;
  }
}
