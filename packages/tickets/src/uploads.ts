// `uploadFiles`, loaded on its first call: several files into one upload, one request each.
import { type DomainClient, unwrap } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { Attachment } from "./types.js";
import { UploadFilesError } from "./upload-error.js";

/** One file to upload: a `File`, or its name and bytes (and their type, else one guessed from the name). */
export type UploadFile =
  | File
  | { name: string; data: Blob | ArrayBuffer | Uint8Array; contentType?: string | undefined };

export interface UploadFilesOptions {
  /** Add the files to this upload (a token an earlier upload gave) instead of starting a new one. */
  token?: string | undefined;
  /** Stops the upload; the files sent before it stay in the upload (see `UploadFilesError`). */
  signal?: AbortSignal | undefined;
}

export interface UploadedFiles {
  /** Put it in a comment's `uploads` (`comment: { body, uploads: [token] }`) to attach every file. */
  token: string;
  /** Every file of the upload, in order. */
  attachments: Attachment[];
}

/** Types for the common extensions, for bytes given without one: Zendesk wants the file's real type. */
const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  pdf: "application/pdf",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  html: "text/html",
  json: "application/json",
  xml: "application/xml",
  zip: "application/zip",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The file as a Blob of the type it is sent with: the one given, the Blob's own, or one its name suggests. */
function asBlob(file: UploadFile): Blob {
  const data = file instanceof Blob ? file : file.data;
  const given = file instanceof Blob ? undefined : file.contentType;
  const own = data instanceof Blob ? data.type : "";
  const type = given || own || TYPES[file.name.split(".").pop()?.toLowerCase() ?? ""] || "";
  if (data instanceof Blob && data.type === type) return data;
  return new Blob([data as BlobPart], { type });
}

/**
 * Uploads `files` one after another into one upload (the first request starts it, unless `options.token` names
 * one; the others add to it) and resolves to its token and attachments. A failure part way rejects with an
 * `UploadFilesError` saying which files made it into which upload.
 */
export async function uploadFiles(
  client: DomainClient<paths, typeof operations>,
  files: readonly UploadFile[],
  options: UploadFilesOptions = {},
): Promise<UploadedFiles> {
  if (files.length === 0) throw new TypeError("uploadFiles: give at least one file");
  for (const file of files) {
    if (typeof file?.name !== "string" || file.name === "") {
      throw new TypeError("uploadFiles: every file needs a name (a File, or { name, data })");
    }
  }
  let token = options.token;
  let attachments: Attachment[] = [];
  for (const [index, file] of files.entries()) {
    try {
      const { upload } = unwrap(
        await client.POST("/api/v2/uploads", {
          params: { query: token === undefined ? { filename: file.name } : { filename: file.name, token } },
          body: asBlob(file),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      token = upload.token;
      attachments = upload.attachments;
    } catch (cause) {
      const uploaded = files.slice(0, index).map((f) => f.name);
      throw new UploadFilesError(
        `uploading "${file.name}" failed after ${index} of ${files.length} files` +
          (token === undefined ? "" : `; upload ${token} holds the ones before it`),
        { token, attachments, uploaded, failed: file.name, notUploaded: files.slice(index).map((f) => f.name), cause },
      );
    }
  }
  return { token: token as string, attachments };
}
