import { type Document, resolvePointer } from "./bundle.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

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
