import { ZendeskError, type ZendeskErrorInit } from "./zendesk-error.js";

/**
 * `paginate` could not go on: a next link to another host, a cursor that
 * repeats, a page without its items array, a path that does not page.
 */
export class PaginationError extends ZendeskError {
  override name = "PaginationError";
}

/**
 * A search export's cursor ran out: Zendesk keeps it for an hour after the page that handed it out, and
 * then answers the next page with a 4xx. There is nothing to resume (the error carries no `resume`): start
 * the export again.
 */
export class CursorExpiredError extends PaginationError {
  override name = "CursorExpiredError";
  /** How long the cursor lasts, in ms. */
  readonly lifetimeMs: number;

  constructor(operation: string, lifetimeMs: number, init: ZendeskErrorInit & { reason: string }) {
    const { reason, ...rest } = init;
    const hours = lifetimeMs / 3_600_000;
    const lifetime = hours === 1 ? "an hour" : `${hours} hours`;
    super(
      `${operation}: the search export's cursor has expired (${reason}). Zendesk keeps a search export cursor for ${lifetime} after the page that handed it out, and a run cannot be resumed past that: start the export again, without \`resume\`.`,
      rest,
    );
    this.lifetimeMs = lifetimeMs;
  }
}

/**
 * An offset-paged list reached the most records Zendesk serves by offset paging while there were more:
 * the rest can only be had another way, which `instead` names. Carries no `resume` (the next page would
 * be refused).
 */
export class OffsetLimitError extends PaginationError {
  override name = "OffsetLimitError";
  /** The cap: how many records Zendesk serves of this list by offset paging. */
  readonly maxRecords: number;
  /** What the spec says to use past the cap (`"GET /api/v2/search/export"`), if it names something. */
  readonly instead: string | undefined;

  constructor(operation: string, maxRecords: number, instead: string | undefined, init: ZendeskErrorInit = {}) {
    const way = instead
      ? `use ${instead} instead`
      : "page it by cursor instead, or narrow the request (a filter, a time range) to fewer records";
    super(
      `${operation}: Zendesk serves at most ${maxRecords} records of this list by offset paging (page, per_page) and refuses the pages past them, but there are more; to reach the rest, ${way}.`,
      init,
    );
    this.maxRecords = maxRecords;
    this.instead = instead;
  }
}
