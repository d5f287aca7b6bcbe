import { CLIENT_NAMES } from "../../packages/core/src/client/client-names.js";
// `x-zenfetch-bulk`: which operations queue a background job over a list of items, and how the runtime's bulk
// engine builds their requests and matches the job's results to the items. Each declaration is checked against
// the operation it sits on, so that a helper generated from it sends what the endpoint takes.
import type { Document } from "./bundle.js";
import { deref, hasType, isObject, type Json, type JsonObject, successSchema } from "./json.js";

export const BULK_MATCHES = ["index", "id", "external_id", "name"] as const;
export type BulkMatch = (typeof BULK_MATCHES)[number];
const ID_TYPES = ["integer", "string"] as const;

/** What the runtime reads; see `BulkMeta` in core's meta/operation-meta.ts. */
export interface BulkMeta {
  helper: string;
  items?: string[];
  action?: string[];
  ids?: string;
  shared?: string[];
  batch: number;
  match: BulkMatch | Record<string, BulkMatch>;
  idType: (typeof ID_TYPES)[number];
}

/** Names a helper cannot take: they are the client's own. */
const RESERVED = new Set(CLIENT_NAMES);
const FIELDS = new Set(["helper", "items", "action", "ids", "shared", "batch", "match", "idType"]);

/** Every object variant a schema may be, through refs and allOf/oneOf/anyOf (allOf parts count as variants too). */
function variants(doc: Document, schema: Json | undefined, out: JsonObject[] = []): JsonObject[] {
  const resolved = deref(doc, schema);
  if (!isObject(resolved)) return out;
  if (isObject(resolved.properties)) out.push(resolved);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) variants(doc, part, out);
  }
  return out;
}

/** The schemas found at a dotted property path of `schema`, one per variant that has it. */
function schemasAt(doc: Document, schema: Json | undefined, path: string[]): Json[] {
  let current: Json[] = [schema ?? null];
  for (const key of path) {
    current = current.flatMap((node) =>
      variants(doc, node).flatMap((variant) => {
        const property = (variant.properties as JsonObject)[key];
        return property === undefined ? [] : [property];
      }),
    );
  }
  return current.map((node) => deref(doc, node) ?? null);
}

function requestBodySchema(doc: Document, operation: JsonObject): Json | undefined {
  const body = deref(doc, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const json = body.content["application/json"];
  return isObject(json) ? json.schema : undefined;
}

/** A success body `{ job_status: { id, status, results } }`, as every job-creating endpoint answers. */
function answersWithJobStatus(doc: Document, operation: JsonObject): boolean {
  const jobs = schemasAt(doc, successSchema(doc, operation), ["job_status"]);
  return (
    jobs.length > 0 &&
    jobs.every((job) =>
      ["id", "status", "results"].every((key) => variants(doc, job).some((v) => key in (v.properties as JsonObject))),
    )
  );
}

function queryParameter(doc: Document, name: string, lists: Json[]): boolean {
  return lists.some(
    (list) =>
      Array.isArray(list) &&
      list.some((parameter) => {
        const resolved = deref(doc, parameter);
        return isObject(resolved) && resolved.in === "query" && resolved.name === name;
      }),
  );
}

const dotted = (value: Json | undefined): string[] | undefined =>
  typeof value === "string" && /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(value) ? value.split(".") : undefined;

/**
 * Reads one operation's `x-zenfetch-bulk` (an object, or a list when the operation offers two forms, as
 * update_many does): the helper's name, where the items go (`items`: a body path to the array; or `ids`: a query
 * parameter of comma-separated ids, with an optional `shared` body property sent with every batch), an optional
 * `action` beside the items, the batch size, how job results match the items, and what the ids are.
 * Reports every problem through `problem(message, subpointer)`.
 */
export function readBulk(
  doc: Document,
  operation: JsonObject,
  pathItem: JsonObject,
  problem: (message: string, pointer: string) => void,
): BulkMeta[] | undefined {
  const raw = operation["x-zenfetch-bulk"];
  if (raw === undefined) return undefined;
  const base = "x-zenfetch-bulk";
  const entries = Array.isArray(raw) ? raw : [raw];
  if (entries.length === 0) {
    problem("must be an object, or a list of them, when present", base);
    return undefined;
  }
  if (!answersWithJobStatus(doc, operation)) {
    problem("the operation's success response is not a job status (`{ job_status: { id, status, results } }`)", base);
    return undefined;
  }
  const body = requestBodySchema(doc, operation);
  const out: BulkMeta[] = [];
  entries.forEach((entry, n) => {
    const at = Array.isArray(raw) ? `${base}/${n}` : base;
    const meta = readEntry(doc, operation, pathItem, body, entry, (message, field) =>
      problem(message, field ? `${at}/${field}` : at),
    );
    if (meta) out.push(meta);
  });
  return out.length === entries.length ? out : undefined;
}

/** One declaration of `x-zenfetch-bulk`, checked; undefined (with the problem reported) when it is wrong. */
function readEntry(
  doc: Document,
  operation: JsonObject,
  pathItem: JsonObject,
  body: Json | undefined,
  entry: Json,
  report: (message: string, field?: string) => void,
): BulkMeta | undefined {
  const fail = (message: string, field?: string): undefined => {
    report(message, field);
    return undefined;
  };
  if (!isObject(entry)) return fail("must be an object with `helper` and `items` or `ids`");
  const unknown = Object.keys(entry).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) return fail(`unknown field(s) ${unknown.join(", ")}; known: ${[...FIELDS].join(", ")}`);

  const helper = entry.helper;
  if (typeof helper !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(helper) || RESERVED.has(helper)) {
    return fail(
      `must be a camelCase name that is not one of the client's own (${[...RESERVED].join(", ")}); got ${JSON.stringify(helper)}`,
      "helper",
    );
  }
  const idType = entry.idType;
  if (!ID_TYPES.includes(idType as never)) {
    return fail(`must be one of ${ID_TYPES.join(", ")} (what the ids of the items and results are)`, "idType");
  }
  const batch = entry.batch;
  if (batch !== undefined && !(Number.isInteger(batch) && (batch as number) > 0)) {
    return fail("must be a positive whole number: the items one request takes", "batch");
  }
  if ((entry.items === undefined) === (entry.ids === undefined)) {
    return fail("give exactly one of `items` (a body path to the array) and `ids` (a query parameter)");
  }

  const meta = { helper, idType } as BulkMeta;
  if (entry.ids !== undefined) {
    const ids = entry.ids;
    if (
      typeof ids !== "string" ||
      !queryParameter(doc, ids, [operation.parameters ?? null, pathItem.parameters ?? null])
    ) {
      return fail(`the operation has no query parameter ${JSON.stringify(ids)}`, "ids");
    }
    if (entry.action !== undefined) return fail("`action` goes with `items`, not with `ids`", "action");
    if (batch === undefined) return fail("is required with `ids`: a query parameter declares no maximum", "batch");
    meta.ids = ids;
    if (entry.shared !== undefined) {
      const shared = dotted(entry.shared);
      const found = shared ? schemasAt(doc, body, shared) : [];
      if (!shared || found.length === 0) {
        return fail(`the request body has no property ${JSON.stringify(entry.shared)}`, "shared");
      }
      if (!found.every((schema) => hasType(schema, "object") || variants(doc, schema).length > 0)) {
        return fail(`${JSON.stringify(entry.shared)} must be an object: the changes every item gets`, "shared");
      }
      meta.shared = shared;
    }
    meta.batch = batch as number;
  } else {
    if (entry.shared !== undefined) return fail("`shared` goes with `ids`, not with `items`", "shared");
    const items = dotted(entry.items);
    const arrays = items ? schemasAt(doc, body, items) : [];
    if (!items || arrays.length === 0) {
      return fail(`the request body has no property ${JSON.stringify(entry.items)}`, "items");
    }
    if (!arrays.every((schema) => hasType(schema, "array"))) {
      return fail(`${JSON.stringify(entry.items)} is not an array in the request body`, "items");
    }
    const maxima = [...new Set(arrays.map((schema) => (isObject(schema) ? schema.maxItems : undefined)))];
    if (maxima.length > 1 || (maxima[0] !== undefined && !Number.isInteger(maxima[0]))) {
      return fail(`the variants of ${JSON.stringify(entry.items)} disagree on maxItems`, "items");
    }
    const maxItems = maxima[0] as number | undefined;
    if (batch !== undefined && maxItems !== undefined && batch !== maxItems) {
      return fail(`is ${batch} but the body's ${JSON.stringify(entry.items)} declares maxItems ${maxItems}`, "batch");
    }
    const size = (batch as number | undefined) ?? maxItems;
    if (size === undefined) return fail("give `batch`, or declare maxItems on the items array", "batch");
    meta.items = items;
    meta.batch = size;
    if (entry.action !== undefined) {
      const action = dotted(entry.action);
      if (!action || action.slice(0, -1).join(".") !== items.slice(0, -1).join(".")) {
        return fail("must name a property beside the items (`job.action` with `job.items`)", "action");
      }
      const enums = schemasAt(doc, body, action).flatMap((schema) =>
        isObject(schema) && Array.isArray(schema.enum) ? schema.enum : [],
      );
      if (enums.length === 0 || !enums.every((value) => typeof value === "string")) {
        return fail(`${JSON.stringify(entry.action)} must be a string enum in the request body`, "action");
      }
      meta.action = action;
      const match = entry.match;
      if (!isObject(match)) return fail("with `action`, must map each action to how its results match", "match");
      const expected = [...new Set(enums as string[])].sort();
      const given = Object.keys(match).sort();
      if (expected.join() !== given.join()) {
        return fail(`must name every action exactly once: ${expected.join(", ")}; got ${given.join(", ")}`, "match");
      }
      for (const [name, how] of Object.entries(match)) {
        if (!BULK_MATCHES.includes(how as never)) {
          return fail(`must be one of ${BULK_MATCHES.join(", ")}; got ${JSON.stringify(how)}`, `match/${name}`);
        }
      }
      meta.match = match as Record<string, BulkMatch>;
    }
  }
  if (meta.match === undefined) {
    const match = entry.match ?? (meta.ids ? "id" : "index");
    if (!BULK_MATCHES.includes(match as never)) {
      return fail(`must be one of ${BULK_MATCHES.join(", ")}; got ${JSON.stringify(match)}`, "match");
    }
    if (meta.ids && match === "index") return fail("ids are matched by value, not by index", "match");
    meta.match = match as BulkMatch;
  }
  // Keys in one fixed order, so that the generated file does not depend on how the spec orders them.
  const ordered: BulkMeta = { helper: meta.helper } as BulkMeta;
  for (const key of ["items", "action", "ids", "shared", "batch", "match", "idType"] as const) {
    if (meta[key] !== undefined) (ordered as unknown as Record<string, unknown>)[key] = meta[key];
  }
  return ordered;
}

/**
 * One helper name per client method: a name may be declared twice only as the two forms of one method (a list
 * of items, and ids with `shared` changes), which the runtime tells apart by the first argument.
 */
export function checkBulkHelpers(
  declared: { operation: string; meta: BulkMeta; pointer: string }[],
  problem: (message: string, pointer: string) => void,
): void {
  const byName = new Map<string, typeof declared>();
  for (const entry of declared) byName.set(entry.meta.helper, [...(byName.get(entry.meta.helper) ?? []), entry]);
  for (const [name, entries] of byName) {
    if (entries.length === 1) continue;
    const [first, second] = entries as [(typeof declared)[number], (typeof declared)[number]];
    const pair =
      entries.length === 2 &&
      first.operation === second.operation &&
      Boolean(first.meta.items) !== Boolean(second.meta.items);
    if (!pair) {
      const where = entries.map((entry) => entry.operation).join(", ");
      for (const entry of entries.slice(1)) {
        problem(
          `helper ${JSON.stringify(name)} is declared more than once (${where}); one name may only be the items form and the ids form of one operation`,
          entry.pointer,
        );
      }
    }
  }
}
