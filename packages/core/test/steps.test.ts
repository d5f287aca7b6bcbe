import { describe, expect, test } from "vitest";
import { OffsetLimitError, PaginationError, type PaginationMeta, type PaginationStyle } from "../src/index.js";
import { type PageStep, pageStep } from "../src/paging/building-blocks.js";

/** The step after `page`, requested with `query`, for an operation paged in `style` (or as `pagination` says). */
function step(
  style: PaginationStyle | PaginationMeta,
  query: string,
  page: Record<string, unknown>,
  items: unknown[] = [1],
): PageStep {
  const pagination = typeof style === "string" ? { style, items: "rows" } : style;
  return pageStep({ operation: "GET /api/v2/rows", pagination, query: new URLSearchParams(query), page, items });
}
/** `step`, with `next` as a plain object for comparing. */
const plain = (s: PageStep) => ({ ...s, next: s.next ? Object.fromEntries(s.next) : undefined });

describe("cursor, cursor-or-offset, search-export", () => {
  test.each<PaginationStyle>(["cursor", "cursor-or-offset", "search-export"])("%s", (style) => {
    expect(step(style, "page[size]=2", { meta: { has_more: false, after_cursor: "x" } })).toEqual({ done: true });
    expect(
      plain(
        step(style, "page[size]=2", { meta: { has_more: true }, links: { next: "https://a.test/rows?page[after]=n" } }),
      ),
    ).toEqual({ done: false, next: { "page[after]": "n" }, link: "https://a.test/rows?page[after]=n" });
    expect(
      plain(step(style, "q=1&page[size]=2&page[before]=p", { meta: { has_more: true, after_cursor: "n" }, links: {} })),
    ).toEqual({ done: false, next: { q: "1", "page[size]": "2", "page[after]": "n" } });
    expect(() => step(style, "", { meta: { has_more: true } })).toThrow(PaginationError);
    // Answered in offset form: next_page.
    expect(plain(step(style, "", { next_page: "https://a.test/rows?page=2" }))).toMatchObject({
      done: false,
      next: { page: "2" },
    });
  });
});

describe("offset", () => {
  test("next_page, or the end", () => {
    expect(plain(step("offset", "per_page=2", { next_page: "/rows.json?page=2&per_page=2" }))).toEqual({
      done: false,
      next: { page: "2", per_page: "2" },
      link: "/rows.json?page=2&per_page=2",
    });
    expect(step("offset", "per_page=2", { next_page: null })).toEqual({ done: true });
  });

  test("a cap reached while there is more is an OffsetLimitError", () => {
    const capped: PaginationMeta = {
      style: "offset",
      items: "rows",
      maxRecords: 4,
      instead: "GET /api/v2/rows/cursor",
    };
    expect(() => step(capped, "page=2&per_page=2", { next_page: "/rows?page=3&per_page=2" }, [1, 2])).toThrow(
      OffsetLimitError,
    );
    expect(() => step(capped, "page=2&per_page=2", { next_page: null, count: 9 }, [1, 2])).toThrow(OffsetLimitError);
    expect(step(capped, "page=2&per_page=2", { next_page: null, count: 4 }, [1, 2])).toEqual({ done: true });
    expect(step(capped, "per_page=2", { next_page: "/rows?page=2&per_page=2" }, [1, 2]).done).toBe(false);
  });
});

describe("incremental-time", () => {
  const next = (start: number) => `https://a.test/rows.json?start_time=${start}`;

  test("follows next_page until end_of_stream, and says where to ask again later", () => {
    expect(
      plain(step("incremental-time", "start_time=10", { next_page: next(12), end_of_stream: false })),
    ).toMatchObject({ done: false, next: { start_time: "12" } });
    expect(
      plain(step("incremental-time", "start_time=10", { next_page: next(12), end_of_stream: true })),
    ).toMatchObject({ done: true, next: { start_time: "12" } });
  });

  test("a null next_page ends it; end_time says where a time-based request goes on", () => {
    expect(plain(step("incremental-time", "start_time=10&per_page=5", { next_page: null, end_time: 15 }))).toEqual({
      done: true,
      next: { start_time: "15", per_page: "5" },
    });
    // A routing page at a cursor has no time position to go on from.
    expect(step("incremental-time", "cursor=r3", { next_page: null, end_time: 15 })).toEqual({ done: true });
  });

  test("a feed without end_of_stream ends on an empty page, or on a next_page at the place just asked for", () => {
    expect(step("incremental-time", "start_time=10", { next_page: next(11) }, []).done).toBe(true);
    expect(step("incremental-time", "start_time=10", { next_page: next(10) }, [1]).done).toBe(true);
    expect(step("incremental-time", "cursor=k1", { next_page: "https://a.test/x?cursor=k1" }, [1]).done).toBe(true);
    expect(step("incremental-time", "start_time=10", { next_page: next(11) }, [1]).done).toBe(false);
  });

  test("with end_of_stream, an empty page that does not move has caught up; a full one is left to the run", () => {
    expect(step("incremental-time", "start_time=10", { next_page: next(10), end_of_stream: false }, []).done).toBe(
      true,
    );
    expect(step("incremental-time", "start_time=10", { next_page: next(10), end_of_stream: false }, [1]).done).toBe(
      false,
    );
  });
});

describe("incremental-cursor", () => {
  test("cursor=after_cursor without start_time, until end_of_stream", () => {
    expect(
      plain(step("incremental-cursor", "start_time=1&per_page=2", { after_cursor: "k1", end_of_stream: false })),
    ).toEqual({ done: false, next: { per_page: "2", cursor: "k1" } });
    expect(plain(step("incremental-cursor", "cursor=k1", { after_cursor: "k2", end_of_stream: true }))).toEqual({
      done: true,
      next: { cursor: "k2" },
    });
    expect(step("incremental-cursor", "cursor=k1", { after_cursor: null, end_of_stream: true })).toEqual({
      done: true,
    });
  });

  test("after_url when there is no after_cursor; neither, with more to come, is an error", () => {
    expect(plain(step("incremental-cursor", "cursor=k1", { after_url: "/x?cursor=k2", end_of_stream: false }))).toEqual(
      { done: false, next: { cursor: "k2" }, link: "/x?cursor=k2" },
    );
    expect(() => step("incremental-cursor", "cursor=k1", { after_cursor: null, end_of_stream: false })).toThrow(
      "end_of_stream is false but there is no after_cursor",
    );
  });
});

describe("legacy-cursor", () => {
  test("before_url, else cursor=before_cursor; null or absent is the end", () => {
    expect(plain(step("legacy-cursor", "limit=2", { before_url: "/rows.json?cursor=b1&limit=2" }))).toEqual({
      done: false,
      next: { cursor: "b1", limit: "2" },
      link: "/rows.json?cursor=b1&limit=2",
    });
    expect(plain(step("legacy-cursor", "limit=2&cursor=b1", { before_cursor: "b2", before_url: null }))).toEqual({
      done: false,
      next: { limit: "2", cursor: "b2" },
    });
    expect(step("legacy-cursor", "limit=2", { before_cursor: null, before_url: null, after_cursor: "a1" })).toEqual({
      done: true,
    });
    expect(step("legacy-cursor", "", {})).toEqual({ done: true });
  });
});

describe("unpaginated", () => {
  test("always the end, whatever the body says", () => {
    expect(step("unpaginated", "", { next_page: "/rows?page=2", meta: { has_more: true } })).toEqual({ done: true });
  });
});

test("a link that is not a URL is a PaginationError", () => {
  expect(() => step("offset", "", { next_page: "http://[bad" })).toThrow("next_page is not a URL");
});
