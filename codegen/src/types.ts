import openapiTS, { astToString, type SchemaObject, type TransformNodeOptions } from "openapi-typescript";
import ts from "typescript";
import type { Document } from "./bundle.js";
import { resolvePointer } from "./bundle.js";
import { CUSTOM_FIELDS, collectCustomFieldSites, type Direction } from "./custom-fields.js";
import { PipelineError } from "./errors.js";
import { isObject } from "./json.js";

/** Set on each marked property of the copy openapi-typescript reads: which way it travels. */
const DIRECTION = "x-zenfetch-custom-fields-direction";
/** The type parameter the generated interfaces take: the app's field maps. */
const PARAM = "F";
/** The interfaces that take it: every type the spec's paths, operations and schemas are reached through. */
const GENERIC = new Set(["paths", "webhooks", "components", "operations", "$defs"]);
/** Core's types the generated code names: the maps' constraint (and default), and the wrapper of a marked property. */
const MAPS_TYPE = "CustomFieldMaps";
const WRAPPER = "$CustomFields";
const CORE = "@zenfetch/core";

const f = ts.factory;

/**
 * The type of a marked property, `$CustomFields<F, kind, direction, T>`, around the type openapi-typescript
 * made (`T`, what the property is without a field map). A `$Read`/`$Write` marker stays outside, as
 * openapi-fetch's `Readable`/`Writable` look for it on the property itself.
 */
function wrapCustomFields(type: ts.TypeNode, kind: string, direction: Direction): ts.TypeNode {
  if (
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    (type.typeName.text === "$Read" || type.typeName.text === "$Write") &&
    type.typeArguments?.length === 1
  ) {
    const [inner] = type.typeArguments;
    return f.updateTypeReferenceNode(
      type,
      type.typeName,
      f.createNodeArray([wrapCustomFields(inner as ts.TypeNode, kind, direction)]),
    );
  }
  return f.createTypeReferenceNode(WRAPPER, [
    f.createTypeReferenceNode(PARAM),
    f.createLiteralTypeNode(f.createStringLiteral(kind)),
    f.createLiteralTypeNode(f.createStringLiteral(direction)),
    type,
  ]);
}

/**
 * Makes the generated interfaces generic in the app's field maps: `paths<F extends CustomFieldMaps =
 * CustomFieldMaps>`, and so on, with every reference from one to another (`components["schemas"]["Ticket"]`,
 * `operations["ShowTicket"]`) given `F`, so a marked property deep in a schema sees the maps the client was made
 * with. References outside those interfaces keep the default.
 */
function threadFieldMaps(nodes: readonly ts.Node[]): ts.Node[] {
  const names = new Set(
    nodes.flatMap((node) => (ts.isInterfaceDeclaration(node) && GENERIC.has(node.name.text) ? [node.name.text] : [])),
  );
  const addArgument = (context: ts.TransformationContext) => {
    const visit = (node: ts.Node): ts.Node => {
      if (
        ts.isTypeReferenceNode(node) &&
        ts.isIdentifier(node.typeName) &&
        names.has(node.typeName.text) &&
        !node.typeArguments
      ) {
        return f.updateTypeReferenceNode(node, node.typeName, f.createNodeArray([f.createTypeReferenceNode(PARAM)]));
      }
      return ts.visitEachChild(node, visit, context);
    };
    return visit;
  };
  const parameter = f.createTypeParameterDeclaration(
    undefined,
    PARAM,
    f.createTypeReferenceNode(MAPS_TYPE),
    f.createTypeReferenceNode(MAPS_TYPE),
  );
  const out: ts.Node[] = [
    f.createImportDeclaration(
      undefined,
      f.createImportClause(
        true,
        undefined,
        f.createNamedImports([
          f.createImportSpecifier(false, undefined, f.createIdentifier(WRAPPER)),
          f.createImportSpecifier(false, undefined, f.createIdentifier(MAPS_TYPE)),
        ]),
      ),
      f.createStringLiteral(CORE),
    ),
  ];
  for (const node of nodes) {
    if (ts.isInterfaceDeclaration(node) && names.has(node.name.text)) {
      const [body] = ts.transform(node, [addArgument]).transformed as [ts.InterfaceDeclaration];
      out.push(
        f.updateInterfaceDeclaration(
          body,
          body.modifiers,
          body.name,
          f.createNodeArray([...(body.typeParameters ?? []), parameter]),
          body.heritageClauses,
          body.members,
        ),
      );
    } else {
      out.push(node);
    }
  }
  return out;
}

const type = (name: string, ...args: ts.TypeNode[]) =>
  ts.factory.createTypeReferenceNode(name, args.length > 0 ? args : undefined);

/**
 * What a `type: string, format: binary` schema is in TypeScript: the bytes the runtime sends as they are. In a
 * `multipart/form-data` body a file field is a `Blob` (a `File` is one), as `FormData` takes nothing else; a
 * whole body takes a `Blob`, an `ArrayBuffer`, a `Uint8Array` or a `ReadableStream<Uint8Array>` (sent once,
 * never retried). openapi-typescript would make it a `string`, which the runtime would send as JSON.
 */
export function binaryType(schema: SchemaObject, options: TransformNodeOptions): ts.TypeNode | undefined {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.format !== "binary" || !types.includes("string")) return undefined;
  const bytes: ts.TypeNode[] = options.path?.includes("multipart~1form-data")
    ? [type("Blob")]
    : [type("Blob"), type("ArrayBuffer"), type("Uint8Array"), type("ReadableStream", type("Uint8Array"))];
  if (types.includes("null")) bytes.push(ts.factory.createLiteralTypeNode(ts.factory.createNull()));
  return ts.factory.createUnionTypeNode(bytes);
}

/**
 * Generates the TypeScript types of a bundle with openapi-typescript's API.
 * The API (unlike its CLI) reads no redocly.yaml: the bundle it is given has
 * already passed our own lint.
 *
 * When the bundle marks properties with `x-zenfetch-custom-fields`, the interfaces become generic in the app's
 * field maps (see `threadFieldMaps`) and each marked property is typed through core's `$CustomFields`.
 */
export async function generateTypes(doc: Document, source: string): Promise<string> {
  const copy = structuredClone(doc);
  const { sites, problems } = collectCustomFieldSites(copy, source);
  if (problems.length > 0) throw new PipelineError(`${source}: ${CUSTOM_FIELDS} is misused:`, problems);
  for (const [pointer, site] of sites) {
    const node = resolvePointer(copy, pointer);
    if (isObject(node)) node[DIRECTION] = site.direction;
  }
  const ast = await openapiTS(copy as never, {
    silent: true,
    readWriteMarkers: true,
    transform: binaryType,
    transformProperty(property, schema) {
      const kind = (schema as Record<string, unknown>)[CUSTOM_FIELDS];
      const direction = (schema as Record<string, unknown>)[DIRECTION];
      if (typeof kind !== "string" || typeof direction !== "string" || !property.type) return undefined;
      return f.updatePropertySignature(
        property,
        property.modifiers,
        property.name,
        property.questionToken,
        wrapCustomFields(property.type, kind, direction as Direction),
      );
    },
  });
  const body = astToString(sites.size > 0 ? threadFieldMaps(ast) : ast);
  return `// Generated by \`pnpm generate\` from ${source}. Do not edit: change the spec and regenerate.\n${body.endsWith("\n") ? body : `${body}\n`}`;
}
