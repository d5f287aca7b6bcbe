import { PaginationError } from "../errors/pagination-error.js";

/** How many page requests a run remembers to catch one that comes back (bounded, so memory stays flat). */
const REMEMBERED_PAGES = 1_000;

/** The query parameters that carry a cursor: where a cursor-paged list is, whatever else the query says. */
const CURSORS = ["cursor", "page[after]", "page[before]"];

/**
 * What names a page request: its cursor when it carries one (a server that hands back a cursor already
 * used, with another `per_page` or `include`, is still going round), else the whole query with its
 * parameters in one order, so that a link that reorders them is still the same request.
 */
function keyOf(search: string): string {
  const params = new URLSearchParams(search);
  const cursors = CURSORS.flatMap((name) => params.getAll(name).map((value) => `${name}=${value}`));
  if (cursors.length > 0) return cursors.join("&");
  return [...params]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .sort()
    .join("&");
}

/**
 * The page requests of one run, to refuse a cursor or link that points back at any page already fetched
 * (A → B → A), not only the one before: following it would loop for ever.
 */
export class VisitedPages {
  readonly #operation: string;
  readonly #seen = new Set<string>();

  constructor(operation: string) {
    this.#operation = operation;
  }

  /** Notes the request with this query; throws a `PaginationError` when the run already made it. */
  visit(search: string): void {
    const key = keyOf(search);
    if (this.#seen.has(key)) {
      throw new PaginationError(
        `${this.#operation}: the server sent a next page that was already fetched in this run (${search.slice(0, 200)}); stopping instead of looping`,
      );
    }
    this.#seen.add(key);
    if (this.#seen.size > REMEMBERED_PAGES) this.#seen.delete(this.#seen.values().next().value as string);
  }
}
