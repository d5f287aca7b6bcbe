import { fail } from "./fail.js";
import type { ZendeskClientOptions } from "./options.js";

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

const INVALID = '`subdomain` must be letters, digits and hyphens, like `subdomain: "acme"`';

const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);

export function resolveBaseUrl(options: ZendeskClientOptions): string {
  const { subdomain, baseUrl } = options;
  if (subdomain !== undefined && baseUrl !== undefined) {
    fail('give `subdomain` or `baseUrl`, not both (`subdomain: "acme"` means https://acme.zendesk.com)');
  }
  if (subdomain === undefined && baseUrl === undefined) {
    fail('give `subdomain` (e.g. `subdomain: "acme"` for https://acme.zendesk.com) or `baseUrl`');
  }
  if (subdomain !== undefined) {
    if (typeof subdomain !== "string" || subdomain.trim() === "") fail("`subdomain` is empty");
    const value = subdomain.trim();
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
    if (isUrl || value.includes(".")) {
      // The suggestion is built from the parsed host, never from the value: it may carry credentials.
      let host = "";
      try {
        host = new URL(isUrl ? value : `https://${value}`).host;
      } catch {}
      const sub = host.endsWith(".zendesk.com") && host.slice(0, -".zendesk.com".length);
      if (host) {
        fail(
          `\`subdomain\` is a ${isUrl ? "URL" : "host name"}; pass ${sub ? `\`subdomain: "${sub}"\` (or ` : ""}\`baseUrl: "https://${host}"\`${sub ? ")" : ""}`,
        );
      }
    }
    // Not quoted back: a value with `@` or `:` may hold credentials.
    if (!SUBDOMAIN.test(value)) fail(INVALID);
    return `https://${value.toLowerCase()}.zendesk.com`;
  }
  if (typeof baseUrl !== "string" || baseUrl.trim() === "") return fail("`baseUrl` is empty");
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    // Not quoted back: it may hold credentials.
    return fail('`baseUrl` is not an absolute URL (e.g. "https://acme.zendesk.com")');
  }
  if (url.username || url.password) {
    fail("`baseUrl` has credentials in it; remove them and pass `auth` instead");
  }
  if (url.protocol === "http:") {
    if (!isLoopback(url.hostname)) {
      fail(`\`baseUrl\` must use https (http only on loopback): "https://${url.host}"`);
    }
  } else if (url.protocol !== "https:") {
    // Its scheme is not quoted: in "user:secret@host" the parser takes the user name for one.
    fail('`baseUrl` must be an https URL, like "https://acme.zendesk.com"');
  }
  if (url.search || url.hash) fail("`baseUrl` must not have a query or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/api\/v2$/i.test(path)) {
    fail(
      `\`baseUrl\` must not end in /api/v2: the API paths already start with it; use "${url.origin}${path.slice(0, -"/api/v2".length)}"`,
    );
  }
  return `${url.origin}${path}`;
}
