import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectOperations, renderOperations } from "../src/operations.js";

type Json = Document[string];

/**
 * A bundle with the operations budgets are declared on: a view's tickets (its `view_id` declared on the path
 * item, as Zendesk's views are), a list paged by offset, and a ticket update.
 */
function fixture(extensions: { view?: Json; list?: Json; update?: Json }): Document {
  const ok = { "200": { description: "Fine." } };
  const withLimit = (value: Json | undefined): Record<string, Json> =>
    value === undefined ? {} : { "x-zenfetch-rate-limit": value };
  return {
    openapi: "3.1.0",
    components: {
      parameters: {
        ViewId: { name: "view_id", in: "path", required: true, schema: { type: "integer" } },
        Page: { name: "page", in: "query", schema: { $ref: "#/components/schemas/PageNumber" } },
      },
      schemas: { PageNumber: { type: "integer", minimum: 1 } },
    },
    paths: {
      "/api/v2/views/{view_id}/tickets": {
        parameters: [{ $ref: "#/components/parameters/ViewId" }],
        get: { ...withLimit(extensions.view), responses: ok },
      },
      "/api/v2/tickets": {
        get: {
          ...withLimit(extensions.list),
          parameters: [
            { $ref: "#/components/parameters/Page" },
            { name: "sort", in: "query", schema: { type: "string" } },
          ],
          responses: ok,
        },
      },
      "/api/v2/tickets/{ticket_id}": {
        put: {
          ...withLimit(extensions.update),
          parameters: [{ name: "ticket_id", in: "path", required: true, schema: { type: "integer" } }],
          responses: ok,
        },
      },
    },
  };
}

const collect = (extensions: Parameters<typeof fixture>[0]) => collectOperations(fixture(extensions), "demo.yaml");
const pointer = (route: string, method: string, at = "") =>
  `#/paths/${route.replaceAll("/", "~1")}/${method}/x-zenfetch-rate-limit${at}`;

describe("x-zenfetch-rate-limit", () => {
  test("a budget per path parameter, a budget for deep pages, presets and lists become metadata", () => {
    const { operations, problems } = collect({
      view: { limit: 5, windowSeconds: 60, per: "view_id" },
      list: { limit: 50, windowSeconds: 60, when: { query: "page", above: 500 } },
      update: [
        { limit: 100, windowSeconds: 60, presets: { "high-volume": { limit: 300 } } },
        { limit: 30, windowSeconds: 600, per: "ticket_id" },
      ],
    });
    expect(problems).toEqual([]);
    expect(operations).toEqual({
      "GET /api/v2/views/{view_id}/tickets": { rateLimit: { limit: 5, windowSeconds: 60, per: "view_id" } },
      "GET /api/v2/tickets": { rateLimit: { limit: 50, windowSeconds: 60, when: { query: "page", above: 500 } } },
      "PUT /api/v2/tickets/{ticket_id}": {
        rateLimit: [
          // A preset that leaves out windowSeconds keeps the rule's.
          { limit: 100, windowSeconds: 60, presets: { "high-volume": { limit: 300, windowSeconds: 60 } } },
          { limit: 30, windowSeconds: 600, per: "ticket_id" },
        ],
      },
    });
    const rendered = renderOperations(operations, "demo.yaml");
    expect(rendered).toContain(
      `"PUT /api/v2/tickets/{ticket_id}": { rateLimit: [{ limit: 100, windowSeconds: 60, presets: { "high-volume": { limit: 300, windowSeconds: 60 } } }, { limit: 30, windowSeconds: 600, per: "ticket_id" }] },`,
    );
    expect(rendered).toContain(
      `"GET /api/v2/tickets": { rateLimit: { limit: 50, windowSeconds: 60, when: { query: "page", above: 500 } } },`,
    );
  });

  test("per must name a path parameter the operation has", () => {
    const { operations, problems } = collect({ view: { limit: 5, windowSeconds: 60, per: "viewId" } });
    expect(operations).toEqual({});
    expect(problems).toEqual([
      {
        file: "demo.yaml",
        pointer: pointer("/api/v2/views/{view_id}/tickets", "get", "/per"),
        message: '"viewId" is not a path parameter of this operation (it has view_id)',
      },
    ]);
    expect(collect({ list: { limit: 5, windowSeconds: 60, per: "page" } }).problems[0]?.message).toBe(
      '"page" is not a path parameter of this operation (it has none)',
    );
  });

  test("a page condition must name a numeric query parameter the operation has", () => {
    const at = (when: Json) => collect({ list: { limit: 50, windowSeconds: 60, when } }).problems;
    expect(at({ query: "pages", above: 500 })).toEqual([
      expect.objectContaining({
        pointer: pointer("/api/v2/tickets", "get", "/when/query"),
        message: '"pages" is not a query parameter of this operation (it has page, sort)',
      }),
    ]);
    expect(at({ query: "sort", above: 1 })[0]?.message).toBe(
      'the query parameter "sort" is not a number, so it cannot be compared with `above`',
    );
    expect(at({ query: "page", above: -1 })[0]?.pointer).toBe(pointer("/api/v2/tickets", "get", "/when/above"));
    expect(at({ query: "page", below: 5 })[0]?.message).toMatch(/^must be \{ query, above \}/);
  });

  test("presets must be ones the runtime knows, with whole numbers", () => {
    const { problems } = collect({
      update: { limit: 100, windowSeconds: 60, presets: { enterprise: { limit: 700 }, "high-volume": { limit: 0 } } },
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [
        pointer("/api/v2/tickets/{ticket_id}", "put", "/presets/enterprise"),
        'unknown preset "enterprise"; the runtime knows high-volume',
      ],
      [
        pointer("/api/v2/tickets/{ticket_id}", "put", "/presets/high-volume"),
        "must be { limit, windowSeconds } (positive whole numbers; either may be left to the rule's)",
      ],
    ]);
  });

  test("typos, bad numbers, empty and duplicated lists are refused", () => {
    const messages = (update: Json) => collect({ update }).problems.map((p) => p.message);
    expect(messages({ limit: 10, windowSecs: 60 })).toEqual([
      'unknown field "windowSecs"; a budget has limit, windowSeconds, per, when, presets',
      "needs positive whole numbers `limit` and `windowSeconds`",
    ]);
    expect(messages({ limit: 1.5, windowSeconds: 60 })).toEqual([
      "needs positive whole numbers `limit` and `windowSeconds`",
    ]);
    expect(messages([])).toEqual(["an empty list declares no budget; give at least one or remove the extension"]);
    expect(
      messages([
        { limit: 10, windowSeconds: 60 },
        { limit: 10, windowSeconds: 60, presets: { "high-volume": { limit: 30 } } },
      ]),
    ).toEqual(["the same budget as rule 0: it would count every request twice"]);
  });
});
