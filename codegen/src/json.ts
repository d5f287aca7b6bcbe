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
