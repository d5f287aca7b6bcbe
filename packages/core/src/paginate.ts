import type { FetchResponse, HeadersOptions, ParamsOption, RequestBodyOption } from "openapi-fetch";
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { errorFromResponse, isZendeskError, PaginationError, ResponseParseError, requestInfoOf } from "./errors.js";
import type { OperationsMeta, PaginationStyle } from "./operation-meta.js";
import { safeUrl } from "./redact.js";

// --- Types -------------------------------------------------------------------------------------

type Media = `${string}/${string}`;
type NoOptions = Record<never, never>;

/** Where a stopped `paginate` can carry on: the page it was about to fetch. Plain JSON; save it anywhere. */
export interface PaginationResume {
  /** `"GET /api/v2/tickets"`: the operation it belongs to. */
  operation: string;
  /** The absolute URL of the next page (on the client's host; holds no credentials). */
  url: string;
}

export interface PaginateOptions {
  /** Aborts the iteration: the pending request and any further one. */
  signal?: AbortSignal;
  /** Stop after this many items (pages: after the page that reaches it). */
  maxItems?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  /** `page[size]` for cursor styles (default 100, Zendesk's maximum), `per_page` for the others (default: Zendesk's). */
  pageSize?: number;
  /** Carry on from an error's `resume` instead of starting over. */
  resume?: PaginationResume;
  /** Headers for every page request. */
  headers?: HeadersOptions;
}

/**
 * What `paginate` sends: `GET` for a list; `POST` for a search whose filter goes in the body (resent with
 * every page, the cursor in the query), where the operations map declares pagination on `POST <path>`.
 */
export type PaginateMethod = "GET" | "POST";

type OperationOf<Paths, P extends keyof Paths, M extends PaginateMethod> =
  Paths[P] extends Record<Lowercase<M>, infer Op> ? Op : never;
type MetaOf<Ops, P extends string, M extends PaginateMethod> = `${M} ${P}` extends keyof Ops
  ? Ops[`${M} ${P}`]
  : undefined;

/** The spec paths whose `M` (GET unless given) the operations map says pages: what `paginate` accepts. */
export type PaginatedPath<Paths, Ops, M extends PaginateMethod = "GET"> = {
  [P in keyof Paths & string]: MetaOf<Ops, P, M> extends { pagination: { items: string } }
    ? [OperationOf<Paths, P, M>] extends [never]
      ? never
      : P
    : never;
}[keyof Paths & string];

/** The success body of `M path`: one page. */
export type PaginatePage<Paths, P extends keyof Paths, M extends PaginateMethod = "GET"> =
  OperationOf<Paths, P, M> extends infer Op extends Record<string | number, unknown>
    ? NonNullable<FetchResponse<Op, NoOptions, Media>["data"]>
    : never;

type ItemOfPage<Page, K> = Page extends unknown
  ? K extends keyof Page
    ? NonNullable<Page[K]> extends readonly (infer Item)[]
      ? Item
      : never
    : never
  : never;

/** One item: the element type of the page property that the operation's `pagination.items` names. */
export type PaginateItem<Paths, Ops, P extends keyof Paths & string, M extends PaginateMethod = "GET"> = ItemOfPage<
  PaginatePage<Paths, P, M>,
  MetaOf<Ops, P, M> extends { pagination: { items: infer K } } ? K : never
>;

/** A GET may say `method: "GET"`; a POST must say `method: "POST"`, and takes the operation's `body`. */
type MethodOption<Op, M extends PaginateMethod> = M extends "GET"
  ? { method?: M }
  : { method: M } & RequestBodyOption<Op>;

/**
 * `params` as the operation takes them (required when it has required parameters), `method` and `body` for
 * a POST search, plus the paging options.
 */
export type PaginateInit<Paths, P extends keyof Paths, M extends PaginateMethod = "GET"> = ParamsOption<
  OperationOf<Paths, P, M>
> &
  MethodOption<OperationOf<Paths, P, M>, M> &
  PaginateOptions;

type InitArgs<Init> = NoOptions extends Init ? [init?: Init] : [init: Init];

/** Iterate it for the items (`for await (const ticket of …)`), or `.pages()` for whole response bodies. */
export interface Paginator<Item, Page> extends AsyncIterable<Item> {
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
  pages(): AsyncGenerator<Page, void, undefined>;
}

/** `M` is GET unless `init.method` says `"POST"`; `path` must be one that the operations map pages with `M`. */
export type Paginate<Paths, Ops> = <P extends PaginatedPath<Paths, Ops, M>, M extends PaginateMethod = "GET">(
  path: P,
  ...init: InitArgs<PaginateInit<Paths, P, M>>
) => Paginator<PaginateItem<Paths, Ops, P, M>, PaginatePage<Paths, P, M>>;

// --- Runtime -----------------------------------------------------------------------------------

type Page = Record<string, unknown>;
type Send = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

interface RawInit extends PaginateOptions {
  method?: string;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
}

export interface PaginateDeps {
  baseUrl: string;
  operations: OperationsMeta;
  /** Sends one request through the client, as its `request(method, path, init)`. */
  request: Send;
}

/** How many recent page requests are remembered to catch a cursor that repeats (bounded, so memory stays flat). */
const REMEMBERED_PAGES = 1_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Zendesk reads a list parameter as one comma-separated value (`include=users,groups`), not repeated keys. */
const serializeQuery = createQuerySerializer({ array: { style: "form", explode: false } });

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

function positiveInt(name: string, value: unknown, allowZero: boolean): void {
  if (value === undefined) return;
  if (!(typeof value === "number" && Number.isInteger(value) && (allowZero ? value >= 0 : value > 0))) {
    throw new PaginationError(
      `paginate: \`${name}\` must be a whole number${allowZero ? " ≥ 0" : " > 0"}; got ${String(value)}`,
    );
  }
}

function withResume(error: unknown, resume: PaginationResume): unknown {
  if (isZendeskError(error)) error.resume = resume;
  return error;
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
    const pages = () => pageStream(deps, method, path, pagination, init);
    return {
      [Symbol.asyncIterator]: () => itemStream(pages(), pagination.items, init),
      pages,
    };
  };
}

async function* itemStream(
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

type Next = { search: string } | { link: string };

/** What to fetch after `page`, per style; undefined at the end. */
function nextOf(
  style: PaginationStyle,
  page: Page,
  current: URLSearchParams,
  operation: string,
  itemsKey: string,
): Next | undefined {
  const meta = page.meta;
  const cursorLike = style === "cursor" || style === "cursor-or-offset";
  if (cursorLike && isRecord(meta) && "has_more" in meta) {
    if (meta.has_more !== true) return undefined;
    const links = page.links;
    if (isRecord(links) && typeof links.next === "string" && links.next !== "") return { link: links.next };
    if (typeof meta.after_cursor === "string" && meta.after_cursor !== "") {
      const params = new URLSearchParams(current);
      params.delete("page[before]");
      params.set("page[after]", meta.after_cursor);
      return { search: toSearch(params) };
    }
    throw new PaginationError(`${operation}: meta.has_more is true but there is no links.next or meta.after_cursor`);
  }
  if (style === "incremental-cursor") {
    if (page.end_of_stream === true) return undefined;
    if (typeof page.after_cursor === "string" && page.after_cursor !== "") {
      const params = new URLSearchParams(current);
      params.delete("start_time");
      params.set("cursor", page.after_cursor);
      return { search: toSearch(params) };
    }
    if (typeof page.after_url === "string" && page.after_url !== "") return { link: page.after_url };
    throw new PaginationError(`${operation}: end_of_stream is false but there is no after_cursor`);
  }
  if (style === "incremental-time") {
    if (page.end_of_stream === true) return undefined;
    // Feeds that send no end_of_stream (ticket metric events, the routing exports) end on an empty page.
    const list = page[itemsKey];
    if (typeof page.end_of_stream !== "boolean" && Array.isArray(list) && list.length === 0) return undefined;
  }
  // offset, incremental-time, and a cursor style answered in offset form.
  return typeof page.next_page === "string" && page.next_page !== "" ? { link: page.next_page } : undefined;
}

async function* pageStream(
  deps: PaginateDeps,
  method: PaginateMethod,
  path: string,
  { style, items: itemsKey }: { style: PaginationStyle; items: string },
  init: RawInit,
): AsyncGenerator<Page, void, undefined> {
  const operation = `${method} ${path}`;
  const pathParams = init.params?.path;
  const pageUrl = `${deps.baseUrl}${defaultPathSerializer(path, pathParams ?? {})}`;
  const expected = new URL(pageUrl);

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
    if (style === "cursor" || style === "cursor-or-offset") {
      query["page[size]"] = init.pageSize ?? query["page[size]"] ?? 100;
    } else if (init.pageSize !== undefined) {
      query.per_page = init.pageSize;
    }
    search = toSearch(new URLSearchParams(serializeQuery(query)));
  }

  const seen = new Set<string>([search]);
  let lastEndOfStream: unknown;
  let pages = 0;
  let items = 0;
  for (;;) {
    if (init.maxPages !== undefined && pages >= init.maxPages) return;
    const url = search ? `${pageUrl}?${search}` : pageUrl;
    const resume: PaginationResume = { operation, url: safeUrl(url) };
    const current = search;
    let page: Page | undefined;
    try {
      // A POST search sends the same body for every page: only the query moves on.
      const result = await deps.request(method, path, {
        params: { path: pathParams, query: {} },
        querySerializer: () => current,
        ...(method === "POST" ? { body: init.body } : {}),
        signal: init.signal,
        headers: init.headers,
      });
      if (!result.response.ok) throw errorFromResponse(result.response, result.error);
      if (!isRecord(result.data)) {
        const { method, url: at } = requestInfoOf(result.response);
        throw new ResponseParseError(
          `${operation}: expected a JSON object with "${itemsKey}", got ${result.data === undefined ? "an empty body" : typeof result.data} (status ${result.response.status})`,
          {
            status: result.response.status,
            method,
            url: at,
            snippet: "",
            contentType: result.response.headers.get("content-type") ?? undefined,
          },
        );
      }
      page = result.data;
      if (!Array.isArray(page[itemsKey])) {
        throw new PaginationError(`${operation}: the response has no "${itemsKey}" array`, {
          url: resume.url,
          method,
        });
      }
    } catch (error) {
      throw withResume(error, resume);
    }
    pages++;
    items += (page[itemsKey] as unknown[]).length;
    // Read where to go next before handing the page over; act on it (and fail on it) only when asked for more.
    let next: Next | undefined;
    let nextError: unknown;
    try {
      next = nextOf(style, page, new URLSearchParams(search), operation, itemsKey);
    } catch (error) {
      nextError = error;
    }
    lastEndOfStream = page.end_of_stream;
    yield page;
    page = undefined;
    if (nextError !== undefined) throw nextError;
    if (next === undefined) return;
    if (init.maxItems !== undefined && items >= init.maxItems) return;
    search = "link" in next ? followable(next.link, "the next-page link") : next.search;
    // A time-based feed without end_of_stream that points back at a page it sent has caught up: that is its end.
    if (seen.has(search) && style === "incremental-time" && typeof lastEndOfStream !== "boolean") return;
    if (seen.has(search)) {
      throw new PaginationError(
        `${operation}: the server sent a next page that was already fetched (${search.slice(0, 200)}); stopping instead of looping`,
      );
    }
    seen.add(search);
    if (seen.size > REMEMBERED_PAGES) seen.delete(seen.values().next().value as string);
  }
}
