import { errorFromResponse } from "../errors/from-response.js";
import { ResponseParseError } from "../errors/http-errors.js";
import { PaginationError } from "../errors/pagination-error.js";
import { requestInfoOf } from "../http/request-info.js";
import type { Page } from "./types.js";

const isRecord = (value: unknown): value is Page =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * One page from a client call's result: the error for its status when it failed, a `ResponseParseError`
 * when the body is not a JSON object, a `PaginationError` when it has no `itemsKey` array.
 */
export function readPage(
  result: { data?: unknown; error?: unknown; response: Response },
  operation: string,
  itemsKey: string,
): { page: Page; items: unknown[] } {
  const { response, data } = result;
  if (!response.ok) throw errorFromResponse(response, result.error);
  const { method, url } = requestInfoOf(response);
  if (!isRecord(data)) {
    throw new ResponseParseError(
      `${operation}: expected a JSON object with "${itemsKey}", got ${data === undefined ? "an empty body" : typeof data} (status ${response.status})`,
      {
        status: response.status,
        method,
        url,
        snippet: "",
        contentType: response.headers.get("content-type") ?? undefined,
      },
    );
  }
  const items = data[itemsKey];
  if (!Array.isArray(items)) {
    throw new PaginationError(`${operation}: the response has no "${itemsKey}" array`, { method, url });
  }
  return { page: data, items };
}
