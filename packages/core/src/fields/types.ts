// An app's own custom fields, declared once as types: the maps the generated schemas are parameterised by.
// Types only: nothing here exists at run time.
import type { $Read, $Write } from "openapi-typescript-helpers";

/**
 * The custom fields an app knows of, by kind. Write it once and pass it to each package's descriptor or
 * factory (`ticketsOf<MyFields>()`, `incrementalOf<MyFields>()`, `createTicketsClient<MyFields>(…)`):
 *
 * ```ts
 * type MyFields = {
 *   ticket: { 360001: string; 360002: number; 360003: ("a" | "b")[] }; // ticket fields, by field id
 *   user: { plan: "gold" | "silver"; seats: number };                  // user fields, by field key
 *   organization: { region: "eu" | "us" };                            // organization fields, by field key
 *   objects: { order: { amount: number; sku: string } };              // custom object records, by object key
 * };
 * ```
 *
 * Every entry is optional; a kind left out keeps the loose types. Values are what Zendesk's JSON carries:
 * text, number, true/false, an option's tag, a list of tags. Each may also be `null` (an empty field), which
 * the types add themselves. `objects` is for `customObjectsOf<MyFields["objects"]>()`.
 */
export interface CustomFieldMaps {
  ticket?: object;
  user?: object;
  organization?: object;
  objects?: object;
}

/** The kinds of field map the generated schemas use. */
export type CustomFieldKind = "ticket" | "user" | "organization";

/** The map an app declared for a kind, or `never` when it declared none (then the loose types stay). */
type Declared<F, Kind extends CustomFieldKind> = Kind extends keyof F
  ? undefined extends F[Kind]
    ? never
    : F[Kind]
  : never;

/** The value type a loose field list (`{ id, value }[]`) or map (`{ [key]: value }`) holds. */
type ListValue<T> = T extends readonly (infer E)[] ? (E extends { value?: infer V } ? V : never) : never;
type MapValue<T> = T extends { [key: string]: infer V } ? V : never;

/**
 * One declared ticket field as `custom_fields` holds it: `{ id: 360001, value: string | null }` for each id of
 * the map, a union over them.
 */
export type DeclaredTicketField<M> = {
  [Id in keyof M & number]: { id: Id; value: M[Id] | null };
}[keyof M & number];

/**
 * A ticket's `custom_fields` element as Zendesk sends it: a declared field with its own type, or any other
 * field of the account (Zendesk sends them all) with the loose value type. Narrowing on `id` alone does not
 * separate the two, as any id could be an undeclared one: `ticketField(ticket, id)` does.
 */
export type TicketFieldRead<M, Loose = string | number | boolean | string[] | null> =
  | DeclaredTicketField<M>
  | { id: number; value: Loose };

/** A `custom_fields` element a request takes: a declared field, paired with its own type. */
export type TicketFieldWrite<M> = DeclaredTicketField<M>;

/** A user's or organization's field map as Zendesk sends it: declared keys typed, the account's others loose. */
export type FieldMapRead<M, Loose = string | number | boolean | string[] | null> = {
  [Key in keyof M]?: M[Key] | null;
} & { [key: string]: Loose };

/** A user's or organization's field map a request takes: declared keys only, each with its own type. */
export type FieldMapWrite<M> = { [Key in keyof M]?: M[Key] | null };

type Typed<Kind extends CustomFieldKind, M, Direction, T> = T extends null | undefined
  ? T
  : Kind extends "ticket"
    ? Direction extends "read"
      ? TicketFieldRead<M, ListValue<T>>[]
      : TicketFieldWrite<M>[]
    : Direction extends "read"
      ? FieldMapRead<M, MapValue<T>>
      : FieldMapWrite<M>;

/**
 * What a property marked `x-zenfetch-custom-fields` is in the generated schemas: `T`, the loose type the spec
 * gives it, when the app's maps `F` declare nothing for `Kind`; otherwise the typed list or map, read (every
 * field admitted) or written (declared fields only). A property both sent and received gets both, behind
 * openapi-fetch's `$Read`/`$Write` markers, which its `Readable`/`Writable` pick from. Generated code uses it;
 * apps use the named types.
 */
export type $CustomFields<F, Kind extends CustomFieldKind, Direction extends "read" | "write" | "both", T> = [
  Declared<F, Kind>,
] extends [never]
  ? T
  : Direction extends "both"
    ? $Read<Typed<Kind, Declared<F, Kind>, "read", T>> | $Write<Typed<Kind, Declared<F, Kind>, "write", T>>
    : Typed<Kind, Declared<F, Kind>, Direction, T>;

/** The type of field `Id` among `custom_fields` elements `E`: its declared type, or the loose one. */
export type TicketFieldValue<E, Id> = [Extract<E, { id: Id }>] extends [never]
  ? E extends { id: infer Any; value?: infer V }
    ? number extends Any
      ? V
      : never
    : never
  : Extract<E, { id: Id }> extends { value?: infer V }
    ? V
    : never;

/** `custom_fields` as an object by field id: declared ids with their types, any other id with the loose one. */
export type TicketFieldValues<E> = {
  [X in E as X extends { id: infer Id extends number } ? (number extends Id ? never : Id) : never]?: X extends {
    value?: infer V;
  }
    ? V
    : never;
} & { [id: number]: TicketFieldValue<E, number> | undefined };
