// `x-zenfetch-include`: what each value of an operation's `include` query parameter (Zendesk's side-loading)
// adds to the response, so that the client can type a response by what the call asked for. Each declaration
// is checked against the operation it sits on: the parameter, its values, the response properties it names.
import type { Document } from "./bundle.js";
import { deref, hasType, isObject, type Json, type JsonObject, propertiesOf } from "./json.js";

/** One value of `include`, as the generated map carries it; `{}` for a value that changes what existing properties hold. */
export interface IncludeValueMeta {
  /** A top-level response property the value adds, and what it is: a list, or an object keyed by id. */
  sideload?: string;
  kind?: "array" | "object";
  /** Properties the value adds to each record under the include's `item`. */
  fields?: string[];
}

export interface IncludeMeta {
  /** The response property holding the record (or the list of records) that `fields` land on. */
  item?: string;
  values: Record<string, IncludeValueMeta>;
}

const KEYS = ["item", "values"];
const VALUE_KEYS = ["sideload", "fields"];

const quoted = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(", ");

/** Every 2xx JSON response schema of the operation, with its status. */
function successSchemas(doc: Document, operation: JsonObject): { status: string; schema: Json | undefined }[] {
  const responses = isObject(operation.responses) ? operation.responses : {};
  return Object.keys(responses)
    .filter((status) => /^2\d\d$/.test(status))
    .flatMap((status) => {
      const response = deref(doc, responses[status]);
      const json = isObject(response) && isObject(response.content) ? response.content["application/json"] : undefined;
      return isObject(json) ? [{ status, schema: json.schema }] : [];
    });
}

/** The operation's `include` query parameter (its own, else its path item's), resolved. */
function includeParameter(doc: Document, item: JsonObject, operation: JsonObject): JsonObject | undefined {
  for (const list of [operation.parameters, item.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const parameter of list) {
      const resolved = deref(doc, parameter);
      if (isObject(resolved) && resolved.in === "query" && resolved.name === "include") return resolved;
    }
  }
  return undefined;
}

/** The enum of a string parameter, or of the items of an array one; undefined when it declares none. */
function includeEnum(doc: Document, parameter: JsonObject): string[] | undefined {
  const schema = deref(doc, parameter.schema);
  const values = hasType(schema, "array") && isObject(schema) ? deref(doc, schema.items) : schema;
  if (!isObject(values) || !Array.isArray(values.enum)) return undefined;
  return values.enum.filter((value): value is string => typeof value === "string");
}

/**
 * The include map of an `x-zenfetch-include` value; undefined (with problems recorded at `x-zenfetch-include`
 * followed by `at`) when anything in it is wrong.
 */
export function readInclude(
  doc: Document,
  operation: JsonObject,
  pathItem: JsonObject,
  problem: (message: string, at: string) => void,
): IncludeMeta | undefined {
  const value = operation["x-zenfetch-include"];
  if (value === undefined) return undefined;
  let ok = true;
  const wrong = (message: string, at = "") => {
    problem(message, `x-zenfetch-include${at}`);
    ok = false;
  };
  if (!isObject(value) || !isObject(value.values)) {
    wrong("must be { item?, values: { <include value>: { sideload?, fields? } } }");
    return undefined;
  }
  const unknown = Object.keys(value).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) wrong(`unknown key ${quoted(unknown)}; the keys are ${KEYS.join(", ")}`);

  const parameter = includeParameter(doc, pathItem, operation);
  const names = Object.keys(value.values);
  if (names.length === 0) wrong("values is empty: declare what each include value adds", "/values");
  if (!parameter) {
    wrong("the operation has no `include` query parameter");
  } else {
    const declared = includeEnum(doc, parameter);
    if (!declared) {
      wrong("the `include` parameter declares no enum; list its values there, the same as the keys of values");
    } else {
      const missing = declared.filter((name) => !names.includes(name));
      const extra = names.filter((name) => !declared.includes(name));
      if (missing.length > 0) wrong(`the include parameter offers ${quoted(missing)}, not declared here`, "/values");
      if (extra.length > 0) wrong(`${quoted(extra)} not in the include parameter's enum`, "/values");
    }
  }

  const responses = successSchemas(doc, operation);
  if (responses.length === 0) wrong("the operation has no 2xx JSON response for the include to add to");
  const item = value.item;
  let itemProperties: Map<string, Json> | undefined;
  if (item !== undefined) {
    if (typeof item !== "string") {
      wrong("item must name the response property holding the record or records", "/item");
    } else {
      itemProperties = new Map();
      for (const { status, schema } of responses) {
        const property = deref(doc, propertiesOf(doc, schema).get(item));
        if (property === undefined) {
          wrong(`the ${status} response has no property "${item}"`, "/item");
          continue;
        }
        const record = hasType(property, "array") && isObject(property) ? property.items : property;
        for (const [name, schema] of propertiesOf(doc, record)) itemProperties.set(name, schema);
      }
    }
  }

  const values: Record<string, IncludeValueMeta> = {};
  for (const [name, entry] of Object.entries(value.values)) {
    const at = `/values/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (!isObject(entry)) {
      wrong(
        "must be { sideload?, fields? }: the response property it adds, the properties it adds to each record ({} for neither)",
        at,
      );
      continue;
    }
    const unknownKeys = Object.keys(entry).filter((key) => !VALUE_KEYS.includes(key));
    if (unknownKeys.length > 0) wrong(`unknown key ${quoted(unknownKeys)}; the keys are ${VALUE_KEYS.join(", ")}`, at);
    const meta: IncludeValueMeta = {};
    const { sideload, fields } = entry;
    if (sideload !== undefined) {
      if (typeof sideload !== "string") {
        wrong("sideload must name a top-level response property", `${at}/sideload`);
      } else {
        const kinds = new Set<"array" | "object">();
        for (const { status, schema } of responses) {
          const property = deref(doc, propertiesOf(doc, schema).get(sideload));
          if (property === undefined) wrong(`the ${status} response has no property "${sideload}"`, `${at}/sideload`);
          else kinds.add(hasType(property, "array") ? "array" : "object");
        }
        meta.sideload = sideload;
        const [kind] = kinds;
        if (kinds.size === 1 && kind) meta.kind = kind;
      }
    }
    if (fields !== undefined) {
      if (!Array.isArray(fields) || fields.length === 0 || fields.some((field) => typeof field !== "string")) {
        wrong("fields must be a list of property names", `${at}/fields`);
      } else if (item === undefined) {
        wrong("fields land on each record under item: declare item", `${at}/fields`);
      } else if (itemProperties) {
        const absent = (fields as string[]).filter((field) => !itemProperties.has(field));
        if (absent.length > 0) wrong(`the records under "${item}" have no property ${quoted(absent)}`, `${at}/fields`);
        meta.fields = fields as string[];
      }
    }
    values[name] = meta;
  }
  if (!ok) return undefined;
  return { ...(typeof item === "string" ? { item } : {}), values };
}
