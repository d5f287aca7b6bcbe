import { guard } from "./guard.js";
import { PaginationError } from "./pagination-error.js";
import type { ZendeskErrorInit } from "./zendesk-error.js";

/**
 * A search export's cursor ran out: Zendesk keeps it for an hour after the page that handed it out, and
 * then answers the next page with a 4xx. There is nothing to resume (the error carries no `resume`): start
 * the export again.
 */
export class CursorExpiredError extends PaginationError {
  override name = "CursorExpiredError";
  /** How long the cursor lasts, in ms. */
  readonly lifetimeMs: number;

  // The message is written where the error is raised (the paging code, loaded on first use).
  constructor(message: string, init: ZendeskErrorInit & { lifetimeMs: number }) {
    const { lifetimeMs, ...rest } = init;
    super(message, rest);
    this.lifetimeMs = lifetimeMs;
  }
}

export const isCursorExpiredError = /* @__PURE__ */ guard(CursorExpiredError, "CursorExpiredError");
