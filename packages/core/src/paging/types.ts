import type { FetchResponse, HeadersOptions, ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { AskedIncludes, IncludeFor, Sideloaded } from "../client/includes.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import type { PaginationResume } from "./resume.js";

// --- Types -------------------------------------------------------------------------------------

type Media = `${string}/${string}`;
type NoOptions = Record<never, never>;

export interface PaginateOptions {
  /** Aborts the iteration: the pending request and any further one. */
  signal?: AbortSignal;
  /** Stop after this many items (pages: after the page that reaches it). */
  maxItems?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  /**
   * Records a page: `page[size]` for the cursor styles (default 100, Zendesk's maximum on most lists; a
   * search export takes up to 1000), `limit` for the older cursor lists, `per_page` for the others
   * (default: Zendesk's). Not for a list that comes whole (`unpaginated`).
   */
  pageSize?: number;
  /** Carry on from an error's `resume` instead of starting over. */
  resume?: PaginationResume;
  /** Headers for every page request. */
  headers?: HeadersOptions;
  /**
   * Pages fetched ahead while the caller works on the current one (default 1; 0 fetches each page only when it
   * is asked for). At most this many pages wait beside the one in hand; leaving the loop cancels the request in
   * flight, and no page past `maxPages`/`maxItems` is asked for.
   */
  lookAhead?: number;
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

/** Where `include` goes, its type inferred (as `I`) to type the pages by what was asked. */
type IncludeInit<I> = { params?: { query?: { include?: I } } };

/** A page as the call's `include` leaves it: sideloads and fields asked for present, the others not in the type. */
type IncludedPage<Paths, Includes, P extends keyof Paths, M extends PaginateMethod, I> =
  IncludeFor<Includes, M, P> extends infer Spec
    ? [Spec] extends [undefined]
      ? PaginatePage<Paths, P, M>
      : Sideloaded<PaginatePage<Paths, P, M>, Spec, AskedIncludes<IncludeInit<I>, Spec>>
    : never;

/**
 * `M` is GET unless `init.method` says `"POST"`; `path` must be one that the operations map pages with `M`. Pages
 * and items follow the call's `include`, as a call's response does (see `AskedIncludes`).
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
export type Paginate<Paths, Ops, Includes = {}> = <
  P extends PaginatedPath<Paths, Ops, M>,
  M extends PaginateMethod = "GET",
  const I extends string | string[] | undefined = undefined,
>(
  path: P,
  ...init: InitArgs<PaginateInit<Paths, P, M> & IncludeInit<I>>
) => Paginator<
  ItemOfPage<
    IncludedPage<Paths, Includes, P, M, I>,
    MetaOf<Ops, P, M> extends { pagination: { items: infer K } } ? K : never
  >,
  IncludedPage<Paths, Includes, P, M, I>
>;

export type Page = Record<string, unknown>;
type Send = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface RawInit extends PaginateOptions {
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
