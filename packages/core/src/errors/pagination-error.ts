import { ZendeskError } from "./zendesk-error.js";

/**
 * `paginate` could not go on: a next link to another host, a cursor that
 * repeats, a page without its items array, a path that does not page.
 */
export class PaginationError extends ZendeskError {
  override name = "PaginationError";
}
