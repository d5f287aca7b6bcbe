// `downloadAttachment`, loaded on first use: an attachment's bytes from its `content_url`, with the account's
// credentials on the account's own host only.
import { type DomainClient, errorFromResponse, isRedirectError, unwrap } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { DownloadAttachmentOptions } from "./records-types.js";
import type { Attachment } from "./types.js";

type Client = DomainClient<paths, typeof operations>;
type RawRequest = (
  method: string,
  path: string,
  init: { parseAs: "stream"; signal?: AbortSignal },
) => Promise<{ error?: unknown; response: Response }>;

/**
 * A `content_url` on the client's own origin goes through the client (credentials, rate limits, retries, redirects
 * within the origin). Zendesk then usually redirects to a file host of its own: core refuses to carry the credentials
 * there and says where it leads, and the file is fetched from that address without them. A `content_url` on another
 * origin is fetched without credentials from the start.
 */
export async function downloadAttachment(
  client: Client,
  attachment: Pick<Attachment, "content_url"> | number,
  options: DownloadAttachmentOptions = {},
): Promise<Response> {
  const signal = options.signal;
  let url = typeof attachment === "number" ? undefined : attachment.content_url;
  if (url === undefined) {
    const found = unwrap(
      await client.GET("/api/v2/attachments/{attachment_id}", {
        params: { path: { attachment_id: attachment as number } },
        ...(signal ? { signal } : {}),
      }),
    );
    url = found.attachment.content_url;
  }
  const home = new URL(client.baseUrl).origin;
  let target = new URL(url, client.baseUrl);
  if (target.origin === home) {
    try {
      const request = (client as unknown as { request: RawRequest }).request;
      const result = await request("GET", `${target.pathname}${target.search}`, {
        parseAs: "stream",
        ...(signal ? { signal } : {}),
      });
      if (result.error !== undefined || !result.response.ok) throw errorFromResponse(result.response, result.error);
      return result.response;
    } catch (error) {
      const location = isRedirectError(error) ? error.location : undefined;
      if (location === undefined || new URL(location).origin === home) throw error;
      target = new URL(location);
    }
  }
  // Another origin: no Authorization, no cookies; its own redirects carry nothing of the account's either.
  const fetcher = options.fetch ?? globalThis.fetch;
  const response = await fetcher(target.href, {
    credentials: "omit",
    redirect: "follow",
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw errorFromResponse(response, text);
  }
  return response;
}
