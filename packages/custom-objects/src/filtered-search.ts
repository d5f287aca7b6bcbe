import {
  errorFromResponse,
  isZendeskError,
  PaginationError,
  type PaginationResume,
  type Paginator,
} from "@zenfetch/core";
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import type { BaseClient } from "./client.js";
import type {
  CustomObjectRecord,
  CustomObjectRecordSearchFilter,
  CustomObjectRecordsPage,
  FilteredSearchOptions,
} from "./types.js";

// Core's `paginate` pages GET operations only; the filtered search is a POST
// whose paging parameters go in the query string while the filter stays in
// the body. This pages it the way core pages a cursor list: `links.next`
// (same scheme, host, port and path only) or `page[after]`, until
// `meta.has_more` is false, with `maxItems`, `maxPages`, `signal`, `resume`.

const PATH = "/api/v2/custom_objects/{custom_object_key}/records/search";
const OPERATION = `POST ${PATH}`;
/** How many recent page requests are remembered to catch a cursor that repeats. */
const REMEMBERED_PAGES = 1_000;

type Page = CustomObjectRecordsPage;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const serializeQuery = createQuerySerializer();

/** `page[size]=100&query=a%20b`, brackets left readable as core sends them. */
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

function checkCount(name: string, value: unknown, allowZero: boolean): void {
  if (value === undefined) return;
  if (!(typeof value === "number" && Number.isInteger(value) && (allowZero ? value >= 0 : value > 0))) {
    throw new PaginationError(
      `filteredSearch: \`${name}\` must be a whole number${allowZero ? " ≥ 0" : " > 0"}; got ${String(value)}`,
    );
  }
}

/** Pages `POST …/records/search` with `{ filter }` resent as the body of every page request. */
export function filteredSearch(
  client: BaseClient,
  key: string,
  filter: CustomObjectRecordSearchFilter,
  options: FilteredSearchOptions = {},
): Paginator<CustomObjectRecord, Page> {
  if (!isRecord(filter)) throw new TypeError("filteredSearch: `filter` must be an object");
  checkCount("maxItems", options.maxItems, true);
  checkCount("maxPages", options.maxPages, true);
  checkCount("pageSize", options.pageSize, false);
  if (options.resume !== undefined && (!isRecord(options.resume) || options.resume.operation !== OPERATION)) {
    throw new PaginationError(
      `filteredSearch: \`resume\` belongs to ${String(options.resume?.operation)}, not ${OPERATION}`,
    );
  }
  const pages = () => pageStream(client, key, filter, options);
  return {
    [Symbol.asyncIterator]: () => itemStream(pages(), options),
    pages,
  };
}

async function* itemStream(
  pages: AsyncGenerator<Page, void, undefined>,
  { maxItems, signal }: FilteredSearchOptions,
): AsyncGenerator<CustomObjectRecord, void, undefined> {
  let count = 0;
  try {
    if (maxItems === 0) return;
    for await (const page of pages) {
      for (const record of page.custom_object_records) {
        signal?.throwIfAborted();
        yield record;
        if (maxItems !== undefined && ++count >= maxItems) return;
      }
    }
  } finally {
    await pages.return(undefined);
  }
}

async function* pageStream(
  client: BaseClient,
  key: string,
  filter: CustomObjectRecordSearchFilter,
  options: FilteredSearchOptions,
): AsyncGenerator<Page, void, undefined> {
  const pageUrl = `${client.baseUrl}${defaultPathSerializer(PATH, { custom_object_key: key })}`;
  const expected = new URL(pageUrl);

  /** The query of a link, once it is known to stay on the client's host and this search's path. */
  const followable = (link: string, what: string): string => {
    let url: URL;
    try {
      url = new URL(link, pageUrl);
    } catch {
      throw new PaginationError(`${OPERATION}: ${what} is not a URL: ${JSON.stringify(link.slice(0, 200))}`);
    }
    if (url.protocol !== expected.protocol || url.host !== expected.host) {
      throw new PaginationError(
        `${OPERATION}: refusing to follow ${what} to ${url.protocol}//${url.host}: it is not the client's host (${expected.protocol}//${expected.host}), and credentials stay there`,
      );
    }
    if (comparablePath(url.pathname) !== comparablePath(expected.pathname)) {
      throw new PaginationError(
        `${OPERATION}: refusing to follow ${what} to another path (${url.pathname.slice(0, 200)})`,
      );
    }
    return toSearch(url.searchParams);
  };

  let search: string;
  if (options.resume) {
    search = followable(options.resume.url, "the resume URL");
  } else {
    const query: Record<string, unknown> = {};
    if (options.query !== undefined) query.query = options.query;
    if (options.sort !== undefined) query.sort = options.sort;
    query["page[size]"] = options.pageSize ?? 100;
    search = toSearch(new URLSearchParams(serializeQuery(query)));
  }

  const seen = new Set<string>([search]);
  let pages = 0;
  let items = 0;
  for (;;) {
    if (options.maxPages !== undefined && pages >= options.maxPages) return;
    const current = search;
    const resume: PaginationResume = { operation: OPERATION, url: `${pageUrl}?${current}` };
    let page: Page;
    try {
      options.signal?.throwIfAborted();
      const result = await client.POST(PATH, {
        params: { path: { custom_object_key: key }, query: {} },
        querySerializer: () => current,
        body: { filter },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
      });
      if (!result.response.ok) throw errorFromResponse(result.response, result.error);
      const data: unknown = result.data;
      if (!isRecord(data) || !Array.isArray(data.custom_object_records)) {
        throw new PaginationError(`${OPERATION}: the response has no "custom_object_records" array`, {
          status: result.response.status,
          method: "POST",
          url: resume.url,
        });
      }
      page = data as Page;
    } catch (error) {
      if (isZendeskError(error)) error.resume = resume;
      throw error;
    }
    pages++;
    items += page.custom_object_records.length;
    // Read where to go next before handing the page over; fail on it only when asked for more.
    let next: string | undefined;
    let nextError: unknown;
    try {
      next = nextSearch(page, current, followable);
    } catch (error) {
      nextError = error;
    }
    yield page;
    if (nextError !== undefined) throw nextError;
    if (next === undefined) return;
    if (options.maxItems !== undefined && items >= options.maxItems) return;
    if (seen.has(next)) {
      throw new PaginationError(
        `${OPERATION}: the server sent a next page that was already fetched (${next.slice(0, 200)}); stopping instead of looping`,
      );
    }
    seen.add(next);
    if (seen.size > REMEMBERED_PAGES) seen.delete(seen.values().next().value as string);
    search = next;
  }
}

/** The query of the page after `page`, or undefined after the last one. */
function nextSearch(
  page: Page,
  current: string,
  followable: (link: string, what: string) => string,
): string | undefined {
  const meta: unknown = page.meta;
  if (!isRecord(meta) || meta.has_more !== true) return undefined;
  const links: unknown = page.links;
  if (isRecord(links) && typeof links.next === "string" && links.next !== "") {
    return followable(links.next, "the next-page link");
  }
  if (typeof meta.after_cursor === "string" && meta.after_cursor !== "") {
    const params = new URLSearchParams(current);
    params.delete("page[before]");
    params.set("page[after]", meta.after_cursor);
    return toSearch(params);
  }
  throw new PaginationError(`${OPERATION}: meta.has_more is true but there is no links.next or meta.after_cursor`);
}
