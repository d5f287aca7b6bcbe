// `x-zenfetch-bulk` read from small in-memory bundles: what a good declaration becomes in the generated
// metadata, and each way a declaration can disagree with the operation it sits on.
import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectOperations, renderOperations } from "../src/operations.js";

const jobStatusResponse = {
  description: "The queued job.",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          job_status: {
            type: "object",
            properties: { id: { type: "string" }, status: { type: "string" }, results: { type: "array" } },
          },
        },
      },
    },
  },
};

const body = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
const widgets = (maxItems?: number) => ({
  type: "object",
  properties: {
    widgets: { type: "array", ...(maxItems ? { maxItems } : {}), items: { type: "object", properties: {} } },
  },
});
const idsParameter = { name: "ids", in: "query", required: true, schema: { type: "string" } };

/** A bundle with one operation, `POST /api/v2/widgets/create_many` unless told otherwise. */
function doc(operation: Record<string, unknown>, route = "/api/v2/widgets/create_many", method = "post"): Document {
  return {
    openapi: "3.1.0",
    paths: { [route]: { [method]: { responses: { "200": jobStatusResponse }, ...operation } } },
  } as unknown as Document;
}

const read = (document: Document) => collectOperations(document, "specs/dist/demo.yaml");

describe("a good declaration", () => {
  test("an items form takes its batch from maxItems and matches by index unless told", () => {
    const { operations, problems } = read(
      doc({
        requestBody: body(widgets(50)),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", idType: "integer" },
      }),
    );
    expect(problems).toEqual([]);
    expect(operations["POST /api/v2/widgets/create_many"]).toEqual({
      bulk: [{ helper: "createMany", items: ["widgets"], batch: 50, match: "index", idType: "integer" }],
    });
    // Arrays come out as arrays, `as const` tuples in the generated file.
    expect(renderOperations(operations, "specs/dist/demo.yaml")).toContain(
      '"POST /api/v2/widgets/create_many": { bulk: [{ helper: "createMany", items: ["widgets"], batch: 50, match: "index", idType: "integer" }] },',
    );
  });

  test("an ids form with changes every item shares, and an items form, under one name", () => {
    const each = widgets(100);
    const same = {
      type: "object",
      properties: { widget: { type: "object", properties: { colour: { type: "string" } } } },
    };
    const { operations, problems } = read(
      doc(
        {
          parameters: [{ ...idsParameter, required: false }],
          requestBody: body({ oneOf: [each, same] }),
          "x-zenfetch-bulk": [
            { helper: "updateMany", items: "widgets", match: "id", idType: "string" },
            { helper: "updateMany", ids: "ids", shared: "widget", batch: 100, idType: "string" },
          ],
        },
        "/api/v2/widgets/update_many",
        "put",
      ),
    );
    expect(problems).toEqual([]);
    expect(operations["PUT /api/v2/widgets/update_many"]?.bulk).toEqual([
      { helper: "updateMany", items: ["widgets"], batch: 100, match: "id", idType: "string" },
      { helper: "updateMany", ids: "ids", shared: ["widget"], batch: 100, match: "id", idType: "string" },
    ]);
  });

  test("an action envelope maps each action of the enum to how its results match", () => {
    const job = {
      type: "object",
      properties: {
        job: {
          oneOf: [
            {
              type: "object",
              properties: {
                action: { type: "string", enum: ["create", "update"] },
                items: { type: "array", maxItems: 100, items: { type: "object", properties: {} } },
              },
            },
            {
              type: "object",
              properties: {
                action: { type: "string", enum: ["delete"] },
                items: { type: "array", maxItems: 100, items: { type: "string" } },
              },
            },
          ],
        },
      },
    };
    const { operations, problems } = read(
      doc({
        requestBody: body(job),
        "x-zenfetch-bulk": {
          helper: "widgetJobs",
          items: "job.items",
          action: "job.action",
          idType: "string",
          match: { create: "index", update: "id", delete: "id" },
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(operations["POST /api/v2/widgets/create_many"]?.bulk).toEqual([
      {
        helper: "widgetJobs",
        items: ["job", "items"],
        action: ["job", "action"],
        batch: 100,
        match: { create: "index", update: "id", delete: "id" },
        idType: "string",
      },
    ]);
  });
});

describe("a declaration the operation contradicts is refused, naming the field", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    [
      "a batch other than the array's maxItems",
      {
        requestBody: body(widgets(100)),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", batch: 200, idType: "integer" },
      },
      "x-zenfetch-bulk/batch",
      /is 200 but the body's "widgets" declares maxItems 100/,
    ],
    [
      "no batch and no maxItems",
      {
        requestBody: body(widgets()),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", idType: "integer" },
      },
      "x-zenfetch-bulk/batch",
      /give `batch`, or declare maxItems/,
    ],
    [
      "items naming no body property",
      {
        requestBody: body(widgets(100)),
        "x-zenfetch-bulk": { helper: "createMany", items: "widget", idType: "integer" },
      },
      "x-zenfetch-bulk/items",
      /the request body has no property "widget"/,
    ],
    [
      "items naming something that is not an array",
      {
        requestBody: body({ type: "object", properties: { widgets: { type: "object", properties: {} } } }),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", batch: 10, idType: "integer" },
      },
      "x-zenfetch-bulk/items",
      /"widgets" is not an array/,
    ],
    [
      "ids naming no query parameter",
      { "x-zenfetch-bulk": { helper: "destroyMany", ids: "ids", batch: 100, idType: "integer" } },
      "x-zenfetch-bulk/ids",
      /no query parameter "ids"/,
    ],
    [
      "ids without a batch",
      { parameters: [idsParameter], "x-zenfetch-bulk": { helper: "destroyMany", ids: "ids", idType: "integer" } },
      "x-zenfetch-bulk/batch",
      /is required with `ids`/,
    ],
    [
      "both items and ids",
      {
        parameters: [idsParameter],
        requestBody: body(widgets(100)),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", ids: "ids", idType: "integer" },
      },
      "x-zenfetch-bulk",
      /exactly one of `items`.*and `ids`/,
    ],
    [
      "a helper name the client already uses",
      {
        requestBody: body(widgets(100)),
        "x-zenfetch-bulk": { helper: "paginate", items: "widgets", idType: "integer" },
      },
      "x-zenfetch-bulk/helper",
      /not one of the client's own/,
    ],
    [
      "no idType",
      { requestBody: body(widgets(100)), "x-zenfetch-bulk": { helper: "createMany", items: "widgets" } },
      "x-zenfetch-bulk/idType",
      /must be one of integer, string/,
    ],
    [
      "a field it does not know",
      {
        requestBody: body(widgets(100)),
        "x-zenfetch-bulk": { helper: "createMany", items: "widgets", idType: "integer", size: 3 },
      },
      "x-zenfetch-bulk",
      /unknown field\(s\) size/,
    ],
  ];
  test.each(cases)("%s", (_name, operation, pointer, message) => {
    const { operations, problems } = read(doc(operation));
    expect(problems).toEqual([
      {
        file: "specs/dist/demo.yaml",
        pointer: `#/paths/~1api~1v2~1widgets~1create_many/post/${pointer}`,
        message: expect.stringMatching(message),
      },
    ]);
    expect(operations).toEqual({});
  });

  test("a success response that is not a job status", () => {
    const document = doc({
      requestBody: body(widgets(100)),
      responses: { "200": { description: "No job.", content: { "application/json": { schema: widgets() } } } },
      "x-zenfetch-bulk": { helper: "createMany", items: "widgets", idType: "integer" },
    });
    expect(read(document).problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/success response is not a job status/) }),
    ]);
  });

  test("an action map that leaves out an action of the enum", () => {
    const job = {
      type: "object",
      properties: {
        job: {
          type: "object",
          properties: {
            action: { type: "string", enum: ["create", "delete"] },
            items: { type: "array", maxItems: 100, items: { type: "string" } },
          },
        },
      },
    };
    const document = doc({
      requestBody: body(job),
      "x-zenfetch-bulk": {
        helper: "widgetJobs",
        items: "job.items",
        action: "job.action",
        idType: "string",
        match: { create: "index" },
      },
    });
    expect(read(document).problems).toEqual([
      expect.objectContaining({
        pointer: "#/paths/~1api~1v2~1widgets~1create_many/post/x-zenfetch-bulk/match",
        message: "must name every action exactly once: create, delete; got create",
      }),
    ]);
  });

  test("one helper name on two operations", () => {
    const document = doc({
      requestBody: body(widgets(100)),
      "x-zenfetch-bulk": { helper: "createMany", items: "widgets", idType: "integer" },
    });
    const paths = document.paths as Record<string, unknown>;
    paths["/api/v2/gadgets/create_many"] = paths["/api/v2/widgets/create_many"];
    expect(read(document).problems).toEqual([
      expect.objectContaining({
        pointer: "#/paths/~1api~1v2~1gadgets~1create_many/post/x-zenfetch-bulk/helper",
        message: expect.stringMatching(/helper "createMany" is declared more than once/),
      }),
    ]);
  });
});

test("the bundles declare a helper for each job-creating bulk operation", async () => {
  const { operations: tickets } = await import("../../packages/tickets/src/generated/operations.js");
  const { operations: records } = await import("../../packages/custom-objects/src/generated/operations.js");
  const helpers = (map: Record<string, object>) =>
    Object.entries(map).flatMap(([key, meta]) =>
      ((meta as { bulk?: readonly { helper: string }[] }).bulk ?? []).map((entry) => `${key} → ${entry.helper}`),
    );
  expect(helpers(tickets)).toEqual([
    "POST /api/v2/tickets/create_many → createMany",
    "PUT /api/v2/tickets/update_many → updateMany",
    "PUT /api/v2/tickets/update_many → updateMany",
    "DELETE /api/v2/tickets/destroy_many → destroyMany",
    "PUT /api/v2/tickets/mark_many_as_spam → markManyAsSpam",
    "DELETE /api/v2/deleted_tickets/destroy_many → destroyPermanently",
    "POST /api/v2/imports/tickets/create_many → importMany",
  ]);
  expect(helpers(records)).toEqual(["POST /api/v2/custom_objects/{custom_object_key}/jobs → bulkRecords"]);
});
