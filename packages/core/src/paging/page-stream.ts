// The page requests behind `paginate`: building each page's URL, following the step rules of the operation's
// style, and refusing what would leak credentials or loop. Loaded on the first page.
import { defaultPathSerializer } from "openapi-fetch";
import { CursorExpiredError } from "../errors/cursor-expired-error.js";
import { isZendeskError } from "../errors/guards.js";
import { OffsetLimitError } from "../errors/offset-limit-error.js";
import { PaginationError } from "../errors/pagination-error.js";
import { linkSignals } from "../http/abort.js";
import { querySerializer } from "../http/query.js";
import { safeUrl } from "../http/redact.js";
import type { PaginationMeta } from "../meta/operation-meta.js";
import { readAhead } from "./read-ahead.js";
import { readPage } from "./read-page.js";
import type { PaginationResume } from "./resume.js";
import {
  cursorExpiredError,
  expiringCursor,
  MAX_EMPTY_PAGES,
  type PageStep,
  pageFailure,
  pageSizeParam,
  pageStep,
} from "./steps.js";
import type { Page, PaginateDeps, PaginateMethod, RawInit } from "./types.js";
import { VisitedPages } from "./visited.js";

const serializeQuery = querySerializer();

/** `page[size]=100&start_time=1` with brackets left readable and values encoded. */
function toSearch(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    parts.push(`${encodeURIComponent(key).replace(/%5B/gi, "[").replace(/%5D/gi, "]")}=${encodeURIComponent(value)}`);
  }
  return parts.join("&");
}

const comparablePath = (pathname: string) => {
  let path = pathname.replace(/\/+$/, "").replace(/\.json$/i, "");
  try {
    path = decodeURIComponent(path);
  } catch {}
  return path;
};

/** Puts where to carry on onto an error, except onto those that say carrying on is impossible. */
function withResume(error: unknown, resume: PaginationResume): unknown {
  if (isZendeskError(error) && !(error instanceof CursorExpiredError || error instanceof OffsetLimitError)) {
    error.resume = resume;
  }
  return error;
}

/**
 * The pages of a list, each fetched while the caller still works on the one before (`lookAhead` pages ahead,
 * default 1). Pages, errors and their resume positions come out in order: an error on a page fetched ahead
 * surfaces when that page is asked for, after every page before it. Leaving early aborts the request in flight.
 */
export async function* pageStream(
  deps: PaginateDeps,
  method: PaginateMethod,
  path: string,
  pagination: PaginationMeta,
  init: RawInit,
): AsyncGenerator<Page, void, undefined> {
  const lookAhead = init.lookAhead ?? 1;
  if (lookAhead === 0) {
    yield* sequentialPages(deps, method, path, pagination, init);
    return;
  }
  const stop = new AbortController();
  const { signal, release } = linkSignals(init.signal, stop.signal);
  const inner = sequentialPages(deps, method, path, pagination, { ...init, signal });
  // The checks of maxPages and maxItems run before each request, as without the look-ahead.
  yield* readAhead(inner, lookAhead, () => {
    stop.abort(new DOMException("the caller stopped paging", "AbortError"));
    release();
  });
}

async function* sequentialPages(
  deps: PaginateDeps,
  method: PaginateMethod,
  path: string,
  pagination: PaginationMeta,
  init: RawInit,
): AsyncGenerator<Page, void, undefined> {
  const operation = `${method} ${path}`;
  checkPaginateInit(method, operation, pagination, init);
  const { style, items: itemsKey } = pagination;
  const pathParams = init.params?.path;
  const pageUrl = `${deps.baseUrl}${defaultPathSerializer(path, pathParams ?? {})}`;
  const expected = new URL(pageUrl);
  const resumeAt = (search: string): PaginationResume => ({
    operation,
    url: safeUrl(search ? `${pageUrl}?${search}` : pageUrl),
  });

  /** The query of a link to follow, after checking it stays on the client's host and this operation's path. */
  const followable = (link: string, what: string): string => {
    let url: URL;
    try {
      url = new URL(link, pageUrl);
    } catch {
      throw new PaginationError(`${operation}: ${what} is not a URL: ${JSON.stringify(link.slice(0, 200))}`);
    }
    if (url.protocol !== expected.protocol || url.host !== expected.host) {
      throw new PaginationError(
        `${operation}: refusing to follow ${what} to ${url.protocol}//${url.host}: it is not the client's host (${expected.protocol}//${expected.host}), and credentials stay there`,
      );
    }
    if (comparablePath(url.pathname) !== comparablePath(expected.pathname)) {
      throw new PaginationError(
        `${operation}: refusing to follow ${what} to another path (${safeUrl(url.toString()).slice(0, 200)})`,
      );
    }
    return toSearch(url.searchParams);
  };

  let search: string;
  if (init.resume) {
    search = followable(init.resume.url, "the resume URL");
  } else {
    const query: Record<string, unknown> = { ...(init.params?.query ?? {}) };
    const size = pageSizeParam(style);
    if (size) {
      const pageSize = init.pageSize ?? query[size.param] ?? size.default;
      // Zendesk caps the page silently or refuses the request: either way a size past its largest is a mistake.
      if (Number(pageSize) > size.max) {
        throw new PaginationError(
          `${operation}: a page holds at most ${size.max} items on this list; got a page size (${init.pageSize === undefined ? size.param : "pageSize"}) of ${String(pageSize)}. Ask for ${size.max} or fewer.`,
        );
      }
      if (pageSize !== undefined) query[size.param] = pageSize;
    }
    search = toSearch(new URLSearchParams(serializeQuery(query)));
  }

  const visited = new VisitedPages(operation);
  visited.visit(search);
  const expiring = expiringCursor(style);
  /** When the page that handed out the cursor in `search` arrived (unknown for a resumed run's first page). */
  let cursorIssuedAt: number | undefined;
  let pages = 0;
  let items = 0;
  /** Pages in a row that came back empty yet pointed at a next one. */
  let empty = 0;
  for (;;) {
    if (init.maxPages !== undefined && pages >= init.maxPages) return;
    const resume = resumeAt(search);
    const query = new URLSearchParams(search);
    if (expiring && cursorIssuedAt !== undefined && Date.now() - cursorIssuedAt > expiring.lifetimeMs) {
      throw cursorExpiredError(operation, expiring.lifetimeMs, {
        method,
        url: resume.url,
        reason: `the page that handed it out came more than ${expiring.lifetimeMs / 60_000} minutes ago`,
      });
    }
    const current = search;
    let page: Page | undefined;
    let pageItems: unknown[];
    try {
      // A POST search sends the same body for every page: only the query moves on.
      const result = await deps.request(method, path, {
        params: { path: pathParams, query: {} },
        querySerializer: () => current,
        ...(method === "POST" ? { body: init.body } : {}),
        signal: init.signal,
        headers: init.headers,
      });
      ({ page, items: pageItems } = readPage(result, operation, itemsKey));
    } catch (error) {
      const meant = isZendeskError(error) ? pageFailure({ operation, pagination, query }, error) : undefined;
      throw withResume(meant ?? error, resume);
    }
    const arrivedAt = Date.now();
    pages++;
    items += pageItems.length;
    // Read where to go next before handing the page over; act on it (and fail on it) only when asked for more.
    let step: PageStep | undefined;
    let stepError: unknown;
    try {
      step = pageStep({ operation, pagination, query, page, items: pageItems });
      empty = pageItems.length === 0 && !step.done ? empty + 1 : 0;
      if (empty >= MAX_EMPTY_PAGES) {
        throw withResume(
          new PaginationError(
            `${operation}: ${empty} pages in a row came back empty while saying there is more; stopping instead of paging on for ever (resume carries on from the last one)`,
          ),
          resume,
        );
      }
    } catch (error) {
      stepError = error;
    }
    yield page;
    page = undefined;
    pageItems = [];
    if (stepError !== undefined) throw stepError;
    if (step === undefined || step.done || step.next === undefined) return;
    if (init.maxItems !== undefined && items >= init.maxItems) return;
    search = step.link ? followable(step.link, "the next-page link") : toSearch(step.next);
    try {
      visited.visit(search);
    } catch (error) {
      throw withResume(error, resumeAt(search));
    }
    if (expiring) cursorIssuedAt = step.next.has(expiring.param) ? arrivedAt : undefined;
  }
}

/** The items of `pages`, one at a time, up to `maxItems`; each page is let go before the next is fetched. */
export async function* itemStream(
  pages: AsyncGenerator<Page, void, undefined>,
  itemsKey: string,
  init: RawInit,
): AsyncGenerator<unknown, void, undefined> {
  const { maxItems, signal } = init;
  let count = 0;
  try {
    if (maxItems === 0) return;
    for (;;) {
      let step: IteratorResult<Page, void> | undefined = await pages.next();
      if (step.done) return;
      let items: unknown[] | undefined = step.value[itemsKey] as unknown[];
      step = undefined;
      for (let i = 0; i < items.length; i++) {
        signal?.throwIfAborted();
        yield items[i];
        if (maxItems !== undefined && ++count >= maxItems) return;
      }
      // Let the page go before the next one arrives.
      items = undefined;
    }
  } finally {
    await pages.return(undefined);
  }
}
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

/**
 * Checks paginate's options before the first request is sent: a bad option fails the first step of the
 * iteration (`for await`, `.pages()`), before anything goes out.
 */
export function checkPaginateInit(method: string, operation: string, pagination: PaginationMeta, init: RawInit): void {
  if (method !== "GET" && method !== "POST") {
    throw new PaginationError(`paginate: \`method\` must be "GET" or "POST"; got ${String(method)}`);
  }
  // A GET with a search's body would drop the filter without a word and list everything.
  if (method === "GET" && init.body !== undefined) {
    throw new PaginationError('paginate: a `body` is sent only with `method: "POST"`');
  }
  positiveInt("maxItems", init.maxItems, true);
  positiveInt("maxPages", init.maxPages, true);
  positiveInt("pageSize", init.pageSize, false);
  positiveInt("lookAhead", init.lookAhead, true);
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
}
