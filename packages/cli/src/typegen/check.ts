// `--check`: the model a module carries, read back, and what differs between it and the account's.
import { UsageError } from "../usage-error.js";
import {
  type AccountModel,
  type CustomObjectModel,
  type FieldModel,
  type KeyedFieldModel,
  sortObjects,
  type TicketFieldModel,
} from "./model.js";
import { MODEL_MARKER } from "./render.js";

function isField(value: Record<string, unknown>): boolean {
  return (
    typeof value.type === "string" &&
    typeof value.title === "string" &&
    typeof value.active === "boolean" &&
    (value.options === undefined ||
      (Array.isArray(value.options) && value.options.every((option) => typeof option === "string"))) &&
    (value.target === undefined || typeof value.target === "string")
  );
}

function fieldOf(value: Record<string, unknown>): FieldModel {
  const field: FieldModel = {
    type: value.type as string,
    title: value.title as string,
    active: value.active as boolean,
  };
  if (value.options) field.options = value.options as string[];
  if (value.target) field.target = value.target as string;
  return field;
}

/**
 * The model in the closing comment of a module `zenfetch typegen` wrote (`file` names it in errors). Throws a
 * `UsageError` when the text has none or it cannot be read: the module was not written by typegen, or was edited.
 */
export function readEmbeddedModel(text: string, file: string): AccountModel {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim().startsWith(`/* ${MODEL_MARKER}`));
  const again = `run \`zenfetch typegen --out ${file}\` to write it again`;
  if (start === -1) {
    throw new UsageError(`${file} has no account model (the comment \`${MODEL_MARKER}\` at its end): ${again}.`);
  }
  const model: AccountModel = { ticket: [], user: [], organization: [], objects: [] };
  const objects = new Map<string, CustomObjectModel>();
  let closed = false;
  for (const [offset, raw] of lines.slice(start + 1).entries()) {
    const line = raw.trim();
    if (line === "*/") {
      closed = true;
      break;
    }
    if (line === "") continue;
    const broken = () =>
      new UsageError(`${file}, line ${start + offset + 2}: the account model cannot be read; ${again}.`);
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw broken();
    }
    if (typeof value !== "object" || value === null) throw broken();
    if (value.kind === "object" && typeof value.key === "string" && typeof value.title === "string") {
      const object = { key: value.key, title: value.title, fields: [] };
      objects.set(value.key, object);
      model.objects.push(object);
    } else if (value.kind === "ticket" && typeof value.id === "number" && isField(value)) {
      model.ticket.push({ id: value.id, ...fieldOf(value) });
    } else if (
      (value.kind === "user" || value.kind === "organization") &&
      typeof value.key === "string" &&
      isField(value)
    ) {
      model[value.kind].push({ key: value.key, ...fieldOf(value) });
    } else if (value.kind === "object-field" && typeof value.key === "string" && isField(value)) {
      const object = objects.get(value.object as string);
      if (!object) throw broken();
      object.fields.push({ key: value.key, ...fieldOf(value) });
    } else throw broken();
  }
  if (!closed) throw new UsageError(`${file}: the account model's comment is not closed; ${again}.`);
  sortObjects(model.objects);
  return model;
}

const quote = (text: string) => JSON.stringify(text);
const sameList = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** What changed in one field (`was` from the module, `now` from the account), each as a short phrase. */
function fieldChanges(was: FieldModel, now: FieldModel): string[] {
  const changes: string[] = [];
  if (was.title !== now.title) changes.push(`renamed from ${quote(was.title)} to ${quote(now.title)}`);
  if (was.type !== now.type) changes.push(`type changed from ${was.type} to ${now.type}`);
  if (was.active !== now.active) changes.push(now.active ? "activated" : "deactivated");
  if (!sameList(was.options, now.options)) {
    const before = new Set(was.options ?? []);
    const after = new Set(now.options ?? []);
    const removed = [...before].filter((value) => !after.has(value));
    const added = [...after].filter((value) => !before.has(value));
    if (removed.length) changes.push(`option${removed.length > 1 ? "s" : ""} ${removed.map(quote).join(", ")} removed`);
    if (added.length) changes.push(`option${added.length > 1 ? "s" : ""} ${added.map(quote).join(", ")} added`);
  }
  if (was.target !== now.target) {
    changes.push(`lookup target changed from ${was.target ?? "none"} to ${now.target ?? "none"}`);
  }
  return changes;
}

function compare<F extends FieldModel>(
  was: readonly F[],
  now: readonly F[],
  id: (field: F) => string,
  name: (field: F) => string,
  out: string[],
) {
  const before = new Map(was.map((field) => [id(field), field]));
  const after = new Map(now.map((field) => [id(field), field]));
  for (const [key, field] of before) {
    const current = after.get(key);
    if (!current) out.push(`${name(field)}: removed`);
    else for (const change of fieldChanges(field, current)) out.push(`${name(field)}: ${change}`);
  }
  for (const [key, field] of after) if (!before.has(key)) out.push(`${name(field)}: added (${field.type})`);
}

/**
 * Each difference between the model a module was written from (`file`) and the account's now (`account`), one
 * line each (`ticket field 5001 "Plan": option "gold" added`); empty when they match.
 */
export function diffAccountModels(file: AccountModel, account: AccountModel): string[] {
  const out: string[] = [];
  compare<TicketFieldModel>(
    file.ticket,
    account.ticket,
    (f) => String(f.id),
    (f) => `ticket field ${f.id} ${quote(f.title)}`,
    out,
  );
  for (const kind of ["user", "organization"] as const) {
    compare<KeyedFieldModel>(
      file[kind],
      account[kind],
      (f) => f.key,
      (f) => `${kind} field ${quote(f.key)} (${quote(f.title)})`,
      out,
    );
  }
  const before = new Map(file.objects.map((object) => [object.key, object]));
  const after = new Map(account.objects.map((object) => [object.key, object]));
  for (const [key, object] of before) {
    const current = after.get(key);
    const name = `custom object ${quote(key)}`;
    if (!current) {
      out.push(`${name}: removed`);
      continue;
    }
    if (object.title !== current.title)
      out.push(`${name}: renamed from ${quote(object.title)} to ${quote(current.title)}`);
    compare<KeyedFieldModel>(
      object.fields,
      current.fields,
      (f) => f.key,
      (f) => `${name} field ${quote(f.key)} (${quote(f.title)})`,
      out,
    );
  }
  for (const [key, object] of after) {
    if (!before.has(key))
      out.push(
        `custom object ${quote(key)}: added (${object.fields.length} field${object.fields.length === 1 ? "" : "s"})`,
      );
  }
  return out;
}
