import { guard } from "./guard.js";
import { PaginationError } from "./pagination-error.js";
import type { ZendeskErrorInit } from "./zendesk-error.js";

/**
 * An offset-paged list reached the most records Zendesk serves by offset paging while there were more:
 * the rest can only be had another way, which `instead` names (or, left out, the list's own cursor paging).
 * Carries no `resume` (the next page would be refused).
 */
export class OffsetLimitError extends PaginationError {
  override name = "OffsetLimitError";
  /** The cap: how many records Zendesk serves of this list by offset paging. */
  readonly maxRecords: number;
  /** What the spec says to use past the cap (`"GET /api/v2/search/export"`), if it names something. */
  readonly instead: string | undefined;

  // The message is written where the error is raised (the paging code, loaded on first use), to keep it out of
  // the code every app loads.
  constructor(message: string, init: ZendeskErrorInit & { maxRecords: number; instead?: string | undefined }) {
    const { maxRecords, instead, ...rest } = init;
    super(message, rest);
    this.maxRecords = maxRecords;
    this.instead = instead;
  }
}

export const isOffsetLimitError = /* @__PURE__ */ guard(OffsetLimitError, "OffsetLimitError");
