/** What a route answers: a status, a JSON body (or raw text) and extra headers. The server writes it. */
export interface Reply {
  status: number;
  /** Serialized with JSON.stringify unless `text` is given. */
  body?: unknown;
  /** A ready-made body (HTML error pages, say). */
  text?: string;
  /** Raw bytes (a downloaded file), sent as they are with `contentType`. */
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): Reply {
  return { status: 204 };
}
