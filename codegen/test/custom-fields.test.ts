import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectCustomFieldSites } from "../src/custom-fields.js";
import { PipelineError } from "../src/errors.js";
import type { Json, JsonObject } from "../src/json.js";
import { generateTypes } from "../src/types.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ content: { "application/json": { schema } } });

/** A ticket read by GET, written by POST, and a user both read and written; `patch` edits the schemas. */
function fixture(patch: (schemas: Record<string, JsonObject>) => void = () => {}): Document {
  const schemas: Record<string, JsonObject> = {
    FieldValue: {
      type: "object",
      required: ["id", "value"],
      properties: { id: { type: "integer" }, value: { type: ["string", "null"] } },
    },
    FieldMap: { type: "object", additionalProperties: { type: ["string", "null"] } },
    Ticket: {
      type: "object",
      properties: {
        id: { type: "integer", readOnly: true },
        custom_fields: { type: "array", items: ref("FieldValue"), "x-zenfetch-custom-fields": "ticket" },
      },
    },
    TicketInput: {
      type: "object",
      properties: {
        custom_fields: { type: "array", items: ref("FieldValue"), "x-zenfetch-custom-fields": "ticket" },
      },
    },
    User: {
      type: "object",
      properties: {
        user_fields: { $ref: "#/components/schemas/FieldMap", "x-zenfetch-custom-fields": "user" },
        org_fields: { oneOf: [ref("FieldMap"), { type: "null" }], "x-zenfetch-custom-fields": "organization" },
      },
    },
  };
  patch(schemas);
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/tickets": {
        get: { operationId: "ShowTicket", responses: { "200": { description: "ok", ...json(ref("Ticket")) } } },
        post: {
          operationId: "CreateTicket",
          requestBody: json(ref("TicketInput")),
          responses: { "201": { description: "ok", ...json({ type: "object", properties: { user: ref("User") } }) } },
        },
      },
      "/users": {
        put: {
          operationId: "UpdateUser",
          requestBody: json(ref("User")),
          responses: { "204": { description: "ok" } },
        },
      },
    },
    components: { schemas },
  } as Document;
}

const messages = (doc: Document) =>
  collectCustomFieldSites(doc, "x.yaml").problems.map((p) => `${p.pointer} ${p.message}`);

describe("x-zenfetch-custom-fields is checked", () => {
  test("a correct bundle has no problems, and each property travels the way its operations say", () => {
    const { sites, problems } = collectCustomFieldSites(fixture(), "x.yaml");
    expect(problems).toEqual([]);
    expect(Object.fromEntries(sites)).toEqual({
      "#/components/schemas/Ticket/properties/custom_fields": { kind: "ticket", direction: "read" },
      "#/components/schemas/TicketInput/properties/custom_fields": { kind: "ticket", direction: "write" },
      "#/components/schemas/User/properties/user_fields": { kind: "user", direction: "both" },
      "#/components/schemas/User/properties/org_fields": { kind: "organization", direction: "both" },
    });
  });

  test("an unknown kind is refused, naming the allowed ones", () => {
    const doc = fixture((s) => {
      const props = (s.Ticket as { properties: Record<string, JsonObject> }).properties;
      props.custom_fields = { ...props.custom_fields, "x-zenfetch-custom-fields": "tickets" };
    });
    expect(messages(doc)).toEqual([
      '#/components/schemas/Ticket/properties/custom_fields x-zenfetch-custom-fields: must be one of ticket, user, organization; got "tickets"',
    ]);
  });

  test("only a property may carry it: not a whole schema, nor an array's items", () => {
    const doc = fixture((s) => {
      s.FieldMap = { ...s.FieldMap, "x-zenfetch-custom-fields": "user" };
      s.Extra = { type: "array", items: { ...ref("FieldValue"), "x-zenfetch-custom-fields": "ticket" } };
    });
    const found = messages(doc);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^#\/components\/schemas\/FieldMap .*may only be set on a property of an object schema/);
    expect(found[1]).toMatch(/^#\/components\/schemas\/Extra\/items .*may only be set on a property/);
  });

  test("the shape must fit the kind", () => {
    const doc = fixture((s) => {
      const props = (s.Ticket as { properties: Record<string, JsonObject> }).properties;
      props.wrong_list = { ...ref("FieldMap"), "x-zenfetch-custom-fields": "ticket" };
      props.wrong_map = { type: "array", items: ref("FieldValue"), "x-zenfetch-custom-fields": "user" };
    });
    const found = messages(doc);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/wrong_list .*must be an array of `\{ id, value \}` objects/);
    expect(found[1]).toMatch(/wrong_map .*a `user` field map must be an object with additionalProperties/);
  });

  test("not inside another marked property", () => {
    const doc = fixture((s) => {
      s.Wrapper = {
        type: "object",
        properties: {
          outer: {
            type: "object",
            additionalProperties: true,
            "x-zenfetch-custom-fields": "user",
            properties: { inner: { ...ref("FieldMap"), "x-zenfetch-custom-fields": "organization" } },
          },
        },
      };
    });
    expect(messages(doc)).toEqual([
      "#/components/schemas/Wrapper/properties/outer/properties/inner x-zenfetch-custom-fields: is inside another property that declares custom fields; declare it once, on the outer property",
    ]);
  });

  test("generateTypes stops on a misuse with the pointer", async () => {
    const doc = fixture((s) => {
      s.FieldMap = { ...s.FieldMap, "x-zenfetch-custom-fields": "user" };
    });
    const error = await generateTypes(doc, "x.yaml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect(String((error as Error).message)).toContain("x.yaml #/components/schemas/FieldMap");
  });
});

describe("generated types", () => {
  test("interfaces take the app's field maps, every reference passes them on, marked properties are wrapped", async () => {
    const out = await generateTypes(fixture(), "x.yaml");
    expect(out).toContain('import type { $CustomFields, CustomFieldMaps } from "@zenfetch/core";');
    for (const name of ["paths", "components", "operations"]) {
      expect(out).toContain(`export interface ${name}<F extends CustomFieldMaps = CustomFieldMaps> {`);
    }
    expect(out).toContain('get: operations<F>["ShowTicket"];');
    expect(out).toContain(
      'custom_fields?: $CustomFields<F, "ticket", "read", components<F>["schemas"]["FieldValue"][]>;',
    );
    expect(out).toContain(
      'custom_fields?: $CustomFields<F, "ticket", "write", components<F>["schemas"]["FieldValue"][]>;',
    );
    expect(out).toContain('user_fields?: $CustomFields<F, "user", "both", components<F>["schemas"]["FieldMap"]>;');
    expect(out).toContain(
      'org_fields?: $CustomFields<F, "organization", "both", components<F>["schemas"]["FieldMap"] | null>;',
    );
    // No reference to the generated interfaces is left without the maps.
    expect(out).not.toMatch(/\b(components|operations|paths)\[/);
  });

  test("a bundle without the extension is generated as before: no type parameter, no import", async () => {
    const doc = fixture((s) => {
      for (const schema of Object.values(s)) {
        for (const prop of Object.values((schema.properties ?? {}) as Record<string, JsonObject>)) {
          delete prop["x-zenfetch-custom-fields"];
        }
      }
    });
    const out = await generateTypes(doc, "x.yaml");
    expect(out).not.toContain("@zenfetch/core");
    expect(out).toContain("export interface paths {");
    expect(out).toContain('get: operations["ShowTicket"];');
  });
});
