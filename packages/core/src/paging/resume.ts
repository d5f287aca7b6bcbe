/** Where a stopped `paginate` can carry on: the page it was about to fetch. Plain JSON; save it anywhere. */
export interface PaginationResume {
  /** `"GET /api/v2/tickets"`: the operation it belongs to. */
  operation: string;
  /** The absolute URL of the next page (on the client's host; holds no credentials). */
  url: string;
}
