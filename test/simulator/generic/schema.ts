/**
 * Reading JSON schemas the way the generic routes need to: an object's properties with `$ref` and `allOf` flattened,
 * a value's main type, and a small deterministic generator that invents plausible values of the right type, so a
 * domain with no hand-written data still answers with records its bundle accepts.
 */
import { isoSeconds } from "../clock.js";
import { hash32, uuidLike } from "../random.js";
import type { Json } from "../spec-validator.js";

/** Follows a schema's `$ref`s within its bundle. */
export type Deref = (schema: Json) => Json;

export interface ObjectShape {
  properties: Record<string, Json>;
  required: Set<string>;
  /** `additionalProperties: false` (or `unevaluatedProperties: false`): only declared properties may appear. */
  closed: boolean;
}

const MAX_DEPTH = 8;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object schema's properties, with `allOf` parts merged; undefined when the schema is not an object's. */
export function objectShape(schema: Json | undefined, deref: Deref, depth = 0): ObjectShape | undefined {
  if (!schema || depth > MAX_DEPTH) return undefined;
  const resolved = deref(schema);
  const parts = (resolved.allOf ?? []) as Json[];
  const own = isObject(resolved.properties) || mainType(resolved, deref) === "object";
  if (!own && parts.length === 0) return undefined;
  const shape: ObjectShape = {
    properties: { ...((resolved.properties ?? {}) as Record<string, Json>) },
    required: new Set((resolved.required ?? []) as string[]),
    closed: resolved.additionalProperties === false || resolved.unevaluatedProperties === false,
  };
  for (const part of parts) {
    const inner = objectShape(part, deref, depth + 1);
    if (!inner) continue;
    Object.assign(shape.properties, inner.properties);
    for (const name of inner.required) shape.required.add(name);
  }
  return shape;
}

/** The first non-null type a schema allows: `object`, `array`, `string`, `integer`, `number`, `boolean`, `null`. */
export function mainType(schema: Json | undefined, deref: Deref, depth = 0): string | undefined {
  if (!schema || depth > MAX_DEPTH) return undefined;
  const resolved = deref(schema);
  if ("const" in resolved) return typeOf(resolved.const);
  if (Array.isArray(resolved.enum)) {
    const value = resolved.enum.find((item) => item !== null);
    return value === undefined ? "null" : typeOf(value);
  }
  const type = resolved.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return (type.find((item) => item !== "null") as string | undefined) ?? "null";
  if (resolved.properties || resolved.allOf || resolved.additionalProperties) return "object";
  if (resolved.items) return "array";
  const alternatives = (resolved.oneOf ?? resolved.anyOf) as Json[] | undefined;
  if (alternatives) {
    for (const alternative of alternatives) {
      const inner = mainType(alternative, deref, depth + 1);
      if (inner && inner !== "null") return inner;
    }
  }
  return undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether a property's schema marks it write-only (request-only: never in a response). */
export function isWriteOnly(schema: Json | undefined, deref: Deref): boolean {
  return Boolean(schema && deref(schema).writeOnly === true);
}

/** `widgets` -> `widget`, `categories` -> `category`: good enough for naming a record after its collection. */
export function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches")) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** A stable number for a string (a collection path, a property name), to vary invented values. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface SampleContext {
  /** The simulator's random seed. */
  seed: number;
  /** Which record this is (1, 2, 3…): numbers and names are built from it. */
  n: number;
  /** The time stamps to use, in Unix seconds. */
  time: number;
  /** What a record is called, for names and titles (`Widget`). */
  noun?: string;
}

/** Properties filled whenever a schema declares them, required or not: what a reader expects a record to show. */
const COMMON = new Set([
  "id",
  "url",
  "name",
  "title",
  "subject",
  "description",
  "key",
  "status",
  "type",
  "email",
  "active",
  "position",
  "created_at",
  "updated_at",
]);
const NAMES = new Set(["name", "title", "subject", "display_name"]);
const TRUE_FLAGS = new Set(["active", "enabled", "public", "is_public", "visible"]);

/**
 * Invents values for schemas: required properties always, the common ones (id, name, status, timestamps…) and
 * other non-null scalars down to `fillDepth`; enums take their first value, `default` and `const` are honoured,
 * `oneOf`/`anyOf` take their first non-null branch. The same context gives the same value.
 */
export class Sampler {
  constructor(private readonly deref: Deref) {}

  value(schema: Json | undefined, name: string, ctx: SampleContext, depth = 0, fillDepth = 0): unknown {
    if (!schema) return this.fallback(name, ctx);
    const resolved = this.deref(schema);
    if (depth > MAX_DEPTH) return mainType(resolved, this.deref) === "array" ? [] : null;
    if ("const" in resolved) return structuredClone(resolved.const);
    if (resolved.default !== undefined && resolved.default !== null) return structuredClone(resolved.default);
    if (Array.isArray(resolved.enum)) return resolved.enum.find((item) => item !== null) ?? null;
    const alternatives = (resolved.oneOf ?? resolved.anyOf) as Json[] | undefined;
    if (alternatives && !resolved.type && !resolved.properties) {
      const branch = alternatives.find((item) => mainType(item, this.deref) !== "null") ?? alternatives[0];
      return this.value(branch, name, ctx, depth + 1, fillDepth);
    }
    switch (mainType(resolved, this.deref)) {
      case "object":
        return this.object(resolved, ctx, depth, fillDepth);
      case "array": {
        const count = Math.min(Number(resolved.minItems ?? 0), 3);
        const items = resolved.items as Json | undefined;
        return Array.from({ length: count }, (_, i) =>
          this.value(items, singular(name), { ...ctx, n: ctx.n + i }, depth + 1, fillDepth),
        );
      }
      case "string":
        return this.string(resolved, name, ctx);
      case "integer":
      case "number":
        return this.number(resolved, name, ctx);
      case "boolean":
        return TRUE_FLAGS.has(name);
      case "null":
        return null;
      default:
        return this.fallback(name, ctx);
    }
  }

  /** An object: its required properties, plus common and scalar ones while `depth <= fillDepth`. */
  object(schema: Json, ctx: SampleContext, depth = 0, fillDepth = 0): Record<string, unknown> {
    const shape = objectShape(schema, this.deref);
    const out: Record<string, unknown> = {};
    if (!shape) return out;
    for (const [name, property] of Object.entries(shape.properties)) {
      if (isWriteOnly(property, this.deref)) continue;
      if (!shape.required.has(name) && !this.worthFilling(name, property, depth, fillDepth)) continue;
      out[name] = this.value(property, name, ctx, depth + 1, fillDepth);
    }
    return out;
  }

  /**
   * Makes a value fit a schema as a response: drops write-only properties (and undeclared ones where the schema is
   * closed), and invents the required properties that are missing, at every level.
   */
  complete(schema: Json | undefined, value: unknown, ctx: SampleContext, depth = 0): unknown {
    if (!schema || depth > MAX_DEPTH) return value;
    const resolved = this.deref(schema);
    if (Array.isArray(value)) {
      const items = resolved.items as Json | undefined;
      return items ? value.map((item) => this.complete(items, item, ctx, depth + 1)) : value;
    }
    if (!isObject(value)) return value;
    const shape = objectShape(resolved, this.deref);
    if (!shape) return value;
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const property = shape.properties[name];
      if (property ? isWriteOnly(property, this.deref) : shape.closed) continue;
      out[name] = property ? this.complete(property, item, ctx, depth + 1) : item;
    }
    for (const name of shape.required) {
      if (!(name in out)) out[name] = this.value(shape.properties[name], name, ctx, depth + 1, depth + 1);
    }
    return out;
  }

  private worthFilling(name: string, property: Json, depth: number, fillDepth: number): boolean {
    if (COMMON.has(name)) return depth <= fillDepth + 1;
    if (depth > fillDepth) return false;
    const resolved = this.deref(property);
    const type = mainType(resolved, this.deref);
    const nullable =
      (Array.isArray(resolved.type) && resolved.type.includes("null")) ||
      (Array.isArray(resolved.enum) && resolved.enum.includes(null));
    return !nullable && (type === "string" || type === "integer" || type === "number" || type === "boolean");
  }

  private string(schema: Json, name: string, ctx: SampleContext): string {
    const format = schema.format as string | undefined;
    let value: string;
    if (format === "date-time" || (!format && name.endsWith("_at"))) value = isoSeconds(ctx.time);
    else if (format === "date") value = isoSeconds(ctx.time).slice(0, 10);
    else if (format === "email" || name === "email" || name.endsWith("_email")) value = `user${ctx.n}@example.com`;
    else if (format === "uuid") value = uuidLike(ctx.seed, ctx.n, stringHash(name));
    else if (
      format === "uri" ||
      format === "url" ||
      format === "uri-reference" ||
      name === "url" ||
      name.endsWith("_url")
    )
      value = `https://example.zendesk.com/${name}/${ctx.n}`;
    else if (format === "hostname") value = "example.zendesk.com";
    else if (format === "ipv4") value = "192.0.2.1";
    else if (NAMES.has(name)) value = `${ctx.noun ?? humanize(name)} ${ctx.n}`;
    else if (name === "id" || name.endsWith("_id")) value = String(ctx.n);
    else if (name === "key" || name.endsWith("_key")) value = `${name}_${ctx.n}`;
    else value = `${humanize(name || "value")} ${ctx.n}`;
    return this.fitString(schema, value, ctx);
  }

  private fitString(schema: Json, value: string, ctx: SampleContext): string {
    let out = value;
    const min = Number(schema.minLength ?? 0);
    const max = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
    if (out.length < min) out = out.padEnd(min, "x");
    if (out.length > max) out = out.slice(0, max);
    const pattern = typeof schema.pattern === "string" ? safeRegExp(schema.pattern) : undefined;
    if (pattern && !pattern.test(out)) {
      const examples = [...((schema.examples ?? []) as unknown[]), schema.example];
      const candidates = [...examples, `${ctx.n}`, "a", "abc", "a1", "A", "x_1"].filter(
        (item): item is string => typeof item === "string",
      );
      out = candidates.find((candidate) => pattern.test(candidate)) ?? out;
    }
    return out;
  }

  private number(schema: Json, name: string, ctx: SampleContext): number {
    let value = name.endsWith("_id") ? 1 + (hash32(ctx.seed, ctx.n, stringHash(name)) % 50) : ctx.n;
    const bound = (inclusive: unknown, exclusive: unknown, step: number) =>
      typeof inclusive === "number" ? inclusive : typeof exclusive === "number" ? exclusive + step : undefined;
    const minimum = bound(schema.minimum, schema.exclusiveMinimum, 1);
    const maximum = bound(schema.maximum, schema.exclusiveMaximum, -1);
    if (minimum !== undefined && value < minimum) value = Math.ceil(minimum);
    if (maximum !== undefined && value > maximum) value = Math.floor(maximum);
    return value;
  }

  private fallback(name: string, ctx: SampleContext): string {
    return `${humanize(name || "value")} ${ctx.n}`;
  }
}

function humanize(name: string): string {
  const words = name.replace(/[_:.-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
}
