import { ResponseTooLargeError } from "../errors/too-large-error.js";

/**
 * Reads a response's body whole into a new Response, stopping at `maxBytes`: first on a `Content-Length`
 * over it (the encoded length, which a compressed body only grows from), then on the bytes read, counted
 * after decoding (fetch hands over the decoded stream), so that a small gzip body that unpacks to gigabytes
 * stops at the limit. Reading stops when `signal` aborts (the attempt's timer), even with a fetch whose body
 * stream ignores it.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  method: string,
  url: string,
): Promise<Response> {
  const body = response.body;
  if (!body) return response;
  signal.throwIfAborted();
  const { status } = response;
  const tooLarge = (declared: string) => {
    void body.cancel().catch(() => {});
    return new ResponseTooLargeError(
      `${method} ${url}: the response body${declared} is over the limit of ${maxBytes} bytes (status ${status}); ask for less (a smaller \`per_page\`) or raise the client's \`maxResponseBytes\``,
      { status, method, url, maxBytes, requestId: response.headers.get("x-zendesk-request-id") ?? undefined },
    );
  };
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(` (Content-Length ${declared})`);
  const reader = body.getReader();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge("");
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const copy = new Response(bytes, { status, statusText: response.statusText, headers: response.headers });
  // Where it came from, for the errors made from it.
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}
