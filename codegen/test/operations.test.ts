import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectOperations } from "../src/operations.js";

/** A document with one list operation per entry of `lists`: path → its pagination extension. */
function doc(lists: Record<string, unknown>): Document {
  const paths: Record<string, unknown> = {};
  for (const [route, pagination] of Object.entries(lists)) {
    paths[route] = {
      get: {
        "x-zenfetch-pagination": pagination,
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: { type: "object", properties: { rows: { type: "array", items: { type: "string" } } } },
              },
            },
          },
        },
      },
    };
  }
  return { paths } as Document;
}

const collect = (lists: Record<string, unknown>) => collectOperations(doc(lists), "specs/dist/demo.yaml");
const messages = (lists: Record<string, unknown>) => collect(lists).problems.map((problem) => problem.message);

describe("x-zenfetch-pagination", () => {
  test("the newer styles are read like the others", () => {
    const { operations, problems } = collect({
      "/api/v2/ticket_audits": { style: "legacy-cursor", items: "rows" },
      "/api/v2/search/export": { style: "search-export", items: "rows" },
      "/api/v2/tickets/{ticket_id}/tags": { style: "unpaginated", items: "rows" },
    });
    expect(problems).toEqual([]);
    expect(operations).toEqual({
      "GET /api/v2/ticket_audits": { pagination: { style: "legacy-cursor", items: "rows" } },
      "GET /api/v2/search/export": { pagination: { style: "search-export", items: "rows" } },
      "GET /api/v2/tickets/{ticket_id}/tags": { pagination: { style: "unpaginated", items: "rows" } },
    });
  });

  test("an offset cap with what to use instead is kept", () => {
    const { operations, problems } = collect({
      "/api/v2/search": { style: "offset", items: "rows", maxRecords: 1000, instead: "GET /api/v2/search/export" },
      "/api/v2/search/export": { style: "search-export", items: "rows" },
      "/api/v2/tickets": {
        style: "cursor-or-offset",
        items: "rows",
        maxRecords: 10000,
        instead: "GET /api/v2/tickets (cursor paging, page[size])",
      },
    });
    expect(problems).toEqual([]);
    expect(operations["GET /api/v2/search"]?.pagination).toEqual({
      style: "offset",
      items: "rows",
      maxRecords: 1000,
      instead: "GET /api/v2/search/export",
    });
    expect(operations["GET /api/v2/tickets"]?.pagination?.instead).toBe(
      "GET /api/v2/tickets (cursor paging, page[size])",
    );
  });

  test("an alternative in another domain's spec is taken as written", () => {
    const { problems } = collect({
      "/api/v2/tickets": {
        style: "offset",
        items: "rows",
        maxRecords: 10000,
        instead: "GET /api/v2/incremental/tickets/cursor",
      },
    });
    expect(problems).toEqual([]);
  });

  test("a cap is refused where it cannot apply or is not whole", () => {
    expect(messages({ "/a": { style: "cursor", items: "rows", maxRecords: 10, instead: "GET /b" } })).toEqual([
      "maxRecords and instead are for styles that page by offset (offset, cursor-or-offset), not cursor",
    ]);
    expect(messages({ "/a": { style: "offset", items: "rows", maxRecords: 0, instead: "GET /b" } })[0]).toContain(
      "maxRecords must be a whole number > 0",
    );
    expect(messages({ "/a": { style: "offset", items: "rows", instead: "GET /b" } })[0]).toContain(
      "maxRecords must be a whole number > 0",
    );
    expect(messages({ "/a": { style: "offset", items: "rows", maxRecords: 10 } })[0]).toContain(
      "instead must name what to use past maxRecords",
    );
    expect(
      messages({ "/a": { style: "offset", items: "rows", maxRecords: 10, instead: "the cursor one" } })[0],
    ).toContain("instead must name what to use past maxRecords");
  });

  test("an alternative in this spec must exist and must not page by offset itself", () => {
    expect(
      messages({
        "/a": { style: "offset", items: "rows", maxRecords: 10, instead: "GET /b" },
        "/b": { style: "offset", items: "rows" },
      }),
    ).toEqual(["instead names GET /b, which pages by offset too"]);
    expect(
      messages({
        "/a": { style: "offset", items: "rows", maxRecords: 10, instead: "POST /b" },
        "/b": { style: "cursor", items: "rows" },
      }),
    ).toEqual(["instead names POST /b, which this spec does not page"]);
  });

  test("an unknown key (a misspelt maxRecords) is refused, not ignored", () => {
    const { problems } = collect({ "/a": { style: "offset", items: "rows", maxrecords: 10 } });
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: "#/paths/~1a/get/x-zenfetch-pagination",
        message: 'unknown key "maxrecords"; the keys are style, items, maxRecords, instead',
      }),
    ]);
  });

  test("a style outside the list is refused with the list", () => {
    expect(messages({ "/a": { style: "link-header", items: "rows" } })[0]).toBe(
      'style must be one of cursor, offset, cursor-or-offset, incremental-time, incremental-cursor, legacy-cursor, search-export, unpaginated; got "link-header"',
    );
  });
});
