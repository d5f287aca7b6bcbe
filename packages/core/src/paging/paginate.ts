import { PaginationError } from "../errors/pagination-error.js";
import type { Page, PaginateDeps, Paginator, RawInit } from "./types.js";

// --- Runtime -----------------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function positiveInt(name: string, value: unknown, allowZero: boolean): void {
  if (value === undefined) return;
  if (!(typeof value === "number" && Number.isInteger(value) && (allowZero ? value >= 0 : value > 0))) {
    throw new PaginationError(
      `paginate: \`${name}\` must be a whole number${allowZero ? " ≥ 0" : " > 0"}; got ${String(value)}`,
    );
  }
}

export function createPaginate(deps: PaginateDeps) {
  return function paginate(path: string, init: RawInit = {}): Paginator<unknown, Page> {
    const method = init.method ?? "GET";
    if (method !== "GET" && method !== "POST") {
      throw new PaginationError(`paginate: \`method\` must be "GET" or "POST"; got ${String(method)}`);
    }
    // A GET with a search's body would drop the filter without a word and list everything.
    if (method === "GET" && init.body !== undefined) {
      throw new PaginationError('paginate: a `body` is sent only with `method: "POST"`');
    }
    const operation = `${method} ${path}`;
    const pagination = deps.operations[operation]?.pagination;
    if (!pagination) {
      throw new PaginationError(
        `paginate: ${operation} is not a paginated list operation (the client's operations map gives it no pagination)`,
      );
    }
    positiveInt("maxItems", init.maxItems, true);
    positiveInt("maxPages", init.maxPages, true);
    positiveInt("pageSize", init.pageSize, false);
    if (init.resume !== undefined && (!isRecord(init.resume) || init.resume.operation !== operation)) {
      throw new PaginationError(`paginate: \`resume\` belongs to ${String(init.resume?.operation)}, not ${operation}`);
    }
    // Records the stopped run had delivered from that page: paginate cannot tell them apart, so it would repeat them.
    if (init.resume?.skip?.length) {
      throw new PaginationError(
        `paginate: this \`resume\` lists records already delivered from its page (\`skip\`), which only the export helper it came from can leave out; pass it back to that helper`,
      );
    }
    if (pagination.style === "unpaginated" && init.pageSize !== undefined) {
      throw new PaginationError(
        `paginate: ${operation} returns its whole list in one response, so \`pageSize\` does not apply; leave it out`,
      );
    }
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
