import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectOperations, renderOperations } from "../src/operations.js";

type Json = Document[string];

const TICKET_INCLUDE = {
  name: "include",
  in: "query",
  style: "form",
  explode: false,
  schema: { type: "array", items: { type: "string", enum: ["users", "dates", "incident_counts"] } },
};
const GOOD = {
  item: "tickets",
  values: {
    users: { sideload: "users" },
    dates: { fields: ["dates"] },
    incident_counts: { fields: ["incident_count"] },
  },
};

/**
 * A bundle with a ticket list whose page (a `$ref` to an `allOf` of the sideloads and the list) takes
 * `include`, a show operation whose success response is given twice (200 and 203), and a count without
 * any `include` parameter.
 */
function fixture(
  extension: Json | undefined,
  options: { parameter?: Json; showExtension?: Json; countExtension?: Json } = {},
): Document {
  const json = (schema: Json) => ({ description: "Fine.", content: { "application/json": { schema } } });
  const withInclude = (value: Json | undefined): Record<string, Json> =>
    value === undefined ? {} : { "x-zenfetch-include": value };
  return {
    openapi: "3.1.0",
    components: {
      parameters: { TicketInclude: options.parameter ?? TICKET_INCLUDE },
      schemas: {
        Ticket: {
          type: "object",
          properties: { id: { type: "integer" }, dates: { type: "object" }, incident_count: { type: "integer" } },
        },
        Sideloads: {
          type: "object",
          properties: {
            users: { type: "array", items: { type: "object" } },
            open_ticket_count: { type: "object", additionalProperties: { type: "integer" } },
          },
        },
        TicketPage: {
          allOf: [
            { $ref: "#/components/schemas/Sideloads" },
            {
              type: "object",
              properties: { tickets: { type: "array", items: { $ref: "#/components/schemas/Ticket" } } },
            },
          ],
        },
      },
    },
    paths: {
      "/api/v2/tickets": {
        get: {
          ...withInclude(extension),
          parameters: [{ $ref: "#/components/parameters/TicketInclude" }],
          responses: { "200": json({ $ref: "#/components/schemas/TicketPage" }) },
        },
      },
      "/api/v2/tickets/{ticket_id}": {
        get: {
          ...withInclude(options.showExtension),
          parameters: [{ $ref: "#/components/parameters/TicketInclude" }],
          responses: {
            "200": json({ type: "object", properties: { ticket: { $ref: "#/components/schemas/Ticket" } } }),
            "203": json({
              allOf: [
                { $ref: "#/components/schemas/Sideloads" },
                { type: "object", properties: { ticket: { type: "object", properties: { id: { type: "integer" } } } } },
              ],
            }),
          },
        },
      },
      "/api/v2/tickets/count": {
        get: { ...withInclude(options.countExtension), responses: { "200": json({ type: "object" }) } },
      },
    },
  };
}

const collect = (...args: Parameters<typeof fixture>) => collectOperations(fixture(...args), "demo.yaml");
const at = (route: string, rest = "") => `#/paths/${route.replaceAll("/", "~1")}/get/x-zenfetch-include${rest}`;

describe("x-zenfetch-include", () => {
  test("becomes the include map: each value's sideload (and what it is) or fields, keyed like the operations", () => {
    const { includes, operations, problems } = collect({
      ...GOOD,
      values: { ...GOOD.values, users: { sideload: "users" } },
    });
    expect(problems).toEqual([]);
    expect(includes).toEqual({
      "GET /api/v2/tickets": {
        item: "tickets",
        values: {
          users: { sideload: "users", kind: "array" },
          dates: { fields: ["dates"] },
          incident_counts: { fields: ["incident_count"] },
        },
      },
    });
    // Not runtime metadata: an operation with only an include declaration is not in `operations`.
    expect(operations).toEqual({});
    const rendered = renderOperations(operations, "demo.yaml", includes);
    expect(rendered).toContain(
      `"GET /api/v2/tickets": { item: "tickets", values: { users: { sideload: "users", kind: "array" }, dates: { fields: ["dates"] }, incident_counts: { fields: ["incident_count"] } } },`,
    );
    expect(rendered).toMatch(/export const includes = \{\n.*\n\} as const;/);
  });

  test("a sideload that is an object (keyed by id) is told apart from a list; a value may add nothing", () => {
    const parameter = {
      ...TICKET_INCLUDE,
      schema: { type: "string", enum: ["open_ticket_count", "comment_events"] },
    };
    const { includes, problems } = collect(
      { values: { open_ticket_count: { sideload: "open_ticket_count" }, comment_events: {} } },
      { parameter },
    );
    expect(problems).toEqual([]);
    expect(includes["GET /api/v2/tickets"]).toEqual({
      values: { open_ticket_count: { sideload: "open_ticket_count", kind: "object" }, comment_events: {} },
    });
  });

  test("an operation without an include query parameter is refused", () => {
    const { problems, includes } = collect(undefined, { countExtension: { values: { users: { sideload: "users" } } } });
    expect(includes).toEqual({});
    expect(problems).toContainEqual({
      file: "demo.yaml",
      pointer: at("/api/v2/tickets/count"),
      message: "the operation has no `include` query parameter",
    });
  });

  test("the values must be the parameter's enum, no more and no fewer", () => {
    const { problems } = collect({
      item: "tickets",
      values: { users: { sideload: "users" }, dates: { fields: ["dates"] }, slas: { fields: ["dates"] } },
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [at("/api/v2/tickets", "/values"), 'the include parameter offers "incident_counts", not declared here'],
      [at("/api/v2/tickets", "/values"), '"slas" not in the include parameter\'s enum'],
    ]);
  });

  test("an include parameter without an enum is refused: its values would not be typed", () => {
    const { problems } = collect(GOOD, { parameter: { ...TICKET_INCLUDE, schema: { type: "string" } } });
    expect(problems.map((p) => p.message)).toEqual([
      "the `include` parameter declares no enum; list its values there, the same as the keys of values",
    ]);
  });

  test("a sideload must be a property of every success response", () => {
    const { problems } = collect(undefined, {
      showExtension: { ...GOOD, item: "ticket", values: { ...GOOD.values, users: { sideload: "user" } } },
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [at("/api/v2/tickets/{ticket_id}", "/values/users/sideload"), 'the 200 response has no property "user"'],
      [at("/api/v2/tickets/{ticket_id}", "/values/users/sideload"), 'the 203 response has no property "user"'],
    ]);
  });

  test("the 200 of the show operation has no users: a sideload missing from one success response is refused", () => {
    const { problems } = collect(undefined, {
      showExtension: { item: "ticket", values: { ...GOOD.values, dates: {}, incident_counts: {} } },
    });
    expect(problems.map((p) => p.message)).toEqual(['the 200 response has no property "users"']);
  });

  test("fields must be properties of the records under item, through refs, allOf and arrays", () => {
    const { problems } = collect({
      ...GOOD,
      values: { ...GOOD.values, incident_counts: { fields: ["incident_counts", "incident_count"] } },
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [
        at("/api/v2/tickets", "/values/incident_counts/fields"),
        'the records under "tickets" have no property "incident_counts"',
      ],
    ]);
  });

  test("item must be a response property, and fields need it", () => {
    expect(collect({ ...GOOD, item: "ticket" }).problems.map((p) => [p.pointer, p.message])).toEqual([
      [at("/api/v2/tickets", "/item"), 'the 200 response has no property "ticket"'],
      [at("/api/v2/tickets", "/values/dates/fields"), 'the records under "ticket" have no property "dates"'],
      [
        at("/api/v2/tickets", "/values/incident_counts/fields"),
        'the records under "ticket" have no property "incident_count"',
      ],
    ]);
    const { item: _, ...withoutItem } = GOOD;
    expect(collect(withoutItem).problems.map((p) => [p.pointer, p.message])).toEqual([
      [at("/api/v2/tickets", "/values/dates/fields"), "fields land on each record under item: declare item"],
      [at("/api/v2/tickets", "/values/incident_counts/fields"), "fields land on each record under item: declare item"],
    ]);
  });

  test("unknown keys, at the top and in a value, are refused", () => {
    const { problems } = collect({
      ...GOOD,
      sideloads: ["users"],
      values: { ...GOOD.values, users: { sideload: "users", array: true } },
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [at("/api/v2/tickets"), 'unknown key "sideloads"; the keys are item, values'],
      [at("/api/v2/tickets", "/values/users"), 'unknown key "array"; the keys are sideload, fields'],
    ]);
  });

  test("shapes that are not the extension's are refused with what it should be", () => {
    expect(collect(["users"]).problems.map((p) => p.message)).toEqual([
      "must be { item?, values: { <include value>: { sideload?, fields? } } }",
    ]);
    const wrong = collect({
      ...GOOD,
      values: { users: "users", dates: { fields: "dates" }, incident_counts: { sideload: 1 } },
    }).problems.map((p) => [p.pointer, p.message]);
    expect(wrong).toEqual([
      [
        at("/api/v2/tickets", "/values/users"),
        "must be { sideload?, fields? }: the response property it adds, the properties it adds to each record ({} for neither)",
      ],
      [at("/api/v2/tickets", "/values/dates/fields"), "fields must be a list of property names"],
      [at("/api/v2/tickets", "/values/incident_counts/sideload"), "sideload must name a top-level response property"],
    ]);
  });
});
