import type { DomainClient, RequestSchemas, ResponseSchemas } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

type Schemas = ResponseSchemas<components["schemas"]>;
type Inputs = RequestSchemas<components["schemas"]>;

/** The core client on the ticket-fields paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type TicketFieldsBase = DomainClient<paths, typeof operations>;

// --- Ticket fields -----------------------------------------------------------------------------

/** A system or custom ticket field. Custom fields have no `key`: a ticket holds their values by field id. */
export type TicketField = Schemas["TicketField"];
/** The writable part of a ticket field (`type` on create only). */
export type TicketFieldInput = Inputs["TicketFieldInput"];
/** `text`, `tagger`, `checkbox`, `date`, `multiselect`… (an open string). */
export type TicketFieldType = Schemas["TicketFieldType"];
/** One option of a dropdown (`tagger`) or multi-select field; `value` is the tag a ticket holds. */
export type TicketFieldOption = Schemas["TicketFieldOption"];
/** An option to add, or with `id` one to change. */
export type TicketFieldOptionInput = Inputs["TicketFieldOptionInput"];
export type TicketFieldSystemOption = Schemas["TicketFieldSystemOption"];
export type TicketFieldRelationshipFilter = Schemas["TicketFieldRelationshipFilter"];

// --- Forms and statuses ------------------------------------------------------------------------

export type TicketForm = Schemas["TicketForm"];
export type TicketFormInput = Inputs["TicketFormInput"];
export type TicketFormCondition = Schemas["TicketFormCondition"];
/** A custom ticket status; its `status_category` is the `status` a ticket with it has. */
export type CustomStatus = Schemas["CustomStatus"];
export type CustomStatusInput = Inputs["CustomStatusInput"];
/** `new`, `open`, `pending`, `hold` or `solved`. */
export type CustomStatusCategory = Schemas["CustomStatusCategory"];
/** One custom status allowed on one ticket form. */
export type TicketFormStatus = Schemas["TicketFormStatus"];
export type LookupRelationshipFilterDefinition = Schemas["LookupRelationshipFilterDefinition"];

// --- Custom fields by name ---------------------------------------------------------------------

/**
 * What a custom field holds, by its type: text, textarea, regexp and dates (`YYYY-MM-DD`) as strings, a dropdown
 * as its option's `value` (the tag), a multi-select as the tags of the options picked, a checkbox as a boolean,
 * integer and decimal fields as numbers; null when empty.
 */
export type NamedFieldValue = string | number | boolean | string[] | null;

/** The shape of an app's map from field title to value type: `{ Plan: "basic" | "premium"; "Order number": string }`. */
export type TicketFieldNameMap<M> = { [Name in keyof M]: NamedFieldValue };

/** Any field title, any value: the map used when an app declares none. */
export type AnyTicketFieldNames = Record<string, NamedFieldValue>;

/** A ticket as far as the helpers read it: any object with `custom_fields` (a ticket of `@zenfetch/tickets` fits). */
export interface TicketWithCustomFields {
  custom_fields?: readonly { id: number; value?: unknown }[] | null;
}

/** One entry of a ticket's `custom_fields`, as `write` returns them. */
export interface TicketCustomFieldValue {
  id: number;
  value: NamedFieldValue;
}

/** What `read` gives: each name of the map with its value, null when the ticket has none. */
export type ReadFieldValues<M> = { [Name in keyof M]: M[Name] | null };

/** What `write` takes: any names of the map (unknown names do not compile), null to clear a field. */
export type WriteFieldValues<M> = { [Name in keyof M]?: M[Name] | null };

/**
 * Custom field values by field title, over the account's ticket fields (fetched once per client and cached).
 * `M` is the app's own map from title to value type (`FieldNames<{ Plan: "basic" | "premium" }>`); without
 * one every title is accepted with the loose `NamedFieldValue`.
 */
export interface FieldNames<M extends TicketFieldNameMap<M> = AnyTicketFieldNames> {
  /**
   * A ticket's `custom_fields` as an object keyed by field title: every custom field of the account, null where
   * the ticket has no value (a checkbox reads false, a multi-select []). A title several fields share is left out
   * (`get` names their ids). The map types the names you declared; `get` also checks at run time that they exist.
   */
  read(ticket: TicketWithCustomFields): ReadFieldValues<M>;
  /**
   * One field's value on a ticket, by title. Throws `TicketFieldNameError` listing the account's titles when there
   * is no such field, or naming the ids when several fields have the title.
   */
  get<Name extends keyof M & string>(ticket: TicketWithCustomFields, name: Name): M[Name] | null;
  /**
   * Values by title as the `custom_fields` array of a create or update body. Checks each value against its field
   * (an option's value for a dropdown, booleans for a checkbox, `YYYY-MM-DD` for a date…) and throws
   * `TicketFieldNameError` for an unknown or repeated title, `TicketFieldValueError` for a value that does not fit.
   */
  write(values: WriteFieldValues<M>): TicketCustomFieldValue[];
  /** Fetches the account's ticket fields again (after an admin added or renamed one); the lookups use them at once. */
  refresh(): Promise<void>;
  /** The account's ticket fields as last fetched, system ones included. */
  readonly fields: readonly TicketField[];
}

/** Options of `fieldsByName`. */
export interface FieldsByNameOptions<M> {
  /**
   * Titles to check at once: the call rejects with `TicketFieldNameError` when the account has no field of one of
   * these titles, or several. Pass your map's titles so that a renamed field is found at start, not on first use.
   */
  names?: readonly (keyof M & string)[];
}

// --- Custom statuses by name -------------------------------------------------------------------

/** The body fragment that sets a ticket's custom status (its `status` follows the status's category). */
export interface CustomStatusUpdate {
  custom_status_id: number;
}

/** The account's custom statuses, fetched once per client and cached. */
export interface CustomStatusLookup {
  /** Every custom status of the account, inactive ones included. */
  readonly statuses: readonly CustomStatus[];
  /**
   * The status whose agent label is `name` (compared without regard to case), or whose id is `name`. Throws
   * `CustomStatusNameError` listing the known labels when there is none, or naming the ids when several match.
   */
  find(name: string | number): CustomStatus;
  /** `{ custom_status_id }` for the status named; an inactive status is refused with `CustomStatusNameError`. */
  update(name: string | number): CustomStatusUpdate;
  /** Fetches the statuses again. */
  refresh(): Promise<void>;
}
