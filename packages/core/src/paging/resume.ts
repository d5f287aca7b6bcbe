/**
 * Where a stopped run can carry on: the page it was about to fetch. Plain JSON; save it anywhere. `paginate`
 * and the incremental exports both put one on their errors (`error.resume`) and take one back.
 */
export interface PaginationResume {
  /** `"GET /api/v2/tickets"`: the operation it belongs to. */
  operation: string;
  /** The absolute URL of the next page (on the client's host; holds no credentials). */
  url: string;
  /**
   * Records on that page already delivered, as the run that stopped keyed them (the incremental exports:
   * `id@second`): a run resuming there drops them rather than deliver them twice. Only a run that keys its
   * records can honour it, so `paginate` refuses a resume that has it.
   */
  skip?: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Whether `value` has the shape of a `PaginationResume` (as read back from storage). */
export function isPaginationResume(value: unknown): value is PaginationResume {
  return (
    isRecord(value) &&
    typeof value.operation === "string" &&
    typeof value.url === "string" &&
    (value.skip === undefined || (Array.isArray(value.skip) && value.skip.every((key) => typeof key === "string")))
  );
}
