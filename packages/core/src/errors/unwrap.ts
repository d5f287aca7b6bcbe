import { errorFromResponse } from "./from-response.js";

/** The minimal shape of an openapi-fetch result. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** What `unwrap` returns: the body, or `undefined` for an operation that answers with no content (204). */
export type Unwrapped<Data> = [NonNullable<Data>] extends [never] ? undefined : NonNullable<Data>;

/**
 * `data` of a successful openapi-fetch result, or the matching `ZendeskError`:
 * `const { ticket } = unwrap(await client.GET("/api/v2/tickets/{ticket_id}", …))`.
 */
export function unwrap<R extends FetchResultLike>(result: R): Unwrapped<R["data"]> {
  if (result.response.ok) return result.data as Unwrapped<R["data"]>;
  throw errorFromResponse(result.response, result.error);
}
