// Request bodies that are not JSON, loaded by the first call to an operation whose spec says so (an upload, a
// form), so that the JSON calls every app makes carry none of it.
import { mergeHeaders } from "openapi-fetch";
import type { RequestBodyMeta } from "../meta/operation-meta.js";

/**
 * The call's options with its body ready to go out as `meta` says:
 * - `bytes`: a `Blob`, `ArrayBuffer`, `Uint8Array` (any view) or `ReadableStream` is sent as it is, with the Blob's
 *   own type, else the caller's `Content-Type`, else the spec's media type when it names one, else
 *   `application/octet-stream`. A stream can be read once: the call is marked so that it is never retried.
 * - `multipart`: an object of fields becomes a `FormData` (a `File` keeps its name; arrays give one entry per
 *   item; objects go as JSON), and a `FormData` goes as it is; fetch writes the `Content-Type` with its boundary.
 */
export function prepareBody(
  init: Record<string, unknown> | undefined,
  meta: RequestBodyMeta,
  /** The call's RequestContext (transport.ts), marked `once` for a stream. */
  context: { operation?: string; once?: boolean },
): Record<string, unknown> | undefined {
  const value = init?.body;
  if (value === undefined) return init;
  const headers = mergeHeaders(init?.headers as never);
  if (meta.kind === "multipart") {
    // Only fetch knows the boundary: a Content-Type given here would lack it.
    headers.delete("content-type");
    return { ...init, headers, body: value instanceof FormData ? value : toFormData(value) };
  }
  const stream = typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
  // Anything else would go out as fetch writes it: an object as "[object Object]".
  if (!(value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || stream)) {
    throw new TypeError(
      `${context.operation ?? "this operation"} takes a file's bytes (a Blob, ArrayBuffer, Uint8Array or ReadableStream), not ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  const type =
    (value instanceof Blob && value.type) ||
    headers.get("content-type") ||
    (meta.media.includes("*") ? "application/octet-stream" : meta.media);
  headers.set("Content-Type", type);
  if (stream) context.once = true;
  return {
    ...init,
    headers,
    // As it is: openapi-fetch's own serializer would write a Blob or an array of bytes as JSON.
    bodySerializer: (body: unknown) => body,
    // What fetch asks of a body that is a stream.
    ...(stream ? { duplex: "half" } : {}),
  };
}

function toFormData(fields: unknown): FormData {
  const form = new FormData();
  if (fields === null || typeof fields !== "object") {
    throw new TypeError("a multipart/form-data body is an object of fields or a FormData");
  }
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) form.append(name, item);
      else form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}
