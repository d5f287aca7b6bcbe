// What the client does with a redirect (loaded through rare.ts). Each attempt is sent with `redirect: "manual"`, so that fetch never
// carries the credentials or a write's body somewhere the caller did not address; the transport hands any
// redirect here.
import { ConnectionError, RedirectError } from "../errors/http-errors.js";
import { safeCause, safeUrl } from "./redact.js";

/** Redirects followed for one attempt before giving up: enough for a moved path, not for a loop. */
export const MAX_REDIRECTS = 5;

/**
 * Follows `response` while it is a redirect within the origin of `url` on a GET or HEAD, up to
 * `MAX_REDIRECTS` times, and returns the first answer that is not one; any other redirect is a `RedirectError`.
 * `init` is the attempt's; `send` makes one request to a URL with it (same headers, no body).
 */
export async function followRedirects(
  response: Response,
  url: string,
  { method, signal }: { method: string; signal: AbortSignal | undefined },
  send: (url: string) => Promise<Response>,
): Promise<Response> {
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    const { status } = response;
    const redirect = status > 299 && status < 400;
    // A fetch that follows redirects itself (a custom one) says so with `redirected`; only where it ended counts.
    const followed = response.redirected && !redirect;
    const location = followed ? response.url : response.headers.get("location");
    // An answer, not a redirect: a 3xx without a target (a 304), or what a followed redirect led to.
    if (status && !followed && !(redirect && location)) return response;
    let target: URL | undefined;
    try {
      target = location ? new URL(location, url) : undefined;
    } catch {}
    const refuse = (why: string): never => {
      void response.body?.cancel().catch(() => {});
      const shown = target ? safeUrl(target.href) : location ? "an invalid URL" : "a target the runtime hides";
      const error = new RedirectError(
        `${method} ${safeUrl(url)}: not following the ${status || "opaque"} redirect to ${shown.slice(0, 200)}: ${why}`,
        { status: status || undefined, method, url },
      );
      if (target) error.location = safeUrl(target.href);
      throw error;
    };
    if (!target) return refuse("the client cannot check where it leads; point `baseUrl` at the host that answers");
    if (target.origin !== origin) {
      return refuse(
        `it leaves ${origin}${target.protocol === "http:" && url.startsWith("https:") ? " for plain http" : ""}, and credentials stay there; point \`baseUrl\` at the host that answers`,
      );
    }
    if (followed) return response;
    if (method !== "GET" && method !== "HEAD") {
      return refuse(`a ${method} is sent only where it was addressed; call the URL the API documents`);
    }
    if (hop >= MAX_REDIRECTS) return refuse(`more than ${MAX_REDIRECTS} redirects in a row`);
    void response.body?.cancel().catch(() => {});
    try {
      response = await send(target.href);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new ConnectionError(`${method} ${safeUrl(target.href)} (redirected) failed before a response`, {
        method,
        url: target.href,
        cause: safeCause(error),
      });
    }
  }
}
