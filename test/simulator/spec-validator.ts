/**
 * Validates simulator responses against the project's bundled OpenAPI 3.1 specs (specs/dist/*.yaml, or any other
 * bundle file): finds the operation for a method and path, and checks a body against the schema its response
 * declares for the status. The generic routes read their operations and schemas through it too.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";

// Ajv, its formats and the YAML parser take a third of a second to load, and every simulator builds a validator
// that may never check anything, so they are loaded on first use. They are CommonJS; require also avoids
// default-export interop differences.
const require = createRequire(import.meta.url);

export const BUNDLES = [
  "tickets",
  "incremental",
  "custom-objects",
  "job-statuses",
  "users",
  "organizations",
  "groups",
  "search",
  "ticket-fields",
] as const;
export type BundleName = (typeof BUNDLES)[number];

const DIST = fileURLToPath(new URL("../../specs/dist/", import.meta.url));
const CACHE = fileURLToPath(new URL("../../node_modules/.cache/zenfetch-simulator/", import.meta.url));
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

export type Json = Record<string, unknown>;

export interface Operation {
  /** The bundle's name: its file name without the extension (`tickets`). */
  bundle: string;
  method: string;
  path: string;
  operationId: string;
  responses: Json;
  /** The operation's `x-zenfetch-pagination`, when it is a list. */
  pagination?: { style: string; items: string };
  /** The operation as the bundle has it (requestBody, extensions…). */
  definition: Json;
  /** Path-level then operation-level parameters, references resolved. */
  parameters: Json[];
}

export interface Verdict {
  operations: Operation[];
  /** Empty when the body is valid. */
  problems: string[];
}

export function bundlePath(name: BundleName): string {
  return `${DIST}${name}.yaml`;
}

export function missingBundles(): BundleName[] {
  return BUNDLES.filter((name) => !existsSync(bundlePath(name)));
}

/** Every bundle file in specs/dist, by name: a new domain's bundle is picked up without a code change. */
export function distBundlePaths(): string[] {
  if (!existsSync(DIST)) return [];
  return readdirSync(DIST)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => `${DIST}${file}`);
}

const parsedBundles = new Map<string, { text: string; document: Json }>();

/**
 * A bundle file, parsed. Parsing the four bundles' YAML takes most of a second, and every test file starts a
 * simulator, so the result is kept on disk as JSON under node_modules/.cache, keyed by the file's name and content.
 */
export function readBundle(path: string): Json {
  const text = readFileSync(path, "utf8");
  const known = parsedBundles.get(path);
  if (known?.text === text) return known.document;
  const stem = `${basename(path, extname(path))}-`;
  const cached = `${CACHE}${stem}${createHash("sha1").update(text).digest("hex")}.json`;
  let document: Json | undefined;
  try {
    if (existsSync(cached)) document = JSON.parse(readFileSync(cached, "utf8")) as Json;
  } catch {
    document = undefined;
  }
  if (!document) {
    document = (require("yaml") as typeof import("yaml")).parse(text) as Json;
    try {
      mkdirSync(CACHE, { recursive: true });
      // Written aside and renamed, so that a test file starting at the same moment never reads half a file.
      const temporary = `${cached}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(document));
      renameSync(temporary, cached);
      // Earlier versions of the same bundle are of no more use.
      for (const file of readdirSync(CACHE)) {
        if (file.startsWith(stem) && file.endsWith(".json") && `${CACHE}${file}` !== cached) rmSync(`${CACHE}${file}`);
      }
    } catch {
      // A read-only tree only loses the speed-up.
    }
  }
  parsedBundles.set(path, { text, document });
  return document;
}

/** A source is a bundle name from specs/dist (`tickets`) or the path of a bundle file. */
function sourcePath(source: string): string {
  return /[/\\]/.test(source) || /\.(ya?ml|json)$/.test(source) ? resolve(source) : `${DIST}${source}.yaml`;
}

/** `/api/v2/tickets/{ticket_id}` -> `/api/v2/tickets/{}`: paths compared without parameter names. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]+\}/g, "{}");
}

export class SpecValidator {
  readonly operations: Operation[] = [];
  /** The bundles read, in the order given: `name` is what `Operation.bundle` holds. */
  readonly bundles: { name: string; path: string }[] = [];
  private readonly documents = new Map<string, Json>();
  private ajvInstance: Ajv2020 | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly compiledSchemas = new WeakMap<object, ValidateFunction>();

  /** `sources`: bundle names from specs/dist (default: the four domains) or paths of bundle files. */
  constructor(sources: readonly string[] = BUNDLES) {
    for (const source of sources) {
      const path = sourcePath(source);
      if (this.bundles.some((bundle) => bundle.path === path)) continue;
      const document = readBundle(path);
      // Names must be unique: they key the documents and the schema ids below.
      let name = basename(path, extname(path));
      for (let n = 2; this.documents.has(name); n++) name = `${basename(path, extname(path))}-${n}`;
      this.bundles.push({ name, path });
      this.documents.set(name, document);
      for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
        const shared = (item.parameters ?? []) as Json[];
        for (const method of METHODS) {
          const operation = item[method] as Json | undefined;
          if (!operation) continue;
          this.operations.push({
            bundle: name,
            method: method.toUpperCase(),
            // As the server routes a request: without the `.json` a few spec paths spell out (the assignee field's).
            path: path.replace(/\.json$/, ""),
            operationId: String(operation.operationId ?? `${method} ${path}`),
            responses: (operation.responses ?? {}) as Json,
            pagination: operation["x-zenfetch-pagination"] as Operation["pagination"],
            definition: operation,
            parameters: [...shared, ...((operation.parameters ?? []) as Json[])].map((parameter) =>
              this.deref(name, parameter),
            ),
          });
        }
      }
    }
  }

  private get ajv(): Ajv2020 {
    if (!this.ajvInstance) {
      const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
      const addFormats = require("ajv-formats") as (ajv: Ajv2020) => Ajv2020;
      this.ajvInstance = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
      addFormats(this.ajvInstance);
      // Every component of every bundle, under an id of its own, so `#/components/...` refs resolve.
      for (const [name, document] of this.documents) {
        this.ajvInstance.addSchema({ $id: baseId(name), components: document.components ?? {} });
      }
    }
    return this.ajvInstance;
  }

  /** The parsed bundle. */
  document(bundle: string): Json {
    const document = this.documents.get(bundle);
    if (!document) throw new Error(`unknown bundle ${bundle}`);
    return document;
  }

  /**
   * The operations for a method and a concrete path (`/api/v2/tickets/42`), preferring literal segments over
   * parameters; more than one when several bundles describe the same endpoint.
   */
  find(method: string, concretePath: string): Operation[] {
    const parts = concretePath.split("/");
    let best: Operation[] = [];
    let bestLiterals = -1;
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const template = operation.path.split("/");
      if (template.length !== parts.length) continue;
      let literals = 0;
      const fits = template.every((segment, i) => {
        if (segment.startsWith("{")) return parts[i] !== "";
        literals++;
        return segment === parts[i];
      });
      if (!fits || literals < bestLiterals) continue;
      if (literals > bestLiterals) best = [];
      bestLiterals = literals;
      best.push(operation);
    }
    return best;
  }

  /** The operation with this method and path template (parameter names ignored). */
  findTemplate(method: string, template: string): Operation | undefined {
    const shape = pathShape(template);
    return this.operations.find((operation) => operation.method === method && pathShape(operation.path) === shape);
  }

  /**
   * Checks a response against every operation that describes the endpoint: the status must be declared, and a JSON
   * body must match the declared schema.
   */
  check(method: string, concretePath: string, status: number, body: unknown, contentType: string | null): Verdict {
    const operations = this.find(method, concretePath);
    if (operations.length === 0) {
      const absent = missingBundles();
      const hint = absent.length > 0 ? ` (missing bundles: ${absent.join(", ")})` : "";
      return { operations, problems: [`no operation in the specs for ${method} ${concretePath}${hint}`] };
    }
    const problems = operations.flatMap((operation) => this.checkOne(operation, status, body, contentType));
    return { operations, problems };
  }

  /**
   * The property names the JSON body of an operation's response declares, followed through `$ref` and `allOf` (a
   * page's paging fields, say), or an empty set when it declares none.
   */
  declaredProperties(operation: Operation, status: number): Set<string> {
    const names = new Set<string>();
    const media = (this.resolveResponse(operation, status)?.content as Record<string, Json> | undefined)?.[
      "application/json"
    ];
    const visit = (schema: unknown, depth: number) => {
      if (!schema || typeof schema !== "object" || depth > 10) return;
      const resolved = this.deref(operation.bundle, schema as Json);
      for (const name of Object.keys((resolved.properties ?? {}) as Json)) names.add(name);
      for (const part of (resolved.allOf ?? []) as unknown[]) visit(part, depth + 1);
    };
    visit(media?.schema, 0);
    return names;
  }

  /** The JSON schema of an operation's response for a status: `declared` is false when the status is not. */
  responseSchema(operation: Operation, status: number): { declared: boolean; schema?: Json } {
    const response = this.resolveResponse(operation, status);
    if (!response) return { declared: false };
    const content = response.content as Record<string, Json> | undefined;
    const media = content?.["application/json"] ?? (content ? Object.values(content)[0] : undefined);
    return { declared: true, schema: media?.schema as Json | undefined };
  }

  /** The JSON schema of an operation's request body, if it takes one. */
  requestSchema(operation: Operation): Json | undefined {
    const body = operation.definition.requestBody as Json | undefined;
    if (!body) return undefined;
    const content = this.deref(operation.bundle, body).content as Record<string, Json> | undefined;
    return (content?.["application/json"]?.schema as Json | undefined) ?? undefined;
  }

  /** Checks a response against one operation (see `check`). */
  checkOperation(operation: Operation, status: number, body: unknown, contentType: string | null): string[] {
    return this.checkOne(operation, status, body, contentType);
  }

  /** Checks a value against a schema taken from a bundle: each problem's JSON pointer into the value, and what is wrong. */
  validate(bundle: string, schema: Json, value: unknown): { path: string; message: string }[] {
    let validate = this.compiledSchemas.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema, baseId(bundle)) as Json);
      this.compiledSchemas.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ path: error.instancePath, message: explain(error) }));
  }

  /** Follows `$ref`s to what they point at, within the bundle. */
  deref(bundle: string, value: Json): Json {
    let current = value;
    for (let depth = 0; typeof current.$ref === "string" && depth < 10; depth++) {
      const ref = current.$ref as string;
      if (!ref.startsWith("#/")) throw new Error(`external $ref ${ref} in ${bundle}`);
      let target: unknown = this.documents.get(bundle);
      for (const part of ref.slice(2).split("/")) {
        target = (target as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      }
      if (!target) throw new Error(`dangling $ref ${ref} in ${bundle}`);
      current = target as Json;
    }
    return current;
  }

  private checkOne(operation: Operation, status: number, body: unknown, contentType: string | null): string[] {
    const name = `${operation.operationId} (${operation.bundle})`;
    const response = this.resolveResponse(operation, status);
    if (!response) return [`${name} does not declare status ${status}`];
    const content = response.content as Record<string, Json> | undefined;
    if (!content) return body === undefined ? [] : [`${name} ${status} declares no body, but one was sent`];
    const media = content["application/json"] ?? Object.values(content)[0];
    if (!media?.schema) return [];
    if (!contentType?.startsWith("application/json")) return [`${name} ${status}: expected JSON, got ${contentType}`];
    const validate = this.validator(operation, status, media.schema as Json);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${name} ${status}: ${describe(error)}`);
  }

  private resolveResponse(operation: Operation, status: number): Json | undefined {
    const responses = operation.responses;
    const entry = (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as
      | Json
      | undefined;
    if (!entry) return undefined;
    return this.deref(operation.bundle, entry);
  }

  private validator(operation: Operation, status: number, schema: Json): ValidateFunction {
    const key = `${operation.bundle} ${operation.method} ${operation.path} ${status}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const validate = this.ajv.compile(rebase(schema, baseId(operation.bundle)) as Json);
    this.compiled.set(key, validate);
    return validate;
  }
}

function baseId(name: string): string {
  return `https://zenfetch.invalid/specs/${name}.json`;
}

/** Points a schema's local refs (`#/components/...`) at the bundle's registered components. */
function rebase(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rebase(item, base));
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value as Json)) {
    out[key] =
      key === "$ref" && typeof item === "string" && item.startsWith("#") ? `${base}${item}` : rebase(item, base);
  }
  return out;
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || "(body)"} ${explain(error)} [schema ${error.schemaPath}]`;
}

function explain(error: ErrorObject): string {
  const extra =
    error.keyword === "additionalProperties"
      ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'`
      : error.keyword === "enum"
        ? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
        : "";
  return `${error.message ?? error.keyword}${extra}`;
}
