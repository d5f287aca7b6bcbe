/**
 * Uploads: files stored by `POST /api/v2/uploads`, grouped under a token until a comment takes them
 * (`comment.uploads: [token]`), then the comment's attachments. Each file's bytes are served, without
 * credentials, at its `content_url` (`/attachments/token/{key}/?name=…`), as Zendesk serves them.
 */
import { randomBytes } from "node:crypto";

export interface StoredFile {
  id: number;
  name: string;
  contentType: string;
  bytes: Buffer;
  /** The secret part of the file's content_url. */
  key: string;
  /** `http://127.0.0.1:PORT`, where the file was uploaded: its addresses point there. */
  origin: string;
}

interface Upload {
  token: string;
  fileIds: number[];
  expiresAt: number;
}

/** How long a token is accepted, in seconds (the store's time): an hour, as Zendesk says. */
export const UPLOAD_TTL_SECONDS = 60 * 60;
const ATTACHMENT_BASE = 9_000_000;

export class UploadState {
  private readonly uploads = new Map<string, Upload>();
  private readonly files = new Map<number, StoredFile>();
  private readonly byKey = new Map<string, StoredFile>();
  private counter = 0;

  /** Stores a file in the upload `token` (a new one when undefined); undefined when the token is not open. */
  add(
    token: string | undefined,
    file: Omit<StoredFile, "id" | "key">,
    now: number,
  ): { upload: Upload; file: StoredFile } | undefined {
    let upload = token === undefined ? undefined : this.open(token, now);
    if (token !== undefined && !upload) return undefined;
    if (!upload) {
      upload = { token: randomBytes(12).toString("base64url"), fileIds: [], expiresAt: now + UPLOAD_TTL_SECONDS };
      this.uploads.set(upload.token, upload);
    }
    const stored: StoredFile = { ...file, id: ATTACHMENT_BASE + ++this.counter, key: randomBytes(16).toString("hex") };
    this.files.set(stored.id, stored);
    this.byKey.set(stored.key, stored);
    upload.fileIds.push(stored.id);
    return { upload, file: stored };
  }

  /** The upload under `token` while it is accepted. */
  open(token: string, now: number): Upload | undefined {
    const upload = this.uploads.get(token);
    return upload && upload.expiresAt > now ? upload : undefined;
  }

  /** Removes an upload and its files; false when there was none. */
  delete(token: string, now: number): boolean {
    const upload = this.open(token, now);
    if (!upload) return false;
    this.uploads.delete(token);
    for (const id of upload.fileIds) this.forget(id);
    return true;
  }

  /** The files of the uploads named by `tokens` (unknown or lapsed ones give none); the tokens are used up. */
  take(tokens: readonly string[], now: number): StoredFile[] {
    const taken: StoredFile[] = [];
    for (const token of tokens) {
      const upload = this.open(token, now);
      if (!upload) continue;
      this.uploads.delete(token);
      for (const id of upload.fileIds) {
        const file = this.files.get(id);
        if (file) taken.push(file);
      }
    }
    return taken;
  }

  filesOf(upload: Upload): StoredFile[] {
    return upload.fileIds.flatMap((id) => this.files.get(id) ?? []);
  }

  /** A stored file (in an upload or attached to a comment) by its attachment id. */
  byId(id: number): StoredFile | undefined {
    return this.files.get(id);
  }

  /** The file served at `/attachments/token/{key}`. */
  byContentKey(key: string): StoredFile | undefined {
    return this.byKey.get(key);
  }

  private forget(id: number): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    this.byKey.delete(file.key);
  }
}

/** A stored file as Zendesk presents an attachment. */
export function attachmentJson(file: StoredFile) {
  const { origin } = file;
  const contentUrl = `${origin}/attachments/token/${file.key}/?name=${encodeURIComponent(file.name)}`;
  return {
    id: file.id,
    url: `${origin}/api/v2/attachments/${file.id}.json`,
    file_name: file.name,
    content_url: contentUrl,
    mapped_content_url: contentUrl,
    content_type: file.contentType,
    size: file.bytes.length,
    width: null,
    height: null,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: "malware_not_found",
    thumbnails: [],
  };
}

export type AttachmentJson = ReturnType<typeof attachmentJson>;

export function uploadJson(state: UploadState, upload: Upload, added: StoredFile) {
  return {
    upload: {
      token: upload.token,
      attachments: state.filesOf(upload).map(attachmentJson),
      attachment: attachmentJson(added),
    },
  };
}
