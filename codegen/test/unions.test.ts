import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import type { Document } from "../src/bundle.js";
import { PipelineError } from "../src/errors.js";
import type { Json, JsonObject } from "../src/json.js";
import { runPipeline } from "../src/pipeline.js";
import { checkUnions, withoutDiscriminators } from "../src/unions.js";
import { copyFixture, edit, makeFixture } from "./helpers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
/** Generated files and the consumers compiled against them; git-ignored, and left out of `pnpm typecheck`. */
const out = path.join(here, "fixtures/unions/out");
const quiet = () => {};

/**
 * Type-checks files as an app would, with the workspace's compiler options, in one program; returns each
 * file's errors as text.
 */
function typeErrors(files: string[]): Map<string, string> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // The runtime as the packages' users get it, from source: core re-exports Readable and Writable.
    paths: { "@zenfetch/core": [path.join(repoRoot, "packages/core/src/index.ts")] },
  };
  const program = ts.createProgram(files, options);
  const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => out, getNewLine: () => "\n" };
  const global = ts.formatDiagnostics([...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics()], host);
  return new Map(
    files.map((file) => {
      const source = program.getSourceFile(file);
      const diagnostics = source
        ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
        : [];
      return [file, global + ts.formatDiagnostics(diagnostics, host)];
    }),
  );
}

/**
 * An app using the fixture's unions. Every `@ts-expect-error` must meet an error (an unused one is an error
 * itself), so the file compiling cleanly proves both what works and what is refused.
 */
const consumer = `import { createZendeskClient, type Readable, type Writable } from "@zenfetch/core";
import type { components, paths } from "./schema.js";

type Schemas = components["schemas"];
const client = createZendeskClient<paths>({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken: "t" } });

// Search results: a switch on result_type, each case with its own record's fields, read through Readable.
export async function describeResults(): Promise<string[]> {
  const { data } = await client.GET("/api/v2/search", { params: { query: { query: "printer" } } });
  return (data?.results ?? []).map((result) => {
    switch (result.result_type) {
      case "ticket": {
        const id: number = result.id;
        // @ts-expect-error the opening comment is writeOnly: a ticket read back has none
        result.comment;
        return \`#\${id} \${result.subject} (\${result.status})\`;
      }
      case "user":
        // @ts-expect-error a user has no subject
        result.subject;
        return result.email ?? result.name;
      case "organization":
        return result.domain_names.join(", ");
      case "group":
        return result.is_public ? result.name : "(private)";
      default: {
        const never: never = result;
        return never;
      }
    }
  });
}

// Targets: keyed by type, in a response and in a request body.
export function address(target: Readable<Schemas["Target"]>): string {
  switch (target.type) {
    case "email_target":
      return target.email;
    case "http_target":
      // @ts-expect-error the password is writeOnly
      target.password;
      return \`\${target.method} \${target.target_url}\`;
    case "chat_target":
      return target.room;
    default: {
      const never: never = target;
      return never;
    }
  }
}

export function incomplete(target: Schemas["Target"]): string {
  switch (target.type) {
    case "email_target":
      return target.email;
    case "http_target":
      return target.target_url;
    default: {
      // @ts-expect-error chat_target is not handled, so a target can still get here
      const never: never = target;
      return never;
    }
  }
}

export async function listAndCreate(): Promise<string[]> {
  const { data } = await client.GET("/api/v2/targets");
  const addresses = (data?.targets ?? []).map(address);
  await client.POST("/api/v2/targets", {
    body: { target: { type: "http_target", title: "Hook", target_url: "https://hooks.example.test/z", method: "post", password: "pw" } },
  });
  await client.POST("/api/v2/targets", {
    // @ts-expect-error an email target has no target_url (and needs an email)
    body: { target: { type: "email_target", title: "Desk", target_url: "https://hooks.example.test/z" } },
  });
  await client.POST("/api/v2/targets", {
    // @ts-expect-error id is readOnly: a request cannot send it
    body: { target: { type: "chat_target", title: "Ops room", room: "ops", id: 7 } },
  });
  // @ts-expect-error there is no such kind of target
  const unknownKind: Schemas["Target"] = { type: "pigeon_target", title: "Coop" };
  return [...addresses, unknownKind.title];
}

// Conditions and actions: what value takes depends on field.
export const trigger: Writable<Schemas["Trigger"]> = {
  title: "Escalate stale urgent tickets",
  conditions: {
    all: [
      { field: "status", operator: "less_than", value: "solved" },
      { field: "priority", operator: "is", value: "urgent" },
    ],
    any: [{ field: "assignee_id", operator: "is", value: "current_user" }],
  },
  actions: [
    { field: "assignee_id", value: "12345" },
    { field: "set_tags", value: "escalated vip" },
    { field: "notification_user", value: ["current_user", "Escalated", "A ticket needs you."] },
  ],
};

// @ts-expect-error a status condition takes a status name, not an assignee
export const crossedPairing: Schemas["Condition"] = { field: "status", operator: "is", value: "current_user" };
// @ts-expect-error a status condition takes one status name, not a list
export const wrongPairing: Schemas["Condition"] = { field: "status", operator: "is", value: ["x"] };
// @ts-expect-error "solved" is a status, not a priority
export const wrongEnum: Schemas["Action"] = { field: "priority", value: "solved" };
// @ts-expect-error an assignee is an id as a string, or current_user
export const wrongId: Schemas["Action"] = { field: "assignee_id", value: 12345 };
// @ts-expect-error a notification is [recipient, subject, body]
export const shortNotification: Schemas["Action"] = { field: "notification_user", value: ["current_user", "Hi"] };
// @ts-expect-error set_tags takes the tags as one string
export const tagList: Schemas["Action"] = { field: "set_tags", value: ["a", "b"] };

export function describeAction(action: Schemas["Action"]): string {
  switch (action.field) {
    case "status":
      // @ts-expect-error a status value is never a priority
      if (action.value === "urgent") return "";
      return \`status to \${action.value}\`;
    case "priority": {
      const priority: "low" | "normal" | "high" | "urgent" = action.value;
      return \`priority to \${priority}\`;
    }
    case "assignee_id":
      return action.value === "current_user" ? "to whoever updates" : \`to user \${action.value}\`;
    case "set_tags":
      // @ts-expect-error the tags are one space-separated string
      action.value.map(String);
      return action.value.split(" ").join(", ");
    case "notification_user": {
      const [recipient, subject, body] = action.value;
      return \`\${recipient}: \${subject} / \${body}\`;
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}
`;

/** The fixture's bundle, as `pnpm generate` writes it. */
let bundle: Document;
/** The fixture's types, as `pnpm generate` writes them. */
let schema: string;
/** Type errors of the consumer compiled on the fixture's types (`out/`) and on openapi-typescript's own (`out/raw/`). */
let errors: Map<string, string>;
let fixtureDir = "";
afterAll(() => rm(fixtureDir, { recursive: true, force: true }));

beforeAll(async () => {
  const fx = await copyFixture("unions");
  fixtureDir = fx.dir;
  await runPipeline({ configPath: fx.config, log: quiet });
  bundle = parse(await readFile(fx.file("specs/dist/demo.yaml"), "utf8")) as Document;
  schema = await readFile(fx.file("packages/demo/src/generated/schema.ts"), "utf8");

  // What openapi-typescript makes on its own of the same bundle with each discriminator's propertyName only.
  const raw = structuredClone(bundle);
  for (const union of Object.values((raw.components as { schemas: Record<string, Document> }).schemas)) {
    const discriminator = union.discriminator as Document | undefined;
    if (discriminator) union.discriminator = { propertyName: discriminator.propertyName ?? null };
  }
  const rawSchema = astToString(await openapiTS(raw as never, { silent: true, readWriteMarkers: true }));

  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, "raw"), { recursive: true });
  const files = {
    "schema.ts": schema,
    "consumer.ts": consumer,
    "raw/schema.ts": rawSchema,
    "raw/consumer.ts": consumer,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(out, name), text);
  errors = new Map(
    [...typeErrors(Object.keys(files).map((name) => path.join(out, name)))].map(([file, text]) => [
      path.relative(out, file),
      text,
    ]),
  );
}, 120_000);

describe("the unions fixture", () => {
  test("generates a plain union of the variants, each with its own literal value", () => {
    expect(schema).toContain(
      'SearchResult: components["schemas"]["SearchTicketResult"] | components["schemas"]["SearchUserResult"] | components["schemas"]["SearchOrganizationResult"] | components["schemas"]["SearchGroupResult"];',
    );
    expect(schema).toMatch(
      /SearchTicketResult: components\["schemas"\]\["Ticket"\] & \{\s+\/\*\* @constant \*\/\s+result_type: "ticket";\s+\};/,
    );
    expect(schema).toMatch(/type: "email_target";/);
    expect(schema).toMatch(/field: "notification_user";/);
    // Nothing of openapi-typescript's own discriminator handling.
    expect(schema).not.toContain("Omit<");
    expect(schema).not.toContain("added by openapi-typescript");
    // The markers are on: the consumer checks the unions through Readable and Writable.
    expect(schema).toContain("id: $Read<number>");
    expect(schema).toContain("password?: $Write<string>");
  });

  test("keeps the discriminators and their mappings in the bundle", () => {
    const schemas = (bundle.components as { schemas: Record<string, { discriminator?: unknown }> }).schemas;
    expect(schemas.Target?.discriminator).toEqual({
      propertyName: "type",
      mapping: {
        email_target: "#/components/schemas/EmailTarget",
        http_target: "#/components/schemas/HttpTarget",
        chat_target: "#/components/schemas/ChatTarget",
      },
    });
  });

  test("narrows with a switch, exhaustively, and refuses a wrong pairing, in responses and request bodies", () => {
    expect(errors.get("schema.ts")).toBe("");
    expect(errors.get("consumer.ts")).toBe("");
  });

  test("the same app does not compile on what openapi-typescript makes of a union without mapping", () => {
    // It takes each variant's schema name for its value, over the variant's own const: a plain variant gets the
    // name, and one built with allOf gets both, which makes it never.
    const raw = errors.get("raw/consumer.ts");
    expect(raw).toMatch(/Type '"email_target"' is not comparable to type '[^']*"EmailTarget"[^']*'/);
    expect(raw).toContain("Property 'result_type' does not exist on type 'never'");
  });
});

describe("a union against the convention", () => {
  const ref = (name: string) => `#/components/schemas/${name}`;
  /** A document whose one operation answers with `Union`: variants A (const) and B (one-value enum). */
  function spec(change: (schemas: Record<string, JsonObject>) => void = () => {}): Document {
    const schemas: Record<string, JsonObject> = {
      Union: {
        oneOf: [{ $ref: ref("A") }, { $ref: ref("B") }],
        discriminator: { propertyName: "kind", mapping: { a: ref("A"), b: ref("B") } },
      },
      A: { type: "object", required: ["kind"], properties: { kind: { type: "string", const: "a" } } },
      B: {
        type: "object",
        required: ["kind", "size"],
        properties: { kind: { enum: ["b"] }, size: { type: "integer" } },
      },
      Base: { type: "object", properties: { name: { type: "string" } } },
    };
    change(schemas);
    const content = { "application/json": { schema: { $ref: ref("Union") } } };
    return {
      openapi: "3.1.0",
      paths: { "/things": { get: { responses: { "200": { description: "ok", content } } } } },
      components: { schemas },
    };
  }
  const schemaOf = (schemas: Record<string, JsonObject>, name: string): JsonObject => {
    const schema = schemas[name];
    if (!schema) throw new Error(`no schema ${name} in the test document`);
    return schema;
  };
  const union = (schemas: Record<string, JsonObject>) => schemas.Union as JsonObject & { oneOf: Json[] };
  const discriminatorOf = (schemas: Record<string, JsonObject>) => union(schemas).discriminator as JsonObject;
  const mappingOf = (schemas: Record<string, JsonObject>) => discriminatorOf(schemas).mapping as JsonObject;
  const kindOf = (schemas: Record<string, JsonObject>, name: string) =>
    (schemaOf(schemas, name).properties as Record<string, JsonObject>).kind as JsonObject;

  test("passes when every variant has its value and mapping lists each under it", () => {
    expect(checkUnions(spec(), "dist.yaml")).toEqual([]);
  });

  test("passes a variant built with allOf from a base and a part holding the value", () => {
    const doc = spec((s) => {
      s.A = {
        allOf: [{ $ref: ref("Base") }, { type: "object", required: ["kind"], properties: { kind: { const: "a" } } }],
      };
    });
    expect(checkUnions(doc, "dist.yaml")).toEqual([]);
  });

  test("passes a variant whose value is declared in an allOf part and required on the variant", () => {
    const doc = spec((s) => {
      s.A = {
        required: ["kind"],
        allOf: [{ $ref: ref("Base") }, { type: "object", properties: { kind: { const: "a" } } }],
      };
    });
    expect(checkUnions(doc, "dist.yaml")).toEqual([]);
  });

  const cases: [string, (s: Record<string, JsonObject>) => void, string, RegExp][] = [
    [
      "a discriminator that is not an object",
      (s) => {
        union(s).discriminator = "kind";
      },
      "#/components/schemas/Union/discriminator",
      /discriminator must be an object: discriminator: \{ propertyName: <property>, mapping:/,
    ],
    [
      "an unknown key in the discriminator",
      (s) => {
        discriminatorOf(s).default = "a";
      },
      "#/components/schemas/Union/discriminator",
      /unknown key\(s\) default in discriminator/,
    ],
    [
      "no propertyName",
      (s) => {
        delete discriminatorOf(s).propertyName;
      },
      "#/components/schemas/Union/discriminator/propertyName",
      /discriminator needs propertyName: the name of the property that tells the variants apart/,
    ],
    [
      "a propertyName that is a path",
      (s) => {
        discriminatorOf(s).propertyName = "meta.kind";
      },
      "#/components/schemas/Union/discriminator/propertyName",
      /"meta\.kind" is not a property name: propertyName names a property that every variant declares/,
    ],
    [
      "a discriminator beside anyOf",
      (s) => {
        const { oneOf, ...rest } = union(s);
        s.Union = { ...rest, anyOf: oneOf };
      },
      "#/components/schemas/Union/discriminator",
      /a discriminator goes beside a oneOf that lists the variants \(write oneOf instead of anyOf/,
    ],
    [
      "a discriminator on a base that variants extend",
      (s) => {
        s.Base = { ...s.Base, discriminator: { propertyName: "kind" } } as JsonObject;
      },
      "#/components/schemas/Base/discriminator",
      /a base schema that variants extend with allOf takes no discriminator: list the variants in a oneOf/,
    ],
    [
      "a variant written inline",
      (s) => {
        union(s).oneOf[0] = s.A as Json;
        delete mappingOf(s).a;
      },
      "#/components/schemas/Union/oneOf/0",
      /must be a \$ref to a schema of its own .* move this one to schemas\.yaml/,
    ],
    [
      "a variant listed twice",
      (s) => {
        union(s).oneOf.push({ $ref: ref("A") });
      },
      "#/components/schemas/Union/oneOf/2",
      /#\/components\/schemas\/A is listed twice in oneOf/,
    ],
    [
      "a variant that does not declare the property",
      (s) => {
        delete (schemaOf(s, "B").properties as JsonObject).kind;
      },
      "#/components/schemas/B",
      /does not declare the discriminator "kind"; give it properties: \{ kind: \{ type: string, const: <its value> \} \} and required: \[kind\]/,
    ],
    [
      "a variant without a single value",
      (s) => {
        kindOf(s, "B").enum = ["b", "bb"];
      },
      "#/components/schemas/B/properties/kind",
      /the discriminator "kind" of this variant has no single value; write const: <its value> \(or a one-value enum\)/,
    ],
    [
      "a value that is not a string",
      (s) => {
        kindOf(s, "A").const = 1;
      },
      "#/components/schemas/A/properties/kind",
      /the discriminator "kind" must have a string value, not 1/,
    ],
    [
      "two values in one variant's allOf",
      (s) => {
        s.A = {
          allOf: [
            { type: "object", required: ["kind"], properties: { kind: { const: "a" } } },
            { type: "object", properties: { kind: { const: "z" } } },
          ],
        };
      },
      "#/components/schemas/A/allOf/1/properties/kind",
      /the discriminator "kind" is given different values in this variant \("a", "z"\); a variant has one/,
    ],
    [
      "an optional discriminator",
      (s) => {
        s.A = { ...s.A, required: [] };
      },
      "#/components/schemas/A",
      /the discriminator "kind" must be required: add it to `required` beside its const/,
    ],
    [
      "a readOnly discriminator",
      (s) => {
        kindOf(s, "A").readOnly = true;
      },
      "#/components/schemas/A/properties/kind",
      /the discriminator "kind" must not be readOnly: it tells the variants apart in requests and responses alike/,
    ],
    [
      "a writeOnly discriminator",
      (s) => {
        kindOf(s, "B").writeOnly = true;
      },
      "#/components/schemas/B/properties/kind",
      /the discriminator "kind" must not be writeOnly/,
    ],
    [
      "two variants sharing a value",
      (s) => {
        kindOf(s, "B").enum = ["a"];
      },
      "#/components/schemas/Union/oneOf/1",
      /#\/components\/schemas\/B and #\/components\/schemas\/A both have kind "a": each variant needs a value of its own/,
    ],
    [
      "no mapping",
      (s) => {
        delete discriminatorOf(s).mapping;
      },
      "#/components/schemas/Union/discriminator",
      /discriminator needs a mapping from each value of kind to its variant: mapping: \{ a: '#\/components\/schemas\/A', b: '#\/components\/schemas\/B' \}/,
    ],
    [
      "a mapping entry that is not a string",
      (s) => {
        mappingOf(s).c = { $ref: ref("B") };
      },
      "#/components/schemas/Union/discriminator/mapping/c",
      /a mapping entry is a \$ref to one of the variants, as a string/,
    ],
    [
      "a mapping entry that points outside oneOf",
      (s) => {
        mappingOf(s).base = ref("Base");
      },
      "#/components/schemas/Union/discriminator/mapping/base",
      /mapping "base" points to #\/components\/schemas\/Base, which is not one of the variants in oneOf; list it there/,
    ],
    [
      "a mapping key that is not the variant's value",
      (s) => {
        delete mappingOf(s).b;
        mappingOf(s).bee = ref("B");
      },
      "#/components/schemas/Union/discriminator/mapping/bee",
      /mapping "bee" points to #\/components\/schemas\/B, whose kind is "b": the key must be the variant's value \(b: '#\/components\/schemas\/B'\)/,
    ],
    [
      "a variant missing from mapping",
      (s) => {
        delete mappingOf(s).b;
      },
      "#/components/schemas/Union/discriminator/mapping",
      /variant #\/components\/schemas\/B is missing from mapping: add b: '#\/components\/schemas\/B'/,
    ],
  ];

  test.each(cases)("refuses %s", (_, change, pointer, message) => {
    const problems = checkUnions(spec(change), "specs/dist/demo.yaml");
    expect(problems).toEqual([{ file: "specs/dist/demo.yaml", pointer, message: expect.stringMatching(message) }]);
  });

  test("finds a union inline in an operation, and in a parameter", () => {
    const doc = spec((s) => {
      delete mappingOf(s).b;
    });
    const operation = (doc.paths as Record<string, Record<string, JsonObject>>)["/things"]?.get as JsonObject;
    const responses = operation.responses as Record<string, JsonObject>;
    const inline = structuredClone((doc.components as { schemas: Record<string, Json> }).schemas.Union) as Json;
    (responses["200"]?.content as Record<string, JsonObject>)["application/json"] = { schema: inline };
    operation.parameters = [{ name: "filter", in: "query", content: { "application/json": { schema: inline } } }];
    const pointers = checkUnions(doc, "dist.yaml").map((problem) => problem.pointer);
    expect(pointers).toEqual([
      "#/components/schemas/Union/discriminator/mapping",
      "#/paths/~1things/get/parameters/0/content/application~1json/schema/discriminator/mapping",
      "#/paths/~1things/get/responses/200/content/application~1json/schema/discriminator/mapping",
    ]);
  });

  test("reads a property named discriminator, and examples, as data", () => {
    const doc = spec((s) => {
      s.A = {
        ...s.A,
        properties: { ...(schemaOf(s, "A").properties as JsonObject), discriminator: { type: "string" } },
        example: { kind: "a", discriminator: "free text" },
      };
    });
    expect(checkUnions(doc, "dist.yaml")).toEqual([]);
    const stripped = withoutDiscriminators(doc);
    const schemas = (stripped.components as { schemas: Record<string, JsonObject> }).schemas;
    expect(schemas.Union?.discriminator).toBeUndefined();
    expect((schemaOf(schemas, "A").properties as JsonObject).discriminator).toEqual({ type: "string" });
    expect(schemas.A?.example).toEqual({ kind: "a", discriminator: "free text" });
    // The bundle itself keeps its discriminators.
    expect((doc.components as { schemas: Record<string, JsonObject> }).schemas.Union?.discriminator).toBeDefined();
  });

  test("stops `pnpm generate` with the bundle's file and pointer", async () => {
    const fx = await makeFixture("unions");
    await edit(fx.file("specs/demo/schemas.yaml"), (text) => text.replace("enum: [group]", "enum: [team]"));
    const error = await runPipeline({ configPath: fx.config, log: quiet }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).problems).toEqual([
      {
        file: "specs/dist/demo.yaml",
        pointer: "#/components/schemas/SearchResult/discriminator/mapping/group",
        message: `mapping "group" points to #/components/schemas/SearchGroupResult, whose result_type is "team": the key must be the variant's value (team: '#/components/schemas/SearchGroupResult')`,
      },
    ]);
    expect((error as PipelineError).message).toContain(
      "specs/dist/demo.yaml #/components/schemas/SearchResult/discriminator/mapping/group",
    );
  });
});
