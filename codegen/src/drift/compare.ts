/**
 * Compares Zendesk's published OpenAPI document with our bundles. Pure: documents in, changes out.
 *
 * Direction: our bundle is what the clients ship today, Zendesk's document is what they would become if we
 * followed it. Each change carries the semver level it implies for the package that holds the operation.
 */
import { resolvePointer } from "../bundle.js";
import { HTTP_METHODS, type Json } from "../json.js";
import type { OpenApiDocument } from "./load.js";

/**
 * The semver level a change implies for the package. Nothing is reported at patch level: differences in
 * descriptions, summaries and examples are ignored, since our specs describe the API in our own words.
 */
export type Level = "major" | "minor";

export type ChangeKind =
  | "operation-added"
  | "operation-removed"
  | "parameter-added"
  | "parameter-removed"
  | "parameter-required"
  | "request-body-added"
  | "request-body-removed"
  | "request-body-required"
  | "response-body-added"
  | "response-body-removed"
  | "property-added"
  | "property-removed"
  | "property-required"
  | "type-changed"
  | "type-widened"
  | "nullable"
  | "enum-value-added"
  | "enum-value-removed";

export interface Change {
  /** The package name, `@zenfetch/tickets`. */
  package: string;
  /** `GET /api/v2/tickets/{ticket_id}`, with our path parameter names when we have the operation. */
  operation: string;
  operationId?: string;
  /** Where in the operation: `parameters/query/sort_by`, `requestBody/ticket/subject`, `responses/200/ticket/via`. */
  location: string;
  kind: ChangeKind;
  level: Level;
  message: string;
}

export interface UncoveredOperation {
  operation: string;
  operationId?: string;
  tags: string[];
}

/** One of our bundles and the package it belongs to. */
export interface OurBundle {
  /** The API's name in redocly.yaml (`tickets`, `job-statuses`). */
  api: string;
  package: string;
  document: OpenApiDocument;
}

export interface DriftResult {
  changes: Change[];
  uncovered: UncoveredOperation[];
  /** Every package compared, drift or not, in bundle order. */
  packages: string[];
  /** Operations found on both sides, counted once each. */
  matched: number;
  /** Operations in our bundles, counted once each. */
  ours: number;
  /** Operations in Zendesk's document. */
  upstream: number;
}

export const LEVELS: readonly Level[] = ["minor", "major"];
export const highest = (levels: Iterable<Level>): Level | undefined => {
  let top: Level | undefined;
  for (const level of levels) if (!top || LEVELS.indexOf(level) > LEVELS.indexOf(top)) top = level;
  return top;
};

const DEVIATION = "x-zenfetch-deviation";

/** `/api/v2/tickets/{ticket_id}` and `/api/v2/tickets/{id}` are one path. */
export const pathKey = (route: string) => route.replace(/\{[^}]*\}/g, "{}");
const operationKey = (method: string, route: string) => `${method.toUpperCase()} ${pathKey(route)}`;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);
const marked = (value: unknown) => isNode(value) && DEVIATION in value;

// ---------------------------------------------------------------------------------------------------------------
// One model for both documents: OpenAPI 3.0 (`nullable`) and 3.1 (`type: [..., "null"]`), $ref resolved,
// allOf merged, oneOf/anyOf flattened into what any variant may hold.

interface Shape {
  /** JSON types, `null` included; undefined when the schema says nothing about the type. */
  types?: Set<string>;
  properties: Map<string, Shape>;
  required: Set<string>;
  enum?: unknown[];
  items?: Shape;
  additional?: Shape | true;
  /** A variant union of ours: one of several shapes, so a property missing from some is not missing. */
  union: boolean;
  deviation: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  /** A $ref back into itself: comparison stops here. */
  cycle: boolean;
}

const emptyShape = (): Shape => ({
  properties: new Map(),
  required: new Set(),
  union: false,
  deviation: false,
  readOnly: false,
  writeOnly: false,
  cycle: false,
});

class Resolver {
  private readonly memo = new Map<string, Shape>();
  constructor(private readonly document: OpenApiDocument) {}

  lookup(ref: string): unknown {
    return ref.startsWith("#/") ? resolvePointer(this.document as unknown as Json, decodeURIComponent(ref)) : undefined;
  }

  /** A parameter, request body or response, through its $ref. */
  deref(value: unknown): Node | undefined {
    let node = value;
    const seen = new Set<string>();
    while (isNode(node) && typeof node.$ref === "string") {
      if (seen.has(node.$ref)) return undefined;
      seen.add(node.$ref);
      const target = this.lookup(node.$ref);
      if (!isNode(target)) return undefined;
      node = marked(node) ? { ...target, [DEVIATION]: node[DEVIATION] } : target;
    }
    return isNode(node) ? node : undefined;
  }

  shape(schema: unknown, stack: string[] = []): Shape {
    if (!isNode(schema)) return emptyShape();
    const deviation = marked(schema);
    if (typeof schema.$ref === "string") {
      const ref = schema.$ref;
      let resolved: Shape;
      if (stack.includes(ref)) {
        resolved = { ...emptyShape(), cycle: true };
      } else {
        resolved = this.memo.get(ref) ?? this.shape(this.lookup(ref), [...stack, ref]);
        this.memo.set(ref, resolved);
      }
      const { $ref: _ref, ...siblings } = schema;
      const rest = Object.keys(siblings).filter((key) => !key.startsWith("x-") && key !== "description");
      const merged = rest.length > 0 ? mergeAll([resolved, this.shape(siblings, stack)]) : resolved;
      return deviation ? { ...merged, deviation: true } : merged;
    }
    const own = this.plain(schema, stack);
    const parts = [own];
    if (Array.isArray(schema.allOf)) parts.push(...schema.allOf.map((part) => this.shape(part, stack)));
    let result = parts.length > 1 ? mergeAll(parts) : own;
    const variants = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
    if (variants) result = mergeAll([result, flatten(variants.map((variant) => this.shape(variant, stack)))]);
    return { ...result, deviation: deviation || result.deviation };
  }

  private plain(schema: Node, stack: string[]): Shape {
    const shape = emptyShape();
    const type = schema.type;
    if (typeof type === "string") shape.types = new Set([type]);
    else if (Array.isArray(type)) shape.types = new Set(type.map(String));
    if (schema.nullable === true) shape.types = new Set([...(shape.types ?? []), "null"]);
    if ("const" in schema) shape.enum = [schema.const];
    else if (Array.isArray(schema.enum)) shape.enum = schema.enum;
    if (shape.enum?.includes(null) && shape.types) shape.types.add("null");
    if (isNode(schema.properties)) {
      for (const [name, value] of Object.entries(schema.properties))
        shape.properties.set(name, this.shape(value, stack));
    }
    if (Array.isArray(schema.required)) for (const name of schema.required) shape.required.add(String(name));
    if (schema.items !== undefined) shape.items = this.shape(schema.items, stack);
    if (schema.additionalProperties === true) shape.additional = true;
    else if (isNode(schema.additionalProperties)) shape.additional = this.shape(schema.additionalProperties, stack);
    if (!shape.types && shape.properties.size > 0) shape.types = new Set(["object"]);
    if (!shape.types && shape.items) shape.types = new Set(["array"]);
    shape.readOnly = schema.readOnly === true;
    shape.writeOnly = schema.writeOnly === true;
    return shape;
  }
}

/** allOf: every part holds. */
function mergeAll(parts: Shape[]): Shape {
  const out = emptyShape();
  for (const part of parts) {
    if (part.types) out.types = out.types ? intersect(out.types, part.types) : new Set(part.types);
    for (const [name, value] of part.properties) {
      const withMark = part.deviation && !value.deviation ? { ...value, deviation: true } : value;
      const existing = out.properties.get(name);
      out.properties.set(name, existing ? mergeAll([existing, withMark]) : withMark);
    }
    for (const name of part.required) out.required.add(name);
    if (part.enum) out.enum = out.enum ? out.enum.filter((value) => part.enum?.includes(value)) : part.enum;
    if (part.items) out.items = out.items ? mergeAll([out.items, part.items]) : part.items;
    if (part.additional) out.additional = part.additional;
    out.union ||= part.union;
    out.readOnly ||= part.readOnly;
    out.writeOnly ||= part.writeOnly;
    out.cycle ||= part.cycle;
  }
  out.deviation = parts.some((part) => part.deviation && part.properties.size === 0);
  return out;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set([...a].filter((type) => b.has(type)));
  // integer is a number: allOf of the two is an integer.
  if (out.size === 0 && a.has("integer") && b.has("number")) out.add("integer");
  if (out.size === 0 && b.has("integer") && a.has("number")) out.add("integer");
  return out.size > 0 ? out : new Set([...a, ...b]);
}

/** oneOf/anyOf: what any variant may hold. */
function flatten(variants: Shape[]): Shape {
  const out = emptyShape();
  out.union = true;
  let anyType = false;
  const types = new Set<string>();
  for (const variant of variants) {
    if (variant.types) for (const type of variant.types) types.add(type);
    else anyType = true;
    for (const [name, value] of variant.properties) if (!out.properties.has(name)) out.properties.set(name, value);
    if (variant.enum) out.enum = [...(out.enum ?? []), ...variant.enum];
    else if (variant.types?.has("string")) out.enum = undefined;
    if (variant.items) out.items = out.items ?? variant.items;
    if (variant.additional) out.additional = variant.additional;
    out.cycle ||= variant.cycle;
  }
  if (!anyType && types.size > 0) out.types = types;
  const [first, ...rest] = variants;
  if (first) for (const name of first.required) if (rest.every((v) => v.required.has(name))) out.required.add(name);
  // A string variant without enum makes the union's values open.
  if (variants.some((v) => !v.enum && (v.types === undefined || v.types.has("string")))) out.enum = undefined;
  out.deviation = variants.length > 0 && variants.every((variant) => variant.deviation);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface OperationRef {
  method: string;
  route: string;
  node: Node;
  pathItem: Node;
}

function operationsOf(document: OpenApiDocument): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>();
  for (const [route, pathItem] of Object.entries(document.paths ?? {})) {
    if (!isNode(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const node = pathItem[method];
      if (isNode(node)) out.set(operationKey(method, route), { method, route, node, pathItem });
    }
  }
  return out;
}

const operationLabel = (op: OperationRef) => `${op.method.toUpperCase()} ${op.route}`;
const tagsOf = (op: OperationRef) => (Array.isArray(op.node.tags) ? op.node.tags.map(String) : []);

/**
 * Compares Zendesk's document (`upstream`) with our bundles. An operation Zendesk documents that no bundle has is
 * uncovered, unless a package owns its first tag (covers at least half of that tag's operations in Zendesk's
 * document, or the same path with another method): then it is an operation added to that package.
 */
export function compareDocuments(upstream: OpenApiDocument, bundles: OurBundle[]): DriftResult {
  const theirs = operationsOf(upstream);
  const theirResolver = new Resolver(upstream);
  const changes: Change[] = [];
  const packages = [...new Set(bundles.map((bundle) => bundle.package))];

  // Which of our packages hold each operation (the incremental ticket exports are in two bundles).
  const holders = new Map<string, { bundle: OurBundle; op: OperationRef; resolver: Resolver }[]>();
  const pathsOf = new Map<string, Set<string>>();
  for (const bundle of bundles) {
    const resolver = new Resolver(bundle.document);
    for (const [key, op] of operationsOf(bundle.document)) {
      const list = holders.get(key) ?? [];
      if (!list.some((entry) => entry.bundle.package === bundle.package)) list.push({ bundle, op, resolver });
      holders.set(key, list);
      const paths = pathsOf.get(bundle.package) ?? new Set();
      paths.add(pathKey(op.route));
      pathsOf.set(bundle.package, paths);
    }
  }

  let matched = 0;
  for (const [key, entries] of holders) {
    const their = theirs.get(key);
    for (const { bundle, op, resolver } of entries) {
      const base = {
        package: bundle.package,
        operation: operationLabel(op),
        ...(typeof op.node.operationId === "string" ? { operationId: op.node.operationId } : {}),
      };
      if (!their) {
        if (!marked(op.node) && !marked(op.pathItem)) {
          changes.push({
            ...base,
            location: "",
            kind: "operation-removed",
            level: "major",
            message: "Zendesk's document no longer has this operation.",
          });
        }
        continue;
      }
      const add = (location: string, kind: ChangeKind, level: Level, message: string) =>
        changes.push({ ...base, location, kind, level, message });
      compareOperation({ op, resolver }, { op: their, resolver: theirResolver }, add);
    }
    if (their) matched++;
  }

  // Operations only Zendesk has: added to a package that owns the area, otherwise not covered yet.
  const tagTotals = new Map<string, number>();
  const tagCovered = new Map<string, Map<string, number>>();
  for (const [key, op] of theirs) {
    for (const tag of tagsOf(op)) {
      tagTotals.set(tag, (tagTotals.get(tag) ?? 0) + 1);
      for (const { bundle } of holders.get(key) ?? []) {
        const byPackage = tagCovered.get(tag) ?? new Map<string, number>();
        byPackage.set(bundle.package, (byPackage.get(bundle.package) ?? 0) + 1);
        tagCovered.set(tag, byPackage);
      }
    }
  }
  const owner = (op: OperationRef): { pkg: string; reason: string } | undefined => {
    for (const [pkg, paths] of pathsOf) if (paths.has(pathKey(op.route))) return { pkg, reason: "the same path" };
    const tag = tagsOf(op)[0];
    if (tag === undefined) return undefined;
    const total = tagTotals.get(tag) ?? 0;
    for (const [pkg, count] of tagCovered.get(tag) ?? []) {
      if (count * 2 >= total) return { pkg, reason: `${count} of the ${total} operations tagged ${tag}` };
    }
    return undefined;
  };
  const uncovered: UncoveredOperation[] = [];
  for (const [key, op] of theirs) {
    if (holders.has(key)) continue;
    const operationId = typeof op.node.operationId === "string" ? op.node.operationId : undefined;
    const owned = owner(op);
    if (owned) {
      const { pkg, reason } = owned;
      changes.push({
        package: pkg,
        operation: operationLabel(op),
        ...(operationId ? { operationId } : {}),
        location: "",
        kind: "operation-added",
        level: "minor",
        message: `Zendesk documents this operation${operationId ? ` (${operationId})` : ""} beside ones this package has (${reason}); add it to the package's spec.`,
      });
    } else {
      uncovered.push({ operation: operationLabel(op), ...(operationId ? { operationId } : {}), tags: tagsOf(op) });
    }
  }

  return { changes, uncovered, packages, matched, ours: holders.size, upstream: theirs.size };
}

type Add = (location: string, kind: ChangeKind, level: Level, message: string) => void;
interface Side {
  op: OperationRef;
  resolver: Resolver;
}

function compareOperation(ours: Side, theirs: Side, add: Add): void {
  // A mark on the operation says it departs from Zendesk's description on purpose: nothing in it is reported.
  // Marks on a parameter, a body, a response or a property are narrower and leave the rest compared.
  if (marked(ours.op.node) || marked(ours.op.pathItem)) return;
  compareParameters(ours, theirs, add);
  compareRequestBody(ours, theirs, add);
  compareResponses(ours, theirs, add);
}

interface Parameter {
  key: string;
  label: string;
  node: Node;
}

function parametersOf(side: Side): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  const pathNames = [...side.op.route.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  const all = [
    ...(Array.isArray(side.op.pathItem.parameters) ? side.op.pathItem.parameters : []),
    ...(Array.isArray(side.op.node.parameters) ? side.op.node.parameters : []),
  ];
  for (const raw of all) {
    const node = side.resolver.deref(raw);
    if (!node || typeof node.name !== "string" || typeof node.in !== "string") continue;
    if (node.in === "path") {
      const index = pathNames.indexOf(node.name);
      // A path parameter the path has no place for is not a parameter of this operation.
      if (index < 0) continue;
      out.set(`path:${index}`, { key: `path:${index}`, label: `parameters/path/${node.name}`, node });
    } else {
      const name = node.in === "header" ? node.name.toLowerCase() : node.name;
      out.set(`${node.in}:${name}`, { key: `${node.in}:${name}`, label: `parameters/${node.in}/${node.name}`, node });
    }
  }
  return out;
}

function compareParameters(ours: Side, theirs: Side, add: Add): void {
  const mine = parametersOf(ours);
  const their = parametersOf(theirs);
  for (const [key, parameter] of their) {
    const own = mine.get(key);
    if (!own) {
      const required = parameter.node.required === true;
      add(
        parameter.label,
        "parameter-added",
        required ? "major" : "minor",
        required
          ? "Zendesk's document has this parameter and requires it; we do not declare it."
          : "Zendesk's document has this optional parameter; we do not declare it.",
      );
      continue;
    }
    if (marked(own.node)) continue;
    if (parameter.node.required === true && own.node.required !== true) {
      add(
        own.label,
        "parameter-required",
        "major",
        "Zendesk's document requires this parameter; ours leaves it optional.",
      );
    }
    compareSchema(ours.resolver.shape(own.node.schema), theirs.resolver.shape(parameter.node.schema), own.label, {
      direction: "request",
      add,
    });
  }
  for (const [key, parameter] of mine) {
    if (their.has(key) || marked(parameter.node)) continue;
    add(
      parameter.label,
      "parameter-removed",
      "major",
      "Zendesk's document does not have this parameter; remove it, or mark why we keep it.",
    );
  }
}

/** The JSON schema of a request body or response: `application/json` first, else the first media type. */
function bodySchema(holder: Node | undefined): { schema?: unknown; marked: boolean } {
  if (!holder) return { marked: false };
  const content = isNode(holder.content) ? holder.content : undefined;
  if (!content) return { marked: marked(holder) };
  const media =
    (content["application/json"] as Node | undefined) ??
    (Object.entries(content).find(([type]) => /json/.test(type))?.[1] as Node | undefined) ??
    (Object.values(content)[0] as Node | undefined);
  if (!isNode(media) || media.schema === undefined) return { marked: marked(holder) || marked(media) };
  return { schema: media.schema, marked: marked(holder) || marked(media) };
}

function compareRequestBody(ours: Side, theirs: Side, add: Add): void {
  const own = ours.resolver.deref(ours.op.node.requestBody);
  const their = theirs.resolver.deref(theirs.op.node.requestBody);
  const mine = bodySchema(own);
  const other = bodySchema(their);
  if (mine.marked) return;
  if (other.schema !== undefined && mine.schema === undefined) {
    const required = their?.required === true;
    add(
      "requestBody",
      "request-body-added",
      required ? "major" : "minor",
      `Zendesk's document declares a${required ? " required" : "n optional"} request body; we declare none.`,
    );
    return;
  }
  if (other.schema === undefined && mine.schema !== undefined) {
    add(
      "requestBody",
      "request-body-removed",
      "major",
      "Zendesk's document declares no request body; ours has one. Mark why, or remove it.",
    );
    return;
  }
  if (mine.schema === undefined) return;
  if (their?.required === true && own?.required !== true) {
    add("requestBody", "request-body-required", "major", "Zendesk's document requires the request body.");
  }
  compareSchema(ours.resolver.shape(mine.schema), theirs.resolver.shape(other.schema), "requestBody", {
    direction: "request",
    add,
  });
}

function compareResponses(ours: Side, theirs: Side, add: Add): void {
  const mine = isNode(ours.op.node.responses) ? ours.op.node.responses : {};
  const their = isNode(theirs.op.node.responses) ? theirs.op.node.responses : {};
  const ourSuccess = Object.keys(mine)
    .filter((code) => /^2/.test(code))
    .sort();
  for (const code of Object.keys(their).filter((c) => /^2/.test(c))) {
    // Zendesk's 201 where we say 200 (or the reverse) is compared with our success answer.
    const ownCode = code in mine ? code : ourSuccess[0];
    if (ownCode === undefined) continue;
    const own = bodySchema(ours.resolver.deref(mine[ownCode]));
    const other = bodySchema(theirs.resolver.deref(their[code]));
    const location = `responses/${ownCode}`;
    if (own.marked) continue;
    if (other.schema !== undefined && own.schema === undefined) {
      add(
        location,
        "response-body-added",
        "minor",
        `Zendesk's document gives the ${code} answer a body; ours has none.`,
      );
      continue;
    }
    if (other.schema === undefined && own.schema !== undefined) {
      add(
        location,
        "response-body-removed",
        "major",
        `Zendesk's document gives the ${code} answer no body; ours has one.`,
      );
      continue;
    }
    if (own.schema === undefined) continue;
    compareSchema(ours.resolver.shape(own.schema), theirs.resolver.shape(other.schema), location, {
      direction: "response",
      add,
    });
  }
}

type Direction = "request" | "response";

const typeList = (types: Set<string>) => [...types].sort().join(" | ");
const withoutNull = (types: Set<string> | undefined) =>
  types ? new Set([...types].filter((type) => type !== "null")) : undefined;

/**
 * Types Zendesk gives that ours does not hold. An integer is a number; and where Zendesk says number and we say
 * integer, ours is the more precise (Zendesk's document says number for counts and ids alike): not drift.
 */
function missingTypes(ours: Set<string>, theirs: Set<string>): string[] {
  return [...theirs].filter(
    (type) =>
      !ours.has(type) && !(type === "integer" && ours.has("number")) && !(type === "number" && ours.has("integer")),
  );
}

interface Walk {
  direction: Direction;
  add: Add;
}

function compareSchema(ours: Shape, theirs: Shape, location: string, walk: Walk, depth = 0): void {
  const { direction, add } = walk;
  if (ours.deviation || ours.cycle || theirs.cycle || depth > 40) return;
  const ourTypes = withoutNull(ours.types);
  const theirTypes = withoutNull(theirs.types);

  if (ourTypes && theirTypes && ourTypes.size > 0 && theirTypes.size > 0) {
    const extra = missingTypes(ourTypes, theirTypes);
    // number where we say integer: ours is the more precise; not drift.
    const shared = [...theirTypes].filter(
      (type) =>
        ourTypes.has(type) ||
        (type === "number" && ourTypes.has("integer")) ||
        (type === "integer" && ourTypes.has("number")),
    );
    if (shared.length === 0) {
      add(
        location,
        "type-changed",
        "major",
        `Zendesk's document says ${typeList(theirTypes)}; ours says ${typeList(ourTypes)}.`,
      );
      return;
    }
    if (extra.length > 0) {
      add(
        location,
        "type-widened",
        direction === "response" ? "major" : "minor",
        direction === "response"
          ? `Zendesk's document says it may also be ${extra.join(" or ")}; ours says only ${typeList(ourTypes)}.`
          : `Zendesk's document also accepts ${extra.join(" or ")}; ours takes only ${typeList(ourTypes)}.`,
      );
    }
  }

  if (theirs.types?.has("null") && ours.types && !ours.types.has("null") && !ours.union) {
    add(
      location,
      "nullable",
      direction === "response" ? "major" : "minor",
      direction === "response"
        ? "Zendesk's document says it may be null; ours does not allow null."
        : "Zendesk's document accepts null here; ours does not.",
    );
  }

  if (ours.enum && theirs.enum) {
    const added = theirs.enum.filter((value) => value !== null && !ours.enum?.includes(value));
    const removed = ours.enum.filter((value) => value !== null && !theirs.enum?.includes(value));
    if (added.length > 0) {
      add(
        location,
        "enum-value-added",
        "minor",
        `Zendesk's document adds ${plural(added.length, "value")} ${added.map((v) => JSON.stringify(v)).join(", ")}.`,
      );
    }
    if (removed.length > 0) {
      add(
        location,
        "enum-value-removed",
        "major",
        `Zendesk's document no longer lists ${removed.map((v) => JSON.stringify(v)).join(", ")}.`,
      );
    }
  }

  if (theirs.properties.size > 0 && ours.properties.size > 0) {
    for (const [name, their] of theirs.properties) {
      if (direction === "request" && their.readOnly) continue;
      if (direction === "response" && their.writeOnly) continue;
      const own = ours.properties.get(name);
      const at = `${location}/${name}`;
      if (!own) {
        const required = direction === "request" && theirs.required.has(name);
        add(
          at,
          "property-added",
          required ? "major" : "minor",
          required
            ? "Zendesk's document requires this property in the request; we do not declare it."
            : "Zendesk's document has this property; we do not declare it.",
        );
        continue;
      }
      if (own.deviation) continue;
      if (direction === "request" && theirs.required.has(name) && !ours.required.has(name) && !ours.union) {
        add(
          at,
          "property-required",
          "major",
          "Zendesk's document requires this property in the request; ours leaves it optional.",
        );
      }
      compareSchema(own, their, at, walk, depth + 1);
    }
    for (const [name, own] of ours.properties) {
      // Our variants (a oneOf where Zendesk has one object) add their own properties: a refinement.
      if (theirs.properties.has(name) || own.deviation || theirs.additional || theirs.union || ours.union) continue;
      if (direction === "request" && own.readOnly) continue;
      add(
        `${location}/${name}`,
        "property-removed",
        "major",
        "Zendesk's document does not have this property; remove it, or mark why we keep it.",
      );
    }
  }

  if (ours.items && theirs.items) compareSchema(ours.items, theirs.items, `${location}/[]`, walk, depth + 1);
  if (ours.additional && ours.additional !== true && theirs.additional && theirs.additional !== true) {
    compareSchema(ours.additional, theirs.additional, `${location}/{}`, walk, depth + 1);
  }
}

const plural = (count: number, word: string) => (count === 1 ? word : `${word}s`);
