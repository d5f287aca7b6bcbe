// The page requests behind `paginate`: building each page's URL, following next links and cursors in
// every Zendesk style, and refusing what would leak credentials or loop. Loaded on the first page.
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { errorFromResponse } from "../errors/from-response.js";
import { isZendeskError } from "../errors/guards.js";
import { ResponseParseError } from "../errors/http-errors.js";
import { PaginationError } from "../errors/pagination-error.js";
import { safeUrl } from "../http/redact.js";
import { requestInfoOf } from "../http/request-info.js";
import type { PaginationStyle } from "../meta/operation-meta.js";
import type { PaginationResume } from "./resume.js";
import type { Page, PaginateDeps, PaginateMethod, RawInit } from "./types.js";

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

function withResume(error: unknown, resume: PaginationResume): unknown {
  if (isZendeskError(error)) error.resume = resume;
  return error;
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

export async function* pageStream(
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
