/**
 * What openapi-fetch builds for a call when no middleware will see the request: the fields the transport
 * reads, with the serialized body as it is, and none of a real Request's costs (a parsed URL, a copied header
 * list, an AbortController of its own). Passed to openapi-fetch as its `Request` class; only the client's
 * own fetch ever receives one.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as openapi-fetch serialized it (a string, FormData…), sent whole on every attempt. */
  readonly payload: BodyInit | undefined;
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;
  readonly credentials: RequestCredentials | undefined;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.payload = init.body ?? undefined;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
    this.credentials = init.credentials;
  }
}
