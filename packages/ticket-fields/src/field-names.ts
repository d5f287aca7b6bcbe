// Custom field values by field title: loaded on the first `fieldsByName()` call.
import { cached, type HelperCache } from "./cache.js";
import { TicketFieldNameError, TicketFieldValueError } from "./errors.js";
import type {
  AnyTicketFieldNames,
  FieldNames,
  FieldsByNameOptions,
  NamedFieldValue,
  ReadFieldValues,
  TicketCustomFieldValue,
  TicketField,
  TicketFieldsBase,
  TicketWithCustomFields,
} from "./types.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

async function fetchFields(client: TicketFieldsBase): Promise<TicketField[]> {
  const fields: TicketField[] = [];
  for await (const field of client.paginate("/api/v2/ticket_fields")) fields.push(field);
  return fields;
}

/** The custom fields (system fields are not in `custom_fields`) by title, and the titles several fields share. */
class FieldIndex {
  readonly byId = new Map<number, TicketField>();
  readonly byTitle = new Map<string, TicketField[]>();

  constructor(readonly fields: readonly TicketField[]) {
    for (const field of fields) {
      if (!field.removable) continue;
      this.byId.set(field.id, field);
      const same = this.byTitle.get(field.title);
      if (same) same.push(field);
      else this.byTitle.set(field.title, [field]);
    }
  }

  known(): string[] {
    return [...this.byTitle.keys()].sort();
  }

  resolve(name: string): TicketField {
    const found = this.byTitle.get(name);
    if (!found) {
      const known = this.known();
      throw new TicketFieldNameError(
        `No custom ticket field is titled ${JSON.stringify(name)}; the account's are: ${known.map((t) => JSON.stringify(t)).join(", ") || "(none)"}`,
        name,
        known,
      );
    }
    if (found.length > 1) {
      const ids = found.map((field) => field.id);
      throw new TicketFieldNameError(
        `${found.length} custom ticket fields are titled ${JSON.stringify(name)} (ids ${ids.join(", ")}); rename all but one to use it by name`,
        name,
        this.known(),
        ids,
      );
    }
    return found[0] as TicketField;
  }
}

function optionValues(field: TicketField): string[] {
  return (field.custom_field_options ?? []).map((option) => option.value);
}

/** A value as read from a ticket, in the shape of its field's type. */
function fromTicket(field: TicketField, value: unknown): NamedFieldValue {
  switch (field.type) {
    case "checkbox":
      return value === true || value === "true";
    case "multiselect":
      if (Array.isArray(value)) return value.map(String);
      return typeof value === "string" && value !== "" ? value.split(" ") : [];
    case "integer":
    case "decimal":
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
      return typeof value === "number" ? value : null;
    default:
      if (value === undefined || value === null) return null;
      return typeof value === "object" && !Array.isArray(value) ? null : (value as NamedFieldValue);
  }
}

/** Checks a value for its field and returns what `custom_fields` should carry. */
function toTicket(field: TicketField, value: unknown): NamedFieldValue {
  const title = field.title;
  const fail = (expected: string): never => {
    throw new TicketFieldValueError(
      `Ticket field ${JSON.stringify(title)} (${field.type}) takes ${expected}; got ${JSON.stringify(value)}`,
      title,
      value,
    );
  };
  if (value === null) return null;
  switch (field.type) {
    case "tagger": {
      const values = optionValues(field);
      if (typeof value !== "string" || !values.includes(value)) {
        const option = (field.custom_field_options ?? []).find((o) => o.name === value);
        return fail(
          option
            ? `an option's value, not its name (use ${JSON.stringify(option.value)})`
            : `one of its option values: ${values.map((v) => JSON.stringify(v)).join(", ")}`,
        );
      }
      return value;
    }
    case "multiselect": {
      const values = optionValues(field);
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || !values.includes(item))) {
        return fail(`an array of its option values: ${values.map((v) => JSON.stringify(v)).join(", ")}`);
      }
      return [...value] as string[];
    }
    case "checkbox":
      return typeof value === "boolean" ? value : fail("true or false");
    case "date": {
      const match = typeof value === "string" ? DATE.exec(value) : null;
      if (!match) return fail("a date as YYYY-MM-DD");
      const [, y, m, d] = match.map(Number) as [number, number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return fail("a date that exists, as YYYY-MM-DD");
      return value as string;
    }
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) ? value : fail("a whole number");
    case "decimal":
      return typeof value === "number" && Number.isFinite(value) ? value : fail("a number");
    case "lookup":
      return typeof value === "string" || typeof value === "number" ? value : fail("the related record's id");
    default:
      return typeof value === "string" ? value : fail("a string");
  }
}

function makeFieldNames(client: TicketFieldsBase, first: FieldIndex): FieldNames {
  let index = first;
  let refreshing: Promise<void> | undefined;
  return {
    get fields() {
      return index.fields;
    },
    read(ticket: TicketWithCustomFields) {
      const values: Record<string, NamedFieldValue> = {};
      const carried = new Map((ticket.custom_fields ?? []).map((entry) => [entry.id, entry.value]));
      for (const [title, fields] of index.byTitle) {
        if (fields.length !== 1) continue;
        const field = fields[0] as TicketField;
        values[title] = fromTicket(field, carried.get(field.id));
      }
      return values as ReadFieldValues<Record<string, NamedFieldValue>>;
    },
    get(ticket: TicketWithCustomFields, name: string) {
      const field = index.resolve(name);
      return fromTicket(field, (ticket.custom_fields ?? []).find((entry) => entry.id === field.id)?.value);
    },
    write(values: Record<string, NamedFieldValue | undefined>) {
      const out: TicketCustomFieldValue[] = [];
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const field = index.resolve(name);
        out.push({ id: field.id, value: toTicket(field, value) });
      }
      return out;
    },
    refresh() {
      refreshing ??= fetchFields(client)
        .then((fields) => {
          index = new FieldIndex(fields);
        })
        .finally(() => {
          refreshing = undefined;
        });
      return refreshing;
    },
  } as FieldNames;
}

/** The client's `FieldNames`, built on the first call from one fetch of the account's ticket fields. */
export async function fieldsByName(
  client: TicketFieldsBase,
  cache: HelperCache,
  options: FieldsByNameOptions<AnyTicketFieldNames> = {},
): Promise<FieldNames> {
  const names = await cached(cache, "fields", async () =>
    makeFieldNames(client, new FieldIndex(await fetchFields(client))),
  );
  // get() resolves the title: it throws for one the account lacks or several fields share.
  for (const name of options.names ?? []) names.get({}, name);
  return names;
}
