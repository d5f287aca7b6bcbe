import { isMap, isPair, isScalar, Scalar, visit, Document as YamlDocument } from "yaml";
import type { Problem } from "./errors.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Document = { [key: string]: Json };

const SECTIONS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
] as const;

export function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Resolves a local `#/a/b` pointer in a document, or returns undefined. */
export function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = unescapePointer(raw);
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Calls `visit` for every `$ref` string in the tree, with the pointer of the object holding it. */
function eachRef(node: Json, pointer: string, visit: (ref: string, at: string) => void): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) eachRef(child, `${pointer}/${index}`, visit);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === "$ref" && typeof child === "string") visit(child, pointer);
    else eachRef(child, `${pointer}/${escapePointer(key)}`, visit);
  }
}

function sortKeys<T extends { [key: string]: Json }>(map: T): T {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/**
 * Checks a bundle for what Redocly lets through and orders its components so
 * that the file reads (and diffs) the same on every run: every `$ref` local
 * and resolving, no component renamed by a clash, no component left unused.
 */
export function checkBundle(doc: Document, file: string): Problem[] {
  const problems: Problem[] = [];
  const components = (doc.components ?? {}) as { [section: string]: { [name: string]: Json } };

  for (const section of Object.keys(components)) {
    for (const name of Object.keys(components[section] ?? {})) {
      if (/-\d+$/.test(name)) {
        problems.push({
          file,
          pointer: `#/components/${section}/${escapePointer(name)}`,
          message: `two different ${section} are both named "${name.replace(/-\d+$/, "")}"; give one of them another key in specs/`,
        });
      }
    }
  }

  eachRef(doc, "#", (ref, at) => {
    if (!ref.startsWith("#/")) {
      problems.push({ file, pointer: at, message: `$ref "${ref}" points outside the bundle` });
    } else if (resolvePointer(doc, ref) === undefined) {
      problems.push({ file, pointer: at, message: `$ref "${ref}" does not resolve` });
    }
  });

  // Every component must be reachable from the paths (security schemes from `security`).
  const reached = new Set<string>();
  const queue: string[] = [];
  const outside: Document = { ...doc, components: null };
  eachRef(outside, "#", (ref) => queue.push(ref));
  while (queue.length > 0) {
    const ref = queue.pop() as string;
    if (reached.has(ref)) continue;
    reached.add(ref);
    const target = resolvePointer(doc, ref);
    if (target !== undefined) eachRef(target, ref, (next) => queue.push(next));
  }
  for (const section of Object.keys(components)) {
    if (section === "securitySchemes") continue;
    for (const name of Object.keys(components[section] ?? {})) {
      const pointer = `#/components/${section}/${escapePointer(name)}`;
      if (!reached.has(pointer)) problems.push({ file, pointer, message: "component is not used by any operation" });
    }
  }
  return problems;
}

/** Sorts each components section by name, sections in the specification's order. */
export function orderComponents(doc: Document): Document {
  const components = doc.components as { [section: string]: { [name: string]: Json } } | undefined;
  if (!components) return doc;
  const ordered: { [section: string]: { [name: string]: Json } } = {};
  for (const section of [
    ...SECTIONS,
    ...Object.keys(components).filter((s) => !(SECTIONS as readonly string[]).includes(s)),
  ]) {
    const entries = components[section];
    if (entries) ordered[section] = sortKeys(entries);
  }
  return { ...doc, components: ordered };
}

/**
 * Writes a bundle as YAML. Paths and operationIds are written quoted: they are
 * identifiers, and quoting keeps a path such as `/api/v2/{id}` from ever being
 * read as anything else by a careless parser.
 */
export function serializeBundle(doc: Document, header: string): string {
  const yaml = new YamlDocument(doc, { aliasDuplicateObjects: false });
  const paths = yaml.get("paths", true);
  if (isMap(paths)) {
    for (const pair of paths.items) if (isScalar(pair.key)) pair.key.type = Scalar.QUOTE_DOUBLE;
  }
  visit(yaml, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === "operationId" && isScalar(pair.value)) {
        pair.value.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return `${header}\n${yaml.toString({ lineWidth: 0 })}`;
}
