/**
 * Reads a bundle's operations and decides how the generic store serves each one: a list, show, create, update or
 * delete of a collection of records (collections are named by their path: `/api/v2/widgets`, or
 * `/api/v2/widgets/{widget_id}/parts` for one widget's parts), or an action answered with an invented body.
 */
import type { Json, Operation, SpecValidator } from "../spec-validator.js";
import { type Deref, isObject, mainType, objectShape, singular } from "./schema.js";

export type GenericKind = "list" | "show" | "create" | "update" | "delete" | "action";

/** The list styles the generic store pages in, as `x-zenfetch-pagination.style` names them. */
export const PAGING_STYLES = [
  "cursor",
  "offset",
  "cursor-or-offset",
  "legacy-cursor",
  "search-export",
  "unpaginated",
] as const;
export type PagingStyle = (typeof PAGING_STYLES)[number];

export interface CollectionPlan {
  /** The collection's path pattern: `/api/v2/widgets`. */
  pattern: string;
  bundle: string;
  /** The schema of one record, for seeding. */
  itemSchema: Json;
  /** Numeric ids unless the record's (or the path parameter's) schema says string. */
  idType: "integer" | "string";
  idFormat?: string;
  /** A record's name, for invented names and titles: `Widget`. */
  noun: string;
  /** The property a response holds one record in, by Zendesk's habit: `widget`. */
  key: string;
}

export interface GenericRoute {
  kind: GenericKind;
  method: string;
  pattern: string;
  operation: Operation;
  /** The success status answered (201 for a create that declares it, else the first 2xx declared). */
  status: number;
  /** The JSON body schema declared for that status; none means an empty body. */
  schema?: Json;
  /** For list, show, create, update and delete: the collection the records live in. */
  collection?: CollectionPlan;
  /** The response property holding one record (show, create, update). */
  wrapper?: string;
  /** The response property holding a list's records. */
  items?: string;
  style?: PagingStyle;
  /** The record's schema as this operation answers it. */
  itemSchema?: Json;
  /** The request property holding the record written (create, update); none means the whole body. */
  requestWrapper?: string;
  /** The path parameter naming the record (show, update, delete). */
  idParam?: string;
  /** Parameters earlier in the path that name records of other generic collections (checked to exist). */
  parents: { index: number; collection: CollectionPlan }[];
}

export interface Skipped {
  bundle: string;
  method: string;
  path: string;
  reason: string;
}

export interface GenericPlan {
  routes: GenericRoute[];
  collections: CollectionPlan[];
  skipped: Skipped[];
}

const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/**
 * Plans the generic routes for the operations of `spec` that `served` says no hand-written route answers. An
 * operation described by two bundles is planned once, from the first.
 */
export function planGenericRoutes(
  spec: SpecValidator,
  served: (method: string, pattern: string) => boolean,
): GenericPlan {
  const routes: DraftRoute[] = [];
  const skipped: Skipped[] = [];
  const collections = new Map<string, CollectionPlan>();
  const planned = new Set<string>();
  const shape = (method: string, path: string) => `${method} ${path.replace(/\{[^}]+\}/g, "{}")}`;

  for (const operation of spec.operations) {
    const { method, path, bundle } = operation;
    if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method)) continue;
    if (served(method, path) || planned.has(shape(method, path))) continue;
    const style = operation.pagination?.style;
    if (style?.startsWith("incremental-")) {
      skipped.push({ bundle, method, path, reason: "incremental exports are hand-written routes" });
      continue;
    }
    if (style !== undefined && !(PAGING_STYLES as readonly string[]).includes(style)) {
      skipped.push({ bundle, method, path, reason: `unknown pagination style ${style}` });
      continue;
    }
    planned.add(shape(method, path));
    routes.push(classify(spec, operation));
  }

  // Collections: one per path pattern, described by the first route that shows a record of it.
  const deref: (bundle: string) => Deref = (bundle) => (schema) => spec.deref(bundle, schema);
  const order: GenericKind[] = ["list", "show", "create", "update", "delete"];
  for (const kind of order) {
    for (const route of routes) {
      if (route.kind !== kind || !route.collectionPattern) continue;
      if (collections.has(route.collectionPattern)) continue;
      if (!route.itemSchema) continue;
      collections.set(
        route.collectionPattern,
        collectionPlan(route, route.collectionPattern, route.itemSchema, deref(route.operation.bundle)),
      );
    }
  }
  const finished: GenericRoute[] = [];
  for (const { collectionPattern, ...route } of routes) {
    const collection = collectionPattern ? collections.get(collectionPattern) : undefined;
    if (collectionPattern && !collection) {
      // A delete with nothing that describes the records: nothing to keep, so answer as an action.
      finished.push({ ...route, kind: "action", parents: [] });
      continue;
    }
    finished.push({ ...route, collection });
  }
  for (const route of finished) route.parents = parentsOf(route, collections);
  return { routes: finished, collections: [...collections.values()], skipped };
}

type DraftRoute = GenericRoute & { collectionPattern?: string };

function classify(spec: SpecValidator, operation: Operation): DraftRoute {
  const { method, path, bundle } = operation;
  const deref: Deref = (schema) => spec.deref(bundle, schema);
  const segments = path.split("/");
  const last = segments[segments.length - 1] ?? "";
  const itemPath = isParam(last);
  const collectionPattern = itemPath ? segments.slice(0, -1).join("/") : path;
  const collectionName = lastLiteral(collectionPattern);
  const status = successStatus(operation, method === "POST" && !itemPath);
  const schema = status === undefined ? undefined : spec.responseSchema(operation, status).schema;
  const base: DraftRoute = {
    kind: "action",
    method,
    pattern: path,
    operation,
    status: status ?? (method === "DELETE" ? 204 : 200),
    schema,
    parents: [],
  };
  const response = objectShape(schema, deref);

  if (method === "GET" && (operation.pagination || !itemPath)) {
    const items = operation.pagination?.items ?? listProperty(response, collectionName, deref);
    const itemSchema = items ? (deref(response?.properties[items] ?? {}).items as Json | undefined) : undefined;
    if (items && itemSchema && (operation.pagination || mainType(itemSchema, deref) === "object")) {
      const style = (operation.pagination?.style ?? "unpaginated") as PagingStyle;
      return { ...base, kind: "list", items, itemSchema, style, collectionPattern: path };
    }
    return base;
  }

  const noun = singular(collectionName);
  const wrapper = recordProperty(response, noun, deref);
  const itemSchema = wrapper ? response?.properties[wrapper] : undefined;
  const idParam = itemPath ? last.slice(1, -1) : undefined;
  if (method === "GET" && itemPath && wrapper) {
    return { ...base, kind: "show", wrapper, itemSchema, idParam, collectionPattern };
  }
  if ((method === "PUT" || method === "PATCH") && itemPath && (wrapper || !schema)) {
    const requestWrapper = requestProperty(spec, operation, wrapper ?? noun, itemSchema, deref);
    return { ...base, kind: "update", wrapper, itemSchema, idParam, requestWrapper, collectionPattern };
  }
  if (method === "DELETE" && itemPath) {
    return { ...base, kind: "delete", wrapper, itemSchema, idParam, collectionPattern };
  }
  if (method === "POST" && !itemPath && wrapper) {
    const requestSchema = spec.requestSchema(operation);
    const requestWrapper = requestProperty(spec, operation, wrapper, itemSchema, deref);
    if (requestWrapper || !requestSchema || isBareRecord(requestSchema, itemSchema, deref)) {
      return { ...base, kind: "create", wrapper, itemSchema, requestWrapper, collectionPattern };
    }
  }
  return base;
}

/** The status a route answers with on success. */
function successStatus(operation: Operation, creates: boolean): number | undefined {
  const statuses = Object.keys(operation.responses)
    .filter((status) => /^2\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);
  if (creates && statuses.includes(201)) return 201;
  return statuses[0];
}

/** The one array-of-objects property of a response (or the one named after the collection). */
function listProperty(response: ReturnType<typeof objectShape>, name: string, deref: Deref): string | undefined {
  if (!response) return undefined;
  const arrays = Object.entries(response.properties)
    .filter(([, schema]) => mainType(schema, deref) === "array")
    .map(([property]) => property);
  if (arrays.includes(name)) return name;
  return arrays.length === 1 ? arrays[0] : undefined;
}

/** The response property holding one record: the one named after the collection, else the only object property. */
function recordProperty(response: ReturnType<typeof objectShape>, noun: string, deref: Deref): string | undefined {
  if (!response) return undefined;
  const objects = Object.entries(response.properties)
    .filter(([, schema]) => mainType(schema, deref) === "object" && !isMap(schema, deref))
    .map(([property]) => property);
  if (objects.includes(noun)) return noun;
  return objects.length === 1 ? objects[0] : undefined;
}

/** A map keyed by data (`additionalProperties` only) is not a record. */
function isMap(schema: Json, deref: Deref): boolean {
  const resolved = deref(schema);
  return !resolved.properties && !resolved.allOf && isObject(resolved.additionalProperties);
}

/**
 * The request property holding the record: `name` when the request declares it; none when the request is the bare
 * record (its properties are the record's); else the request's only object property.
 */
function requestProperty(
  spec: SpecValidator,
  operation: Operation,
  name: string,
  itemSchema: Json | undefined,
  deref: Deref,
): string | undefined {
  const schema = spec.requestSchema(operation);
  const request = objectShape(schema, deref);
  if (!request) return undefined;
  if (request.properties[name]) return name;
  if (isBareRecord(schema, itemSchema, deref)) return undefined;
  const objects = Object.entries(request.properties)
    .filter(([, property]) => mainType(property, deref) === "object" && !isMap(property, deref))
    .map(([property]) => property);
  return objects.length === 1 ? objects[0] : undefined;
}

/** A request body that is the record itself, unwrapped: every property it declares is one of the record's. */
function isBareRecord(requestSchema: Json | undefined, itemSchema: Json | undefined, deref: Deref): boolean {
  const names = Object.keys(objectShape(requestSchema, deref)?.properties ?? {});
  const record = objectShape(itemSchema, deref)?.properties ?? {};
  return names.length > 0 && names.every((name) => name in record);
}

function collectionPlan(route: DraftRoute, pattern: string, itemSchema: Json, deref: Deref): CollectionPlan {
  const idSchema = objectShape(itemSchema, deref)?.properties.id;
  let idType = idSchema ? mainType(idSchema, deref) : undefined;
  let idFormat = idSchema ? (deref(idSchema).format as string | undefined) : undefined;
  if (!idType && route.idParam) {
    const parameter = route.operation.parameters.find((item) => item.in === "path" && item.name === route.idParam);
    const schema = parameter?.schema as Json | undefined;
    idType = schema ? mainType(schema, deref) : undefined;
    idFormat = schema ? (deref(schema).format as string | undefined) : undefined;
  }
  const noun = singular(lastLiteral(pattern));
  return {
    pattern,
    bundle: route.operation.bundle,
    itemSchema,
    idType: idType === "string" ? "string" : "integer",
    idFormat: idType === "string" ? idFormat : undefined,
    noun: noun.charAt(0).toUpperCase() + noun.slice(1).replace(/_/g, " "),
    key: noun,
  };
}

function lastLiteral(pattern: string): string {
  const literals = pattern.split("/").filter((segment) => segment !== "" && !isParam(segment));
  return literals[literals.length - 1] ?? "record";
}

/** Path parameters that name a record of another generic collection: `{widget_id}` in `/widgets/{widget_id}/parts`. */
function parentsOf(route: GenericRoute, collections: Map<string, CollectionPlan>): GenericRoute["parents"] {
  const segments = route.pattern.split("/");
  const parents: GenericRoute["parents"] = [];
  const ownId = route.idParam ? segments.length - 1 : -1;
  segments.forEach((segment, index) => {
    if (!isParam(segment) || index === ownId) return;
    const collection = collections.get(segments.slice(0, index).join("/"));
    if (collection) parents.push({ index, collection });
  });
  return parents;
}
