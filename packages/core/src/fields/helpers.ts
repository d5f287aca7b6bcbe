// Two small readers of a ticket's `custom_fields`, typed from the app's field map when the client has one.
import type { TicketFieldValue, TicketFieldValues } from "./types.js";

type WithFields<E> = { custom_fields?: readonly E[] | null };

/**
 * The value of one custom field of a ticket: `ticketField(ticket, 360001)` is `string | null | undefined` when
 * the map declares `360001: string`; `null` when the field is empty, `undefined` when the ticket does not carry
 * it. An id the map does not declare gives the loose value type.
 */
export function ticketField<E extends { id: number; value?: unknown }, const Id extends E["id"]>(
  ticket: WithFields<E>,
  id: Id,
): TicketFieldValue<E, Id> | undefined {
  return ticket.custom_fields?.find((field) => field.id === id)?.value as TicketFieldValue<E, Id> | undefined;
}

/**
 * A ticket's `custom_fields` as one object by field id: `ticketFieldValues(ticket)[360001]`. Declared ids have
 * their own types; every field the ticket carries is there, declared or not.
 */
export function ticketFieldValues<E extends { id: number; value?: unknown }>(
  ticket: WithFields<E>,
): TicketFieldValues<E> {
  return Object.fromEntries(
    (ticket.custom_fields ?? []).map((field) => [field.id, field.value]),
  ) as TicketFieldValues<E>;
}
