/**
 * The account model `zenfetch typegen` writes a module from: every custom field of tickets, users and
 * organizations, and every custom object with its fields, reduced to what the module's types and constants
 * depend on. Plain JSON, so the module can carry it and `--check` can compare it with the account again.
 */

/** One custom field. Ticket fields are known by `id`; the others by `key`. */
export interface FieldModel {
  /** Zendesk's field type: `text`, `textarea`, `checkbox`, `date`, `integer`, `decimal`, `regexp`, `tagger`… */
  type: string;
  title: string;
  /** False for a field an admin deactivated: records may still carry its value, so it stays in the module. */
  active: boolean;
  /** The option values (tags) of a dropdown or multi-select field, sorted. */
  options?: string[];
  /** What a lookup field points at: `zen:user`, `zen:organization`, `zen:ticket`, `zen:custom_object:<key>`. */
  target?: string;
}

export interface TicketFieldModel extends FieldModel {
  id: number;
}

export interface KeyedFieldModel extends FieldModel {
  key: string;
}

export interface CustomObjectModel {
  key: string;
  title: string;
  /** The object's own fields, without the standard name and external id (records carry those outside the map). */
  fields: KeyedFieldModel[];
}

/** What the module is generated from. Every list is sorted (ticket fields by id, the others by key). */
export interface AccountModel {
  ticket: TicketFieldModel[];
  user: KeyedFieldModel[];
  organization: KeyedFieldModel[];
  objects: CustomObjectModel[];
}

/** The fields of one kind as the API describes them (the properties typegen reads). */
export interface ApiField {
  id?: number;
  key?: string | null;
  type?: string;
  title?: string;
  active?: boolean;
  removable?: boolean;
  system?: boolean;
  custom_field_options?: readonly { value?: string }[];
  relationship_target_type?: string | null;
}

/** Ticket field types every ticket has; they are not custom fields and `custom_fields` never holds them. */
const SYSTEM_TICKET_FIELD_TYPES = new Set([
  "subject",
  "description",
  "status",
  "custom_status",
  "tickettype",
  "priority",
  "group",
  "assignee",
  "brand",
]);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function fieldModel(field: ApiField): FieldModel {
  const model: FieldModel = { type: field.type ?? "", title: field.title ?? "", active: field.active !== false };
  if (field.custom_field_options) {
    const values = field.custom_field_options.flatMap((option) => (option.value ? [option.value] : []));
    model.options = [...new Set(values)].sort(byText);
  }
  if (field.type === "lookup" && field.relationship_target_type) model.target = field.relationship_target_type;
  return model;
}

/** The custom ticket fields among the account's ticket fields (system fields left out), by id. */
export function ticketFieldModels(fields: readonly ApiField[]): TicketFieldModel[] {
  return fields
    .filter(
      (field) =>
        typeof field.id === "number" && field.removable !== false && !SYSTEM_TICKET_FIELD_TYPES.has(field.type ?? ""),
    )
    .map((field) => ({ id: field.id as number, ...fieldModel(field) }))
    .sort((a, b) => a.id - b.id);
}

/** User, organization or custom object fields (system and standard ones left out), by key. */
export function keyedFieldModels(fields: readonly ApiField[]): KeyedFieldModel[] {
  return fields
    .filter((field) => typeof field.key === "string" && field.system !== true && !field.key.startsWith("standard::"))
    .map((field) => ({ key: field.key as string, ...fieldModel(field) }))
    .sort((a, b) => byText(a.key, b.key));
}

/** Sorts objects by key (their fields are sorted by `keyedFieldModels`). */
export function sortObjects(objects: CustomObjectModel[]): CustomObjectModel[] {
  return objects.sort((a, b) => byText(a.key, b.key));
}

export { byText };

/** A copy of `model` in the one order the module is written in: fields by id or key, options by value. */
export function normaliseModel(model: AccountModel): AccountModel {
  const field = <F extends FieldModel>(f: F): F =>
    f.options ? { ...f, options: [...new Set(f.options)].sort(byText) } : { ...f };
  const keyed = (fields: readonly KeyedFieldModel[]) => fields.map(field).sort((a, b) => byText(a.key, b.key));
  return {
    ticket: model.ticket.map(field).sort((a, b) => a.id - b.id),
    user: keyed(model.user),
    organization: keyed(model.organization),
    objects: sortObjects(model.objects.map((object) => ({ ...object, fields: keyed(object.fields) }))),
  };
}
