/** Custom objects, their fields and records (list, search, upsert, bulk jobs) and the limits endpoints. */
import { isoSeconds } from "../clock.js";
import { customObjectBadRequest, customObjectInvalid, customObjectNotFound, errorList } from "../errors.js";
import type {
  CustomObjectFieldRow,
  CustomObjectFieldType,
  CustomObjectRecordRow,
  RecordFieldValue,
} from "../models.js";
import { arraySource, type CursorSource, cursorPage, isReply, readPageRequest } from "../pagination.js";
import { customObjectFieldJson, customObjectJson, recordJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import { standardFields } from "../seed-custom-objects.js";
import type { CustomObjectState, Store } from "../store.js";
import type { RequestContext } from "../types.js";
import { BULK_LIMIT, objectProperty, startJob } from "./common.js";

export const OBJECT_LIMIT = 50;
export const FIELD_LIMIT = 400;
export const RECORD_LIMIT = 1_000_000;

const FIELD_TYPES: readonly CustomObjectFieldType[] = [
  "text",
  "textarea",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "regexp",
  "dropdown",
  "lookup",
  "multiselect",
];

export function registerCustomObjectRoutes(router: Router): void {
  const base = "/api/v2/custom_objects";
  const object = `${base}/{custom_object_key}`;
  router
    .add("GET", base, listObjects)
    .add("POST", base, createObject)
    .add("GET", `${base}/limits/object_limit`, (ctx) =>
      json(200, { count: ctx.sim.store.customObjects.size, limit: OBJECT_LIMIT }),
    )
    .add("GET", `${base}/limits/record_limit`, recordLimit)
    .add("GET", object, showObject)
    .add("PATCH", object, updateObject)
    .add("DELETE", object, deleteObject)
    .add("GET", `${object}/fields`, listFields)
    .add("POST", `${object}/fields`, createField)
    .add("PUT", `${object}/fields/reorder`, reorderFields)
    .add("GET", `${object}/fields/{custom_object_field_key_or_id}`, showField)
    .add("PATCH", `${object}/fields/{custom_object_field_key_or_id}`, updateField)
    .add("DELETE", `${object}/fields/{custom_object_field_key_or_id}`, deleteField)
    .add("GET", `${object}/limits/field_limit`, fieldLimit)
    .add("GET", `${object}/records`, listRecords)
    .add("POST", `${object}/records`, createRecord)
    .add("PATCH", `${object}/records`, upsertRecord)
    .add("DELETE", `${object}/records`, deleteRecordByExternalIdOrName)
    .add("GET", `${object}/records/autocomplete`, autocomplete)
    .add("GET", `${object}/records/count`, countRecords)
    .add("GET", `${object}/records/search`, search)
    .add("POST", `${object}/records/search`, search)
    .add("GET", `${object}/records/{custom_object_record_id}`, showRecord)
    .add("PATCH", `${object}/records/{custom_object_record_id}`, updateRecord)
    .add("DELETE", `${object}/records/{custom_object_record_id}`, deleteRecord)
    .add("POST", `${object}/jobs`, recordJob);
}

function findObject(ctx: RequestContext): CustomObjectState | undefined {
  return ctx.sim.store.customObjects.get(ctx.params.custom_object_key ?? "");
}

const objectNotFound = () => customObjectNotFound("Custom object");

// Objects ---------------------------------------------------------------------------------------------------------

function listObjects(ctx: RequestContext): Reply {
  const objects = [...ctx.sim.store.customObjects.values()].map((state) => customObjectJson(ctx.origin, state.object));
  return json(200, { custom_objects: objects });
}

function createObject(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "custom_object");
  if (!input) return customObjectBadRequest("custom_object is required");
  const store = ctx.sim.store;
  const key = input.key;
  if (typeof key !== "string" || !/^[a-z][a-z0-9_]{0,59}$/.test(key)) {
    return customObjectInvalid("Key must start with a letter and hold only lowercase letters, digits and underscores");
  }
  if (store.customObjects.has(key)) return customObjectInvalid("Key has already been taken");
  if (typeof input.title !== "string" || input.title.trim() === "") return customObjectInvalid("Title can't be blank");
  if (typeof input.title_pluralized !== "string" || input.title_pluralized.trim() === "") {
    return customObjectInvalid("Title pluralized can't be blank");
  }
  if (store.customObjects.size >= OBJECT_LIMIT) return customObjectInvalid("The custom object limit has been reached");
  const now = store.now();
  const state: CustomObjectState = {
    object: {
      key,
      title: input.title,
      titlePluralized: input.title_pluralized,
      description: typeof input.description === "string" ? input.description : "",
      includeInListView: input.include_in_list_view !== false,
      allowsPhotos: input.allows_photos === true,
      createdByUserId: store.currentUserId,
      updatedByUserId: store.currentUserId,
      createdAt: now,
      updatedAt: now,
    },
    fields: standardFields(store, now),
    records: new Map(),
    triggers: new Map(),
  };
  store.customObjects.set(key, state);
  return json(201, { custom_object: customObjectJson(ctx.origin, state.object) });
}

function showObject(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  return state ? json(200, { custom_object: customObjectJson(ctx.origin, state.object) }) : objectNotFound();
}

function updateObject(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const input = objectProperty(ctx.body, "custom_object");
  if (!input) return customObjectBadRequest("custom_object is required");
  if (input.key !== undefined && input.key !== state.object.key) return customObjectInvalid("Key cannot be changed");
  const o = state.object;
  state.object = {
    ...o,
    title: typeof input.title === "string" && input.title.trim() ? input.title : o.title,
    titlePluralized:
      typeof input.title_pluralized === "string" && input.title_pluralized.trim()
        ? input.title_pluralized
        : o.titlePluralized,
    description: typeof input.description === "string" ? input.description : o.description,
    includeInListView:
      typeof input.include_in_list_view === "boolean" ? input.include_in_list_view : o.includeInListView,
    allowsPhotos: typeof input.allows_photos === "boolean" ? input.allows_photos : o.allowsPhotos,
    updatedByUserId: ctx.sim.store.currentUserId,
    updatedAt: ctx.sim.store.now(),
  };
  return json(200, { custom_object: customObjectJson(ctx.origin, state.object) });
}

function deleteObject(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  ctx.sim.store.customObjects.delete(state.object.key);
  return noContent();
}

function recordLimit(ctx: RequestContext): Reply {
  let count = 0;
  for (const state of ctx.sim.store.customObjects.values()) count += state.records.size;
  return json(200, { count, limit: RECORD_LIMIT });
}

// Fields ----------------------------------------------------------------------------------------------------------

function findField(state: CustomObjectState, keyOrId: string): CustomObjectFieldRow | undefined {
  return state.fields.find((field) => field.key === keyOrId || String(field.id) === keyOrId);
}

function customFields(state: CustomObjectState): CustomObjectFieldRow[] {
  return state.fields.filter((field) => !field.system);
}

function listFields(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const includeStandard = ctx.query.get("include_standard_fields") === "true";
  const fields = (includeStandard ? state.fields : customFields(state)).map((field) =>
    customObjectFieldJson(ctx.origin, state.object.key, field),
  );
  return json(200, { custom_object_fields: fields });
}

function createField(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const input = objectProperty(ctx.body, "custom_object_field");
  if (!input) return customObjectBadRequest("custom_object_field is required");
  const type = (input.type ?? "text") as CustomObjectFieldType;
  if (!FIELD_TYPES.includes(type)) return customObjectInvalid(`Type must be one of ${FIELD_TYPES.join(", ")}`);
  if (typeof input.key !== "string" || !/^(?!\d+$)[A-Za-z0-9_]{1,64}$/.test(input.key)) {
    return customObjectInvalid("Key must hold only letters, digits and underscores, and not only digits");
  }
  if (findField(state, input.key)) return customObjectInvalid("Key has already been taken");
  if (typeof input.title !== "string" || input.title.trim() === "") return customObjectInvalid("Title can't be blank");
  if (state.fields.length >= FIELD_LIMIT) return customObjectInvalid("The field limit has been reached");
  const options = Array.isArray(input.custom_field_options) ? input.custom_field_options : [];
  if ((type === "dropdown" || type === "multiselect") && options.length === 0) {
    return customObjectInvalid("Custom field options can't be blank for a dropdown or multiselect field");
  }
  const store = ctx.sim.store;
  const now = store.now();
  const field: CustomObjectFieldRow = {
    id: store.nextFieldId(),
    key: input.key,
    type,
    title: input.title,
    description: typeof input.description === "string" ? input.description : "",
    active: input.active !== false,
    position: Math.max(0, ...state.fields.map((item) => item.position)) + 1,
    system: false,
    regexpForValidation:
      type === "regexp" && typeof input.regexp_for_validation === "string" ? input.regexp_for_validation : null,
    relationshipTargetType:
      type === "lookup" && typeof input.relationship_target_type === "string" ? input.relationship_target_type : null,
    tag: type === "checkbox" && typeof input.tag === "string" ? input.tag : null,
    options: options.map((option, index) => {
      const item = (typeof option === "object" && option !== null ? option : {}) as Record<string, unknown>;
      const name = String(item.name ?? item.value ?? `Option ${index + 1}`);
      return { id: store.nextFieldId(), name, rawName: name, value: String(item.value ?? name), position: index };
    }),
    createdAt: now,
    updatedAt: now,
  };
  state.fields.push(field);
  return json(201, { custom_object_field: customObjectFieldJson(ctx.origin, state.object.key, field) });
}

function showField(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const field = findField(state, ctx.params.custom_object_field_key_or_id ?? "");
  return field
    ? json(200, { custom_object_field: customObjectFieldJson(ctx.origin, state.object.key, field) })
    : customObjectNotFound("Custom object field");
}

function updateField(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const field = findField(state, ctx.params.custom_object_field_key_or_id ?? "");
  if (!field) return customObjectNotFound("Custom object field");
  const input = objectProperty(ctx.body, "custom_object_field");
  if (!input) return customObjectBadRequest("custom_object_field is required");
  if (input.key !== undefined && input.key !== field.key) return customObjectInvalid("Key cannot be changed");
  if (typeof input.title === "string" && input.title.trim()) field.title = input.title;
  if (typeof input.description === "string") field.description = input.description;
  if (!field.system && typeof input.active === "boolean") field.active = input.active;
  if (field.properties && typeof input.properties === "object" && input.properties !== null) {
    const properties = input.properties as Record<string, unknown>;
    if (typeof properties.is_unique === "boolean") field.properties.is_unique = properties.is_unique;
  }
  field.updatedAt = ctx.sim.store.now();
  return json(200, { custom_object_field: customObjectFieldJson(ctx.origin, state.object.key, field) });
}

function deleteField(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const field = findField(state, ctx.params.custom_object_field_key_or_id ?? "");
  if (!field) return customObjectNotFound("Custom object field");
  if (field.system) return customObjectInvalid("Standard fields cannot be deleted");
  state.fields = state.fields.filter((item) => item !== field);
  for (const record of state.records.values()) delete record.fields[field.key];
  return noContent();
}

function reorderFields(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const ids = body.custom_object_field_ids;
  if (!Array.isArray(ids)) return customObjectBadRequest("custom_object_field_ids is required");
  const custom = customFields(state);
  const ordered = ids.map((id) => custom.find((field) => String(field.id) === String(id) || field.key === id));
  if (
    ordered.some((field) => field === undefined) ||
    new Set(ids.map(String)).size !== custom.length ||
    ids.length !== custom.length
  ) {
    return customObjectInvalid("custom_object_field_ids must list every custom field of the object once");
  }
  const firstPosition = state.fields.filter((field) => field.system).length;
  ordered.forEach((field, index) => {
    if (field) field.position = firstPosition + index;
  });
  state.fields = [...state.fields.filter((field) => field.system), ...(ordered as CustomObjectFieldRow[])];
  return { status: 200 };
}

function fieldLimit(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  return json(200, { count: customFields(state).length, limit: FIELD_LIMIT });
}

// Records ---------------------------------------------------------------------------------------------------------

type RecordSort = "id" | "-id" | "updated_at" | "-updated_at" | "created_at" | "-created_at" | "name" | "-name";

function sortedRecords(records: CustomObjectRecordRow[], sort: RecordSort): CursorSource<CustomObjectRecordRow> {
  const descending = sort.startsWith("-");
  const by = descending ? sort.slice(1) : sort;
  const key = (record: CustomObjectRecordRow): (string | number)[] =>
    by === "updated_at"
      ? [record.updatedAt, record.id]
      : by === "created_at"
        ? [record.createdAt, record.id]
        : by === "name"
          ? [record.name.toLowerCase(), record.id]
          : [record.id];
  const sorted = [...records].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] as string | number;
      const y = kb[i] as string | number;
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
  return arraySource(sorted, key, descending);
}

function recordPage(
  ctx: RequestContext,
  records: CustomObjectRecordRow[],
  sort: string | null,
  allowed: readonly RecordSort[],
  withCount: boolean,
): Reply {
  const request = readPageRequest(ctx.query, { cursorOnly: true });
  if (isReply(request) || request.mode !== "cursor") return request as Reply;
  const chosen = (sort ?? allowed[0]) as RecordSort;
  if (!allowed.includes(chosen)) return customObjectBadRequest(`sort must be one of ${allowed.join(", ")}`);
  const page = cursorPage(ctx, request, sortedRecords(records, chosen));
  if (isReply(page)) return page;
  return json(200, {
    custom_object_records: page.items.map((record) => recordJson(ctx.origin, record)),
    meta: page.meta,
    links: page.links,
    ...(withCount ? { count: records.length } : {}),
  });
}

function listRecords(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  let records = [...state.records.values()];
  const ids = ctx.query.get("filter[ids]");
  if (ids) {
    const wanted = new Set(ids.split(",").map((id) => id.trim()));
    records = records.filter((record) => wanted.has(record.id));
  }
  const externalIds = ctx.query.get("filter[external_ids]");
  if (externalIds) {
    const wanted = new Set(externalIds.split(",").map((id) => id.trim()));
    records = records.filter((record) => record.externalId !== null && wanted.has(record.externalId));
  }
  return recordPage(ctx, records, ctx.query.get("sort"), ["id", "-id", "updated_at", "-updated_at"], true);
}

function showRecord(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const record = state.records.get(ctx.params.custom_object_record_id ?? "");
  return record
    ? json(200, { custom_object_record: recordJson(ctx.origin, record) })
    : customObjectNotFound("Custom object record");
}

/** Checks a record's input and computes its next version; a string is the validation error. */
function prepareRecord(
  store: Store,
  state: CustomObjectState,
  input: Record<string, unknown>,
  existing?: CustomObjectRecordRow,
): CustomObjectRecordRow | string {
  const name = input.name === undefined ? existing?.name : input.name;
  if (typeof name !== "string" || name.trim() === "") return "Name can't be blank";
  const externalId =
    input.external_id === undefined
      ? (existing?.externalId ?? null)
      : input.external_id === null
        ? null
        : String(input.external_id);
  const nameField = state.fields.find((field) => field.key === "standard::name");
  for (const other of state.records.values()) {
    if (other.id === existing?.id) continue;
    if (externalId !== null && other.externalId === externalId) return "External id has already been taken";
    if (nameField?.properties?.is_unique && other.name === name) return "Name has already been taken";
  }
  const fields: Record<string, RecordFieldValue> = { ...(existing?.fields ?? {}) };
  const values = input.custom_object_fields;
  if (values !== undefined) {
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      return "custom_object_fields must be an object";
    }
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      const field = state.fields.find((item) => item.key === key && !item.system);
      if (!field) return `${key} is not a field of this object`;
      const problem = checkValue(field, value);
      if (problem) return problem;
      fields[key] = value as RecordFieldValue;
    }
  }
  const now = store.now();
  return {
    id: existing?.id ?? "",
    objectKey: state.object.key,
    name,
    externalId,
    fields,
    createdByUserId: existing?.createdByUserId ?? store.currentUserId,
    updatedByUserId: store.currentUserId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

function checkValue(field: CustomObjectFieldRow, value: unknown): string | undefined {
  if (value === null) return undefined;
  const bad = `${field.title}: is invalid`;
  switch (field.type) {
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value)) ? undefined : bad;
    case "decimal":
      return typeof value === "number" || (typeof value === "string" && !Number.isNaN(Number(value))) ? undefined : bad;
    case "checkbox":
      return typeof value === "boolean" ? undefined : bad;
    case "dropdown":
      return field.options.some((option) => option.value === value) ? undefined : bad;
    case "multiselect":
      return Array.isArray(value) && value.every((item) => field.options.some((option) => option.value === item))
        ? undefined
        : bad;
    case "date":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? undefined : bad;
    case "regexp":
      return typeof value === "string" &&
        (!field.regexpForValidation || new RegExp(field.regexpForValidation).test(value))
        ? undefined
        : bad;
    default:
      return typeof value === "string" || typeof value === "number" ? undefined : bad;
  }
}

function insertRecord(store: Store, state: CustomObjectState, record: CustomObjectRecordRow): CustomObjectRecordRow {
  const stored = { ...record, id: record.id || store.nextRecordId() };
  state.records.set(stored.id, stored);
  return stored;
}

function createRecord(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const input = objectProperty(ctx.body, "custom_object_record");
  if (!input) return customObjectBadRequest("custom_object_record is required");
  const prepared = prepareRecord(ctx.sim.store, state, input);
  if (typeof prepared === "string") return customObjectInvalid(prepared);
  const record = insertRecord(ctx.sim.store, state, prepared);
  return json(201, { custom_object_record: recordJson(ctx.origin, record) });
}

function updateRecord(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const existing = state.records.get(ctx.params.custom_object_record_id ?? "");
  if (!existing) return customObjectNotFound("Custom object record");
  const input = objectProperty(ctx.body, "custom_object_record");
  if (!input) return customObjectBadRequest("custom_object_record is required");
  const prepared = prepareRecord(ctx.sim.store, state, input, existing);
  if (typeof prepared === "string") return customObjectInvalid(prepared);
  state.records.set(existing.id, prepared);
  return json(200, { custom_object_record: recordJson(ctx.origin, prepared) });
}

function deleteRecord(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const id = ctx.params.custom_object_record_id ?? "";
  if (!state.records.delete(id)) return customObjectNotFound("Custom object record");
  return noContent();
}

/** `?external_id=` or `?name=` (not both): the record it names, or the reason it cannot be looked up. */
function lookup(ctx: RequestContext, state: CustomObjectState): { by: "external_id" | "name"; value: string } | Reply {
  const externalId = ctx.query.get("external_id");
  const name = ctx.query.get("name");
  if (externalId !== null && name !== null) return customObjectBadRequest("Use external_id or name, not both");
  if (externalId !== null && externalId !== "") return { by: "external_id", value: externalId };
  if (name !== null && name !== "") {
    const nameField = state.fields.find((field) => field.key === "standard::name");
    if (!nameField?.properties?.is_unique)
      return customObjectBadRequest("Looking up by name needs unique record names");
    return { by: "name", value: name };
  }
  return customObjectBadRequest("external_id or name is required");
}

function findBy(
  state: CustomObjectState,
  by: "external_id" | "name",
  value: string,
): CustomObjectRecordRow | undefined {
  for (const record of state.records.values()) {
    if (by === "external_id" ? record.externalId === value : record.name === value) return record;
  }
  return undefined;
}

function upsertRecord(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const key = lookup(ctx, state);
  if (isReply(key)) return key;
  const input = objectProperty(ctx.body, "custom_object_record");
  if (!input) return customObjectBadRequest("custom_object_record is required");
  const existing = findBy(state, key.by, key.value);
  const withKey = { ...input, [key.by]: key.value };
  const prepared = prepareRecord(ctx.sim.store, state, withKey, existing);
  if (typeof prepared === "string") return customObjectInvalid(prepared);
  const record = existing ? prepared : insertRecord(ctx.sim.store, state, prepared);
  if (existing) state.records.set(existing.id, record);
  return json(200, { custom_object_record: recordJson(ctx.origin, record) });
}

function deleteRecordByExternalIdOrName(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const key = lookup(ctx, state);
  if (isReply(key)) return key;
  const existing = findBy(state, key.by, key.value);
  if (!existing) return customObjectNotFound("Custom object record");
  state.records.delete(existing.id);
  return noContent();
}

function countRecords(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  return json(200, { count: { value: state.records.size, refreshed_at: isoSeconds(ctx.sim.store.now()) } });
}

function autocomplete(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const name = (ctx.query.get("name") ?? "").toLowerCase();
  const records = [...state.records.values()].filter((record) => record.name.toLowerCase().includes(name));
  return recordPage(ctx, records, "name", ["name"], false);
}

function search(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const words = (ctx.query.get("query") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  let records = [...state.records.values()];
  if (words.length > 0) records = records.filter((record) => matchesWords(state, record, words));
  if (ctx.method === "POST") {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    if (body.filter !== undefined) {
      if (typeof body.filter !== "object" || body.filter === null)
        return customObjectBadRequest("filter must be an object");
      const filter = body.filter as Record<string, unknown>;
      const problem = checkFilter(filter);
      if (problem) return customObjectBadRequest(problem);
      records = records.filter((record) => matchesFilter(record, filter));
    }
  }
  const sorts: RecordSort[] = ["id", "name", "-name", "created_at", "-created_at", "updated_at", "-updated_at"];
  return recordPage(ctx, records, ctx.query.get("sort"), sorts, true);
}

function matchesWords(state: CustomObjectState, record: CustomObjectRecordRow, words: string[]): boolean {
  const texts = [record.name, record.externalId ?? ""];
  for (const field of state.fields) {
    if (field.type !== "text" && field.type !== "textarea" && field.type !== "regexp") continue;
    const value = record.fields[field.key];
    if (typeof value === "string") texts.push(value);
  }
  const tokens = texts.flatMap((text) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  return words.some((word) => tokens.some((token) => token.startsWith(word)));
}

const OPERATORS = [
  "$eq",
  "$noteq",
  "$contains",
  "$not_contains",
  "$starts_with",
  "$in",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$exists",
];

function checkFilter(filter: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" || key === "$or") {
      if (!Array.isArray(value)) return `${key} must be an array`;
      for (const item of value) {
        if (typeof item !== "object" || item === null) return `${key} must hold filter objects`;
        const problem = checkFilter(item as Record<string, unknown>);
        if (problem) return problem;
      }
      continue;
    }
    if (typeof value !== "object" || value === null) return `${key} needs a comparison object`;
    for (const operator of Object.keys(value)) {
      if (!OPERATORS.includes(operator)) return `Unsupported operator ${operator}`;
    }
  }
  return undefined;
}

function attribute(record: CustomObjectRecordRow, key: string): unknown {
  if (key.startsWith("custom_object_fields.")) return record.fields[key.slice("custom_object_fields.".length)];
  switch (key) {
    case "name":
      return record.name;
    case "external_id":
      return record.externalId;
    case "created_at":
      return isoSeconds(record.createdAt);
    case "updated_at":
      return isoSeconds(record.updatedAt);
    case "created_by_user":
      return String(record.createdByUserId);
    case "updated_by_user":
      return String(record.updatedByUserId);
    default:
      return undefined;
  }
}

function matchesFilter(record: CustomObjectRecordRow, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (key === "$and") return (value as Record<string, unknown>[]).every((item) => matchesFilter(record, item));
    if (key === "$or") return (value as Record<string, unknown>[]).some((item) => matchesFilter(record, item));
    const actual = attribute(record, key);
    return Object.entries(value as Record<string, unknown>).every(([operator, expected]) =>
      compare(actual, operator, expected),
    );
  });
}

function compare(actual: unknown, operator: string, expected: unknown): boolean {
  const text = (value: unknown) => String(value ?? "").toLowerCase();
  switch (operator) {
    case "$eq":
      return text(actual) === text(expected);
    case "$noteq":
      return text(actual) !== text(expected);
    case "$contains":
      return Array.isArray(actual) ? actual.map(text).includes(text(expected)) : text(actual).includes(text(expected));
    case "$not_contains":
      return !text(actual).includes(text(expected));
    case "$starts_with":
      return text(actual).startsWith(text(expected));
    case "$in":
      return Array.isArray(expected) && expected.map(text).includes(text(actual));
    case "$exists":
      return (actual !== undefined && actual !== null) === Boolean(expected);
    default: {
      if (actual === undefined || actual === null) return false;
      const a = typeof actual === "number" ? actual : String(actual);
      const e = typeof actual === "number" ? Number(expected) : String(expected);
      if (operator === "$gt") return a > e;
      if (operator === "$gte") return a >= e;
      if (operator === "$lt") return a < e;
      return a <= e;
    }
  }
}

// Bulk jobs -------------------------------------------------------------------------------------------------------

const JOB_ACTIONS = [
  "create",
  "update",
  "delete",
  "create_or_update_by_external_id",
  "create_or_update_by_name",
  "delete_by_external_id",
] as const;
type JobAction = (typeof JOB_ACTIONS)[number];

function recordJob(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return objectNotFound();
  const job = objectProperty(ctx.body, "job");
  if (!job) return customObjectBadRequest("job is required");
  const action = job.action as JobAction;
  if (!JOB_ACTIONS.includes(action)) return customObjectBadRequest(`action must be one of ${JOB_ACTIONS.join(", ")}`);
  const items = job.items;
  if (!Array.isArray(items) || items.length === 0) return customObjectBadRequest("items must be a non-empty array");
  if (items.length > BULK_LIMIT) {
    return errorList(400, "TooManyItems", "Bad Request", `At most ${BULK_LIMIT} items can be given in one job`);
  }
  const store = ctx.sim.store;
  return startJob(
    ctx,
    "custom_object_record_bulk_job",
    items.length,
    () => items.map((item, index) => runRecordJobItem(store, ctx.origin, state, action, item, index)),
    201,
  );
}

/** One item of a record job; a done item reports the record itself, as Zendesk's record jobs do. */
function runRecordJobItem(
  store: Store,
  origin: string,
  state: CustomObjectState,
  action: JobAction,
  item: unknown,
  index: number,
): Record<string, unknown> {
  const failed = (details: string, id?: string) => ({
    index,
    ...(id ? { id } : {}),
    action,
    success: false,
    status: "Failed",
    error: "RecordInvalid",
    details,
  });
  const done = (record: CustomObjectRecordRow, status: string) => ({
    ...recordJson(origin, record),
    index,
    action,
    success: true,
    status,
  });

  if (action === "delete" || action === "delete_by_external_id") {
    const key =
      typeof item === "string"
        ? item
        : typeof item === "object" && item !== null
          ? String((item as Record<string, unknown>).id ?? (item as Record<string, unknown>).external_id ?? "")
          : "";
    const record = action === "delete" ? state.records.get(key) : findBy(state, "external_id", key);
    if (!record) return failed("Record not found", action === "delete" ? key : undefined);
    state.records.delete(record.id);
    return done(record, "Deleted");
  }
  if (typeof item !== "object" || item === null || Array.isArray(item))
    return failed("Each item must be a record object");
  const input = item as Record<string, unknown>;
  let existing: CustomObjectRecordRow | undefined;
  if (action === "update") {
    existing = state.records.get(String(input.id ?? ""));
    if (!existing) return failed("Record not found", typeof input.id === "string" ? input.id : undefined);
  } else if (action === "create_or_update_by_external_id") {
    if (typeof input.external_id !== "string" || input.external_id === "") return failed("External id can't be blank");
    existing = findBy(state, "external_id", input.external_id);
  } else if (action === "create_or_update_by_name") {
    if (typeof input.name !== "string" || input.name === "") return failed("Name can't be blank");
    existing = findBy(state, "name", input.name);
  }
  const prepared = prepareRecord(store, state, input, existing);
  if (typeof prepared === "string") return failed(prepared, existing?.id);
  if (existing) {
    state.records.set(existing.id, prepared);
    return done(prepared, "Updated");
  }
  return done(insertRecord(store, state, prepared), "Created");
}
