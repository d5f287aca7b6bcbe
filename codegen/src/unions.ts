import { type Document, escapePointer } from "./bundle.js";
import type { Problem } from "./errors.js";
import { deref, HTTP_METHODS, isObject, type Json, type JsonObject } from "./json.js";

/**
 * Discriminated unions: a `oneOf` of named variants with a `discriminator`. Our convention (specs/README.md,
 * "Unions") is that every variant declares the discriminator property itself, required, with a `const` (or a
 * one-value enum), and that `mapping` lists every variant under that value. The variants are then told apart
 * by their own property, in TypeScript (a plain `switch` narrows) and in any JSON Schema validator alike.
 *
 * openapi-typescript's own discriminator handling works against that: without `mapping` it overwrites each
 * variant's value with the variant's schema name (`result_type: "SearchTicketResult"`), it replaces the
 * property's schema (dropping its description and read/write markers), it patches a variant only for the
 * first union that lists it, and a schema extending a discriminated base through `allOf` gets
 * `Omit<Base, "property">`, which collapses a union to its common keys. So the types are generated from a
 * copy of the bundle without `discriminator` keywords ({@link withoutDiscriminators}): once
 * {@link checkUnions} has passed, the variants' own values carry all the information.
 */

/** Schema keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const ONE_SCHEMA = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
];
const SCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];

type SchemaVisitor = (schema: JsonObject, pointer: string) => void;

function eachSchema(node: Json | undefined, pointer: string, visit: SchemaVisitor): void {
  if (!isObject(node)) return;
  visit(node, pointer);
  for (const key of ONE_SCHEMA) eachSchema(node[key], `${pointer}/${key}`, visit);
  for (const key of SCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, item] of list.entries()) eachSchema(item, `${pointer}/${key}/${i}`, visit);
  }
  for (const key of SCHEMA_MAPS) eachEntry(node[key], `${pointer}/${key}`, (item, at) => eachSchema(item, at, visit));
}

function eachEntry(map: Json | undefined, pointer: string, each: (value: Json, pointer: string) => void): void {
  if (!isObject(map)) return;
  for (const [name, value] of Object.entries(map)) each(value, `${pointer}/${escapePointer(name)}`);
}

/** A parameter or header: its `schema`, or the schemas of its `content`. */
function inParameter(node: Json, pointer: string, visit: SchemaVisitor): void {
  if (!isObject(node)) return;
  eachSchema(node.schema, `${pointer}/schema`, visit);
  inContent(node.content, `${pointer}/content`, visit);
}

function inContent(content: Json | undefined, pointer: string, visit: SchemaVisitor): void {
  eachEntry(content, pointer, (media, at) => {
    if (isObject(media)) eachSchema(media.schema, `${at}/schema`, visit);
  });
}

function inResponse(node: Json, pointer: string, visit: SchemaVisitor): void {
  if (!isObject(node)) return;
  inContent(node.content, `${pointer}/content`, visit);
  eachEntry(node.headers, `${pointer}/headers`, (header, at) => inParameter(header, at, visit));
}

function inRequestBody(node: Json | undefined, pointer: string, visit: SchemaVisitor): void {
  if (isObject(node)) inContent(node.content, `${pointer}/content`, visit);
}

function inPathItem(item: Json, pointer: string, visit: SchemaVisitor): void {
  if (!isObject(item)) return;
  const parameters = (list: Json | undefined, at: string) => {
    if (Array.isArray(list)) for (const [i, p] of list.entries()) inParameter(p, `${at}/${i}`, visit);
  };
  parameters(item.parameters, `${pointer}/parameters`);
  for (const method of HTTP_METHODS) {
    const operation = item[method];
    if (!isObject(operation)) continue;
    const at = `${pointer}/${method}`;
    parameters(operation.parameters, `${at}/parameters`);
    inRequestBody(operation.requestBody, `${at}/requestBody`, visit);
    eachEntry(operation.responses, `${at}/responses`, (response, where) => inResponse(response, where, visit));
    eachEntry(operation.callbacks, `${at}/callbacks`, (callback, where) =>
      eachEntry(callback, where, (callbackItem, itemAt) => inPathItem(callbackItem, itemAt, visit)),
    );
  }
}

/**
 * Calls `visit` for every schema object of an OpenAPI document, with its JSON pointer: the components' and
 * those inside paths, parameters, bodies, responses and headers, and every schema nested in those. Examples,
 * defaults and extensions are data, not schemas, and are not entered; `$ref`s are not followed (what they
 * point at is visited where it is defined).
 */
export function eachSchemaOf(doc: Document, visit: SchemaVisitor): void {
  const components = isObject(doc.components) ? doc.components : {};
  eachEntry(components.schemas, "#/components/schemas", (schema, at) => eachSchema(schema, at, visit));
  for (const section of ["parameters", "headers"]) {
    eachEntry(components[section], `#/components/${section}`, (node, at) => inParameter(node, at, visit));
  }
  eachEntry(components.responses, "#/components/responses", (node, at) => inResponse(node, at, visit));
  eachEntry(components.requestBodies, "#/components/requestBodies", (node, at) => inRequestBody(node, at, visit));
  eachEntry(components.pathItems, "#/components/pathItems", (node, at) => inPathItem(node, at, visit));
  eachEntry(doc.paths, "#/paths", (node, at) => inPathItem(node, at, visit));
  eachEntry(doc.webhooks, "#/webhooks", (node, at) => inPathItem(node, at, visit));
}

/** A copy of the document with every schema's `discriminator` removed: what openapi-typescript is given. */
export function withoutDiscriminators(doc: Document): Document {
  const copy = structuredClone(doc);
  eachSchemaOf(copy, (schema) => {
    delete schema.discriminator;
  });
  return copy;
}

/** What a variant says its discriminator value is, or why it says none. */
type VariantValue = { value: string } | { problem: Problem };

/** A schema object of a variant and the allOf parts it is built from, each with where it is. */
interface Part {
  schema: JsonObject;
  pointer: string;
  /** 0 for the variant itself, 1 for its own allOf parts, and so on. */
  depth: number;
}

function partsOf(doc: Document, schema: JsonObject, pointer: string, depth = 0, out: Part[] = []): Part[] {
  if (out.some((part) => part.schema === schema)) return out;
  out.push({ schema, pointer, depth });
  if (Array.isArray(schema.allOf)) {
    for (const [i, item] of schema.allOf.entries()) {
      const resolved = deref(doc, item);
      const at = isObject(item) && typeof item.$ref === "string" ? item.$ref : `${pointer}/allOf/${i}`;
      if (isObject(resolved)) partsOf(doc, resolved, at, depth + 1, out);
    }
  }
  return out;
}

function variantValue(doc: Document, ref: string, name: string, file: string): VariantValue {
  const fail = (pointer: string, message: string): VariantValue => ({ problem: { file, pointer, message } });
  const variant = deref(doc, { $ref: ref });
  const example = `properties: { ${name}: { type: string, const: <its value> } } and required: [${name}]`;
  if (!isObject(variant))
    return fail(ref, `a variant of a discriminated oneOf must be an object schema with ${example}`);
  const parts = partsOf(doc, variant, ref);
  const declared = parts.flatMap((part) => {
    const properties = isObject(part.schema.properties) ? part.schema.properties : {};
    const property = deref(doc, properties[name]);
    return isObject(property) ? [{ ...part, property, at: `${part.pointer}/properties/${escapePointer(name)}` }] : [];
  });
  if (declared.length === 0) {
    return fail(ref, `this variant does not declare the discriminator "${name}"; give it ${example}`);
  }
  for (const { property, at } of declared) {
    if (property.readOnly === true || property.writeOnly === true) {
      return fail(
        at,
        `the discriminator "${name}" must not be ${property.readOnly === true ? "readOnly" : "writeOnly"}: it tells the variants apart in requests and responses alike, and a marked property is left out of one of them and does not narrow in the other`,
      );
    }
  }
  const values = new Map<string, string>();
  for (const { property, at } of declared) {
    const value =
      "const" in property
        ? property.const
        : Array.isArray(property.enum) && property.enum.length === 1
          ? property.enum[0]
          : undefined;
    if (value === undefined) continue;
    if (typeof value !== "string") {
      return fail(at, `the discriminator "${name}" must have a string value, not ${JSON.stringify(value)}`);
    }
    values.set(at, value);
  }
  if (values.size === 0) {
    const at = declared[0]?.at ?? ref;
    return fail(
      at,
      `the discriminator "${name}" of this variant has no single value; write const: <its value> (or a one-value enum)`,
    );
  }
  const distinct = [...new Set(values.values())];
  if (distinct.length > 1) {
    return fail(
      [...values.keys()][1] ?? ref,
      `the discriminator "${name}" is given different values in this variant (${distinct.map((v) => `"${v}"`).join(", ")}); a variant has one`,
    );
  }
  const required = declared.some(
    (part) =>
      (Array.isArray(part.schema.required) && part.schema.required.includes(name)) ||
      (part.depth <= 1 && Array.isArray(variant.required) && variant.required.includes(name)),
  );
  if (!required) {
    return fail(
      declared[0]?.pointer ?? ref,
      `the discriminator "${name}" must be required: add it to \`required\` beside its const (an optional one does not narrow)`,
    );
  }
  return { value: distinct[0] as string };
}

function checkUnion(doc: Document, union: JsonObject, at: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const report = (pointer: string, message: string) => problems.push({ file, pointer, message });
  const discriminator = union.discriminator;
  const shape = "discriminator: { propertyName: <property>, mapping: { <value>: <variant $ref>, … } }";
  if (!isObject(discriminator)) {
    report(`${at}/discriminator`, `discriminator must be an object: ${shape}`);
    return problems;
  }
  const unknown = Object.keys(discriminator).filter(
    (key) => key !== "propertyName" && key !== "mapping" && !key.startsWith("x-"),
  );
  if (unknown.length > 0) {
    report(`${at}/discriminator`, `unknown key(s) ${unknown.join(", ")} in discriminator; write ${shape}`);
  }
  const name = discriminator.propertyName;
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    report(
      `${at}/discriminator/propertyName`,
      typeof name === "string"
        ? `"${name}" is not a property name: propertyName names a property that every variant declares (such as result_type), not a path or an expression`
        : "discriminator needs propertyName: the name of the property that tells the variants apart (such as result_type)",
    );
    return problems;
  }
  if (!Array.isArray(union.oneOf) || union.oneOf.length === 0) {
    const instead = Array.isArray(union.anyOf)
      ? " (write oneOf instead of anyOf: a value of the discriminator picks exactly one variant)"
      : " (a base schema that variants extend with allOf takes no discriminator: list the variants in a oneOf and put the discriminator there)";
    report(`${at}/discriminator`, `a discriminator goes beside a oneOf that lists the variants${instead}`);
    return problems;
  }

  // Each variant: a $ref, with a value of its own.
  const valueByRef = new Map<string, string>();
  const refOf = new Map<string, string>();
  for (const [i, item] of union.oneOf.entries()) {
    const listed = `${at}/oneOf/${i}`;
    if (!isObject(item) || typeof item.$ref !== "string") {
      report(
        listed,
        "each variant of a discriminated oneOf must be a $ref to a schema of its own (so that mapping can name it and users can name its type); move this one to schemas.yaml",
      );
      continue;
    }
    const ref = item.$ref;
    if (valueByRef.has(ref)) {
      report(listed, `${ref} is listed twice in oneOf`);
      continue;
    }
    const found = variantValue(doc, ref, name, file);
    if ("problem" in found) {
      problems.push(found.problem);
      continue;
    }
    const other = refOf.get(found.value);
    if (other !== undefined) {
      report(
        listed,
        `${ref} and ${other} both have ${name} "${found.value}": each variant needs a value of its own (merge the two, or give one another value)`,
      );
      continue;
    }
    valueByRef.set(ref, found.value);
    refOf.set(found.value, ref);
  }

  // mapping: every variant, under its own value, and nothing else.
  const mapping = discriminator.mapping;
  const listing = [...valueByRef].map(([ref, value]) => `${value}: '${ref}'`).join(", ");
  if (!isObject(mapping)) {
    report(
      `${at}/discriminator`,
      `discriminator needs a mapping from each value of ${name} to its variant${listing ? `: mapping: { ${listing} }` : ""}. Without it, other OpenAPI tools take each variant's schema name as its value`,
    );
    return problems;
  }
  const mapped = new Set<string>();
  for (const [key, target] of Object.entries(mapping)) {
    const pointer = `${at}/discriminator/mapping/${escapePointer(key)}`;
    if (typeof target !== "string") {
      report(pointer, "a mapping entry is a $ref to one of the variants, as a string");
      continue;
    }
    const listed = union.oneOf.some((item) => isObject(item) && item.$ref === target);
    if (!listed) {
      report(pointer, `mapping "${key}" points to ${target}, which is not one of the variants in oneOf; list it there`);
      continue;
    }
    mapped.add(target);
    const value = valueByRef.get(target);
    if (value !== undefined && value !== key) {
      report(
        pointer,
        `mapping "${key}" points to ${target}, whose ${name} is "${value}": the key must be the variant's value (${value}: '${target}')`,
      );
    }
  }
  for (const [ref, value] of valueByRef) {
    if (!mapped.has(ref)) {
      report(`${at}/discriminator/mapping`, `variant ${ref} is missing from mapping: add ${value}: '${ref}'`);
    }
  }
  return problems;
}

/**
 * Checks every discriminated union of a bundle against our convention (see the module comment), naming the
 * bundle's pointer and what to write instead.
 */
export function checkUnions(doc: Document, file: string): Problem[] {
  const problems: Problem[] = [];
  eachSchemaOf(doc, (schema, pointer) => {
    if ("discriminator" in schema) problems.push(...checkUnion(doc, schema, pointer, file));
  });
  return problems;
}
