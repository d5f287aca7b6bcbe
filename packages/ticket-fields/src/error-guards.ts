import type { CustomStatusNameError, TicketFieldNameError, TicketFieldValueError } from "./errors.js";

// The error classes load with the helpers that throw them, on first use, so they are told by their name (which also
// works across realms and copies of the package).
const named =
  <T extends Error>(name: string) =>
  (value: unknown): value is T =>
    (value instanceof Error || Object.prototype.toString.call(value) === "[object Error]") &&
    (value as Error).name === name;

/** Whether `value` is the `TicketFieldNameError` of an unknown or repeated field title. */
export const isTicketFieldNameError = named<TicketFieldNameError>("TicketFieldNameError");
/** Whether `value` is the `TicketFieldValueError` of a value its field does not take. */
export const isTicketFieldValueError = named<TicketFieldValueError>("TicketFieldValueError");
/** Whether `value` is the `CustomStatusNameError` of an unknown, repeated or inactive custom status. */
export const isCustomStatusNameError = named<CustomStatusNameError>("CustomStatusNameError");
