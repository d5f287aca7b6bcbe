import type { TicketWithFilesError } from "./records-error.js";

/**
 * Whether `value` is the `TicketWithFilesError` of a `createWithFiles` or `commentWithFiles` whose write failed
 * after the upload. The class loads with those helpers, so it is told by its name.
 */
export const isTicketWithFilesError = (value: unknown): value is TicketWithFilesError =>
  (value instanceof Error || Object.prototype.toString.call(value) === "[object Error]") &&
  (value as Error).name === "TicketWithFilesError";
