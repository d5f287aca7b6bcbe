import { guard } from "./guard.js";
import { ZendeskError, type ZendeskErrorInit } from "./zendesk-error.js";

/**
 * A response body over the client's `maxResponseBytes`: refused on its `Content-Length`, or as soon as the
 * bytes read (decoded) passed the limit, without reading the rest. Not retried.
 */
export class ResponseTooLargeError extends ZendeskError {
  override name = "ResponseTooLargeError";
  /** The limit that was passed: the client's `maxResponseBytes`. */
  readonly maxBytes: number;

  constructor(message: string, init: ZendeskErrorInit & { maxBytes: number }) {
    const { maxBytes, ...rest } = init;
    super(message, rest);
    this.maxBytes = maxBytes;
  }
}

export const isResponseTooLargeError = /* @__PURE__ */ guard(ResponseTooLargeError, "ResponseTooLargeError");
