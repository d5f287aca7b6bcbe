import { PaginationError } from "../errors/pagination-error.js";
import type { Page, PaginateDeps, PaginateMethod, Paginator, RawInit } from "./types.js";

export function createPaginate(deps: PaginateDeps) {
  return function paginate(path: string, init: RawInit = {}): Paginator<unknown, Page> {
    const method = (init.method ?? "GET") as PaginateMethod;
    const operation = `${method} ${path}`;
    const pagination = deps.operations[operation]?.pagination;
    if (!pagination) {
      throw new PaginationError(
        `paginate: ${operation} is not a paginated list operation (the client's operations map gives it no pagination)`,
      );
    }
    // The options are checked by the first page request (page-stream.ts, loaded on first use), before it is sent.
    const pages = () => loadPageStream(deps, method, path, pagination, init);
    return {
      [Symbol.asyncIterator]: () => loadItemStream(pages(), pagination.items, init),
      pages,
    };
  };
}

/** The items of each page, one by one: in page-stream.ts too, loaded with the first page. */
async function* loadItemStream(
  ...args: Parameters<typeof import("./page-stream.js").itemStream>
): AsyncGenerator<unknown, void, undefined> {
  const { itemStream } = await import("./page-stream.js");
  yield* itemStream(...args);
}

/** The page requests live in page-stream.ts, loaded when the first page is asked for. */
async function* loadPageStream(
  ...args: Parameters<typeof import("./page-stream.js").pageStream>
): AsyncGenerator<Page, void, undefined> {
  const { pageStream } = await import("./page-stream.js");
  yield* pageStream(...args);
}
