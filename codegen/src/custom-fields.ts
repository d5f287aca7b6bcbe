// `x-zenfetch-custom-fields`: the properties that carry an account's own field values (a ticket's
// `custom_fields`, a user's `user_fields`, an organization's `organization_fields`). Each one is checked here,
// and told whether requests, responses or both carry it; `types.ts` then types it from the app's field maps.
import { escapePointer } from "./bundle.js";
import type { Problem } from "./errors.js";
import { deref, HTTP_METHODS, hasType, isObject, type Json, type JsonObject } from "./json.js";

export const CUSTOM_FIELDS = "x-zenfetch-custom-fields";

/** The kinds of field map, as the app's type names them (`{ ticket: …, user: …, organization: … }`). */
export const FIELD_KINDS = ["ticket", "user", "organization"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Which way a property travels: in responses, in request bodies, or both. */
export type Direction = "read" | "write" | "both";

export interface CustomFieldSite {
  kind: FieldKind;
  direction: Direction;
}

const SCHEMAS = "#/components/schemas/";

/** `{ $ref: "#/components/schemas/X" }` → `X`. */
function schemaName(ref: Json | undefined): string | undefined {
  return typeof ref === "string" && ref.startsWith(SCHEMAS) && !ref.slice(SCHEMAS.length).includes("/")
    ? ref.slice(SCHEMAS.length).replaceAll("~1", "/").replaceAll("~0", "~")
    : undefined;
}

/** Every `$ref` in a tree, resolved through `components` sections other than schemas (a response, a body). */
function collectRefs(doc: JsonObject, node: Json | undefined, into: Set<string>, seen = new Set<Json>()): void {
  if (node === null || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(doc, item, into, seen);
    return;
  }
  const name = schemaName(node.$ref);
  if (name !== undefined) {
    into.add(name);
  } else if (typeof node.$ref === "string") {
    collectRefs(doc, deref(doc, node), into, seen);
  }
  for (const [key, value] of Object.entries(node)) if (key !== "$ref") collectRefs(doc, value, into, seen);
}

/** The component schemas reachable from some roots, following `$ref`s from schema to schema. */
function closure(doc: JsonObject, roots: Json[]): Set<string> {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const reached = new Set<string>();
  for (const root of roots) collectRefs(doc, root, reached);
  const queue = [...reached];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const found = new Set<string>();
    collectRefs(doc, schemas[name], found);
    for (const next of found) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

/** The operations of a document, each with its request body and responses. */
function operationsOf(doc: JsonObject): JsonObject[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  return Object.values(paths).flatMap((item) =>
    isObject(item)
      ? Object.entries(item).flatMap(([method, op]) => (HTTP_METHODS.includes(method) && isObject(op) ? [op] : []))
      : [],
  );
}

/** The schema a property holds once `$ref`s are followed, and a `oneOf`/`anyOf` with `null` is looked through. */
function shapeOf(doc: JsonObject, node: Json | undefined): JsonObject | undefined {
  const schema = deref(doc, node);
  if (!isObject(schema)) return undefined;
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const others = options.filter((option) => {
        const resolved = deref(doc, option);
        return !(isObject(resolved) && resolved.type === "null");
      });
      return others.length === 1 ? shapeOf(doc, others[0]) : undefined;
    }
  }
  return schema;
}

/** Why the property's schema cannot hold the kind's values, or undefined when it can. */
function shapeProblem(doc: JsonObject, kind: FieldKind, property: Json): string | undefined {
  const shape = shapeOf(doc, property);
  if (kind === "ticket") {
    const item = shape && hasType(shape, "array") ? shapeOf(doc, shape.items) : undefined;
    const props = item && isObject(item.properties) ? item.properties : undefined;
    return props && "id" in props && "value" in props
      ? undefined
      : "a `ticket` field list must be an array of `{ id, value }` objects (ticket fields are keyed by numeric id)";
  }
  return shape &&
    hasType(shape, "object") &&
    shape.additionalProperties !== undefined &&
    shape.additionalProperties !== false
    ? undefined
    : `a \`${kind}\` field map must be an object with additionalProperties (its fields are keyed by field key), or such an object or null`;
}

/**
 * Finds and checks every `x-zenfetch-custom-fields` of a bundle. It may only be one of `ticket`, `user`,
 * `organization`, on a property of an object schema whose shape fits the kind, and not inside another one.
 * Returns each site by the JSON pointer of its property, with the way the property travels: `read` when only
 * responses reach its schema, `write` when only request bodies do, `both` otherwise.
 */
export function collectCustomFieldSites(
  doc: JsonObject,
  file: string,
): { sites: Map<string, CustomFieldSite>; problems: Problem[] } {
  const problems: Problem[] = [];
  const found: { pointer: string; kind: FieldKind; owner: string | undefined; where: string[] }[] = [];

  const visit = (node: Json | undefined, path: string[], inside: boolean) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, String(i)], inside);
      return;
    }
    let marked = inside;
    if (CUSTOM_FIELDS in node) {
      const pointer = `#/${path.map(escapePointer).join("/")}`;
      const value = node[CUSTOM_FIELDS];
      const problem = (message: string) => problems.push({ file, pointer, message: `${CUSTOM_FIELDS}: ${message}` });
      const isProperty = path.length >= 2 && path[path.length - 2] === "properties";
      const inSchemas = path[0] === "components" && path[1] === "schemas";
      const inPaths = path[0] === "paths";
      if (typeof value !== "string" || !(FIELD_KINDS as readonly string[]).includes(value)) {
        problem(`must be one of ${FIELD_KINDS.join(", ")}; got ${JSON.stringify(value)}`);
      } else if (!isProperty || !(inSchemas || inPaths)) {
        problem(
          "may only be set on a property of an object schema (under `properties`), not on a whole schema, an array's items, a parameter or an operation",
        );
      } else if (inside) {
        problem("is inside another property that declares custom fields; declare it once, on the outer property");
      } else {
        const shape = shapeProblem(doc, value as FieldKind, node);
        if (shape) problem(shape);
        else found.push({ pointer, kind: value as FieldKind, owner: inSchemas ? path[2] : undefined, where: path });
      }
      marked = true;
    }
    for (const [key, child] of Object.entries(node)) visit(child, [...path, key], marked);
  };
  visit(doc, [], false);

  const ops = operationsOf(doc);
  const written = closure(
    doc,
    ops.map((op) => op.requestBody ?? null),
  );
  const read = closure(
    doc,
    ops.map((op) => op.responses ?? null),
  );
  const sites = new Map<string, CustomFieldSite>();
  for (const { pointer, kind, owner, where } of found) {
    let direction: Direction;
    if (owner !== undefined) {
      const r = read.has(owner);
      const w = written.has(owner);
      direction = r && !w ? "read" : w && !r ? "write" : "both";
    } else {
      direction = where.includes("requestBody") ? "write" : where.includes("responses") ? "read" : "both";
    }
    sites.set(pointer, { kind, direction });
  }
  return { sites, problems };
}
