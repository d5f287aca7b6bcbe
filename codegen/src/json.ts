import { METHODS } from "../../packages/core/src/client/client-names.js";
import { type Document, resolvePointer } from "./bundle.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The keys of a path item that hold operations (`get`, `post`…): the methods a client offers, in lower case. */
export const HTTP_METHODS: readonly string[] = METHODS.map((method) => method.toLowerCase());

/** The schema says `type: <type>`, alone or in a list (`type: [array, "null"]`). */
export const hasType = (schema: Json | undefined, type: string): boolean =>
  isObject(schema) && (schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type)));

/** The node a `$ref` (or a chain of them) points at; undefined for a loop. */
export function deref(doc: Document, node: Json | undefined, seen = new Set<string>()): Json | undefined {
  while (isObject(node) && typeof node.$ref === "string") {
    if (seen.has(node.$ref)) return undefined;
    seen.add(node.$ref);
    node = resolvePointer(doc, node.$ref);
  }
  return node;
}

/** The JSON schema of an operation's first 2xx response. */
export function successSchema(doc: Document, operation: JsonObject): Json | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses).find((status) => /^2\d\d$/.test(status));
  if (!code) return undefined;
  const response = deref(doc, responses[code]);
  if (!isObject(response) || !isObject(response.content)) return undefined;
  const json = response.content["application/json"];
  return isObject(json) ? json.schema : undefined;
}

/** The schema of each property an object schema may carry, through refs and allOf/oneOf/anyOf. */
export function propertiesOf(
  doc: Document,
  schema: Json | undefined,
  out = new Map<string, Json>(),
): Map<string, Json> {
  const resolved = deref(doc, schema);
  if (!isObject(resolved)) return out;
  if (isObject(resolved.properties)) {
    for (const [name, property] of Object.entries(resolved.properties)) out.set(name, property);
  }
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) propertiesOf(doc, part, out);
  }
  return out;
}
