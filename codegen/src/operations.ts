import {
  PAGINATION_STYLES,
  type PaginationStyle,
  type RequestBodyMeta,
} from "../../packages/core/src/meta/operation-meta.js";
import { type BulkMeta, checkBulkHelpers, readBulk } from "./bulk.js";
import { type Document, escapePointer } from "./bundle.js";
import type { Problem } from "./errors.js";
import { type IncludeMeta, readInclude } from "./includes.js";
import { deref, HTTP_METHODS, hasType, isObject, type JsonObject, propertiesOf, successSchema } from "./json.js";
import { type ParameterInfo, type RateLimitRule, readRateLimit } from "./rate-limit.js";

/** The styles whose pages can be offset pages (`page`, `per_page`), where Zendesk caps how far a list reads. */
const OFFSET_STYLES: readonly PaginationStyle[] = ["offset", "cursor-or-offset"];
const PAGINATION_KEYS = ["style", "items", "maxRecords", "instead"];
/** `instead`: an operation, `GET /api/v2/search/export`, optionally followed by a note in parentheses. */
const INSTEAD = /^(GET|POST) (\/\S*)(?: \([^()]+\))?$/;

export interface OperationMeta {
  pagination?: { style: PaginationStyle; items: string; maxRecords?: number; instead?: string };
  idempotencyKey?: true;
  rateLimit?: RateLimitRule | RateLimitRule[];
  bulk?: BulkMeta[];
  body?: RequestBodyMeta;
}

/** A JSON media type: `application/json`, `application/merge-patch+json`, `text/json`. */
const JSON_MEDIA = /^[^/]+\/(?:[^;]*\+)?json\s*(?:;|$)/i;

/**
 * How a request body that is not JSON goes out: `bytes` as they are (a file: `type: string, format: binary`
 * under any media type), `multipart` as a form (`multipart/form-data`). A body with a JSON media type among its
 * media types is JSON and gets nothing; any other is a problem, the runtime having no way to send it.
 */
function readRequestBody(
  doc: Document,
  operation: JsonObject,
  problem: (message: string) => void,
): RequestBodyMeta | undefined {
  const body = deref(doc, operation.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : undefined;
  if (!content) return undefined;
  const media = Object.keys(content);
  if (media.length === 0 || media.some((m) => JSON_MEDIA.test(m))) return undefined;
  const multipart = media.find((m) => /^multipart\/form-data\s*(?:;|$)/i.test(m));
  if (multipart) return { media: multipart, kind: "multipart" };
  const binary = media.find((m) => {
    const schema = deref(doc, (content[m] as JsonObject | undefined)?.schema);
    return isObject(schema) && schema.format === "binary";
  });
  if (binary) return { media: binary, kind: "bytes" };
  problem(
    `request body media ${media.join(", ")}: the runtime sends JSON, multipart/form-data, or bytes (\`type: string, format: binary\`)`,
  );
  return undefined;
}

/** The operation's parameters, its path item's included (the operation's own win), resolved. */
function parametersOf(doc: Document, item: JsonObject, operation: JsonObject): ParameterInfo[] {
  const byPlace = new Map<string, ParameterInfo>();
  for (const list of [item.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const parameter of list) {
      const resolved = deref(doc, parameter);
      if (!isObject(resolved) || typeof resolved.name !== "string" || typeof resolved.in !== "string") continue;
      const info = { name: resolved.name, in: resolved.in, schema: deref(doc, resolved.schema) };
      byPlace.set(`${info.in} ${info.name}`, info);
    }
  }
  return [...byPlace.values()];
}

/**
 * `maxRecords` and `instead` of a pagination extension, on a style that pages by offset, `instead` naming an
 * operation that does not page by offset itself. A `cursor-or-offset` list may leave `instead` out: its own
 * cursor paging is the way past the cap, which the runtime's error then says. A problem as a string.
 */
function offsetCap(
  doc: Document,
  pagination: JsonObject,
  style: PaginationStyle,
): { maxRecords?: number; instead?: string } | string {
  const { maxRecords, instead } = pagination;
  if (maxRecords === undefined && instead === undefined) return {};
  if (!OFFSET_STYLES.includes(style)) {
    return `maxRecords and instead are for styles that page by offset (${OFFSET_STYLES.join(", ")}), not ${style}`;
  }
  if (!(typeof maxRecords === "number" && Number.isInteger(maxRecords) && maxRecords > 0)) {
    return `maxRecords must be a whole number > 0 (the most records Zendesk serves by offset), with instead; got ${JSON.stringify(maxRecords)}`;
  }
  if (instead === undefined && style === "cursor-or-offset") return { maxRecords };
  const match = typeof instead === "string" ? INSTEAD.exec(instead) : null;
  if (!match) {
    return `instead must name what to use past maxRecords, as "GET /api/v2/…" with an optional note in parentheses; got ${JSON.stringify(instead)}`;
  }
  const [, method = "", route = ""] = match;
  const paths = isObject(doc.paths) ? doc.paths : {};
  const item = paths[route];
  // Checked when it is in this document; another domain's operation is taken as written.
  if (isObject(item)) {
    const target = item[method.toLowerCase()];
    const targetStyle =
      isObject(target) && isObject(target["x-zenfetch-pagination"]) ? target["x-zenfetch-pagination"].style : undefined;
    if (typeof targetStyle !== "string") return `instead names ${method} ${route}, which this spec does not page`;
    if (targetStyle === "offset") return `instead names ${method} ${route}, which pages by offset too`;
  }
  return { maxRecords, instead: instead as string };
}

/**
 * Reads the x-zenfetch-* extensions of every operation into the metadata the
 * runtime uses, checking each against the operation it sits on. Operations
 * without any are left out, so that a bundle carries only what it reads.
 */
export function collectOperations(
  doc: Document,
  file: string,
): { operations: Record<string, OperationMeta>; includes: Record<string, IncludeMeta>; problems: Problem[] } {
  const operations: Record<string, OperationMeta> = {};
  const includes: Record<string, IncludeMeta> = {};
  const problems: Problem[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  const helpers: { operation: string; meta: BulkMeta; pointer: string }[] = [];
  for (const [route, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const pointer = `#/paths/${escapePointer(route)}/${method}`;
      const problem = (message: string, extension: string) =>
        problems.push({ file, pointer: `${pointer}/${extension}`, message });
      const meta: OperationMeta = {};

      const pagination = operation["x-zenfetch-pagination"];
      if (pagination !== undefined) {
        const style = isObject(pagination) ? pagination.style : undefined;
        const items = isObject(pagination) ? pagination.items : undefined;
        const unknown = isObject(pagination)
          ? Object.keys(pagination).filter((key) => !PAGINATION_KEYS.includes(key))
          : [];
        if (method !== "get" && !(method === "post" && route.endsWith("/search"))) {
          problem("only list reads can page", "x-zenfetch-pagination");
        } else if (unknown.length > 0) {
          problem(
            `unknown ${unknown.length === 1 ? "key" : "keys"} ${unknown.map((key) => JSON.stringify(key)).join(", ")}; the keys are ${PAGINATION_KEYS.join(", ")}`,
            "x-zenfetch-pagination",
          );
        } else if (!PAGINATION_STYLES.includes(style as never)) {
          problem(
            `style must be one of ${PAGINATION_STYLES.join(", ")}; got ${JSON.stringify(style)}`,
            "x-zenfetch-pagination/style",
          );
        } else if (typeof items !== "string") {
          problem("items must name the response property that holds the list", "x-zenfetch-pagination/items");
        } else if (!hasType(deref(doc, propertiesOf(doc, successSchema(doc, operation)).get(items)), "array")) {
          problem(`the success response has no array property "${items}"`, "x-zenfetch-pagination/items");
        } else {
          const cap = offsetCap(doc, pagination as JsonObject, style as PaginationStyle);
          if (typeof cap === "string") {
            problem(cap, "x-zenfetch-pagination");
          } else {
            meta.pagination = { style: style as PaginationStyle, items, ...cap };
          }
        }
      }

      const idempotency = operation["x-zenfetch-idempotency-key"];
      if (idempotency !== undefined) {
        const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
        const hasHeader = parameters.some((parameter) => {
          const resolved = deref(doc, parameter);
          return (
            isObject(resolved) && resolved.in === "header" && String(resolved.name).toLowerCase() === "idempotency-key"
          );
        });
        if (idempotency !== true) problem("must be true when present", "x-zenfetch-idempotency-key");
        else if (!hasHeader)
          problem("the operation declares no Idempotency-Key header parameter", "x-zenfetch-idempotency-key");
        else meta.idempotencyKey = true;
      }

      const rateLimit = operation["x-zenfetch-rate-limit"];
      if (rateLimit !== undefined) {
        const rules = readRateLimit(rateLimit, {
          route,
          parameters: parametersOf(doc, item, operation),
          problem: (message, at) => problem(message, `x-zenfetch-rate-limit${at}`),
        });
        if (rules) meta.rateLimit = rules;
      }
      const bulk = readBulk(doc, operation, item, problem);
      if (bulk) {
        meta.bulk = bulk;
        bulk.forEach((entry, n) => {
          const at = Array.isArray(operation["x-zenfetch-bulk"]) ? `/${n}` : "";
          helpers.push({
            operation: `${method.toUpperCase()} ${route}`,
            meta: entry,
            pointer: `${pointer}/x-zenfetch-bulk${at}/helper`,
          });
        });
      }
      const requestBody = readRequestBody(doc, operation, (message) => problem(message, "requestBody/content"));
      if (requestBody) meta.body = requestBody;
      const include = readInclude(doc, operation, item, problem);
      if (include) includes[`${method.toUpperCase()} ${route}`] = include;
      // Only what the runtime acts on is kept: an operation with nothing to say is sent as it is.
      if (Object.keys(meta).length > 0) operations[`${method.toUpperCase()} ${route}`] = meta;
    }
  }
  checkBulkHelpers(helpers, (message, at) => problems.push({ file, pointer: at, message }));
  return { operations, includes, problems };
}

export function renderOperations(
  operations: Record<string, OperationMeta>,
  source: string,
  includes: Record<string, IncludeMeta> = {},
): string {
  const lines = Object.entries(operations).map(([key, meta]) => `  ${JSON.stringify(key)}: ${render(meta)},`);
  return [
    `// Generated by \`pnpm generate\` from ${source}. Do not edit: change the spec and regenerate.`,
    "// What the runtime needs to know of the operations it treats specially, from the spec's x-zenfetch-*",
    "// extensions: how a list pages and which property holds its items, idempotency keys, per-endpoint rate",
    "// limits, bulk job helpers, request bodies that are not JSON. An operation not listed here has none of them.",
    "",
    "export const operations = {",
    ...lines,
    "} as const;",
    "",
    "/**",
    " * What each `include` value of an operation adds to its response (x-zenfetch-include): a top-level",
    " * `sideload` (an array, or an object keyed by id) or `fields` on each record under `item`. The client types",
    " * a response by the values a call asks for; nothing at run time depends on it.",
    " */",
    "export const includes = {",
    ...Object.entries(includes).map(([key, meta]) => `  ${JSON.stringify(key)}: ${render(meta)},`),
    "} as const;",
    "",
  ].join("\n");
}

function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([key, child]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${render(child)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}
