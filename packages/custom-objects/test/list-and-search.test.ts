import { describe, expect, test } from "vitest";
import {
  type CustomObjectRecordSearchFilter,
  isPaginationError,
  NotFoundError,
  PaginationError,
  ServerError,
  type ZendeskError,
} from "../src/index.js";
import { collect, ORIGIN, page, RECORDS, rejection, testClient, useNock, zendesk } from "./helpers.js";

/** The first step of an iteration: where paginate's options are checked, before any request. */
const first = (run: AsyncIterable<unknown>) => run[Symbol.asyncIterator]().next();

useNock();

const names = (records: { name: string }[]) => records.map((r) => r.name);

describe("list", () => {
  test("follows links.next over several cursor pages until has_more is false", async () => {
    zendesk()
      .get(RECORDS)
      .query({ "page[size]": "100" })
      .reply(200, page(1, 3, { link: `${ORIGIN}${RECORDS}?page[size]=100&page[after]=c1`, cursor: "c1" }));
    zendesk()
      .get(RECORDS)
      .query({ "page[size]": "100", "page[after]": "c1" })
      .reply(200, page(4, 5, { link: `${ORIGIN}${RECORDS}?page[size]=100&page[after]=c2`, cursor: "c2" }));
    zendesk().get(RECORDS).query({ "page[size]": "100", "page[after]": "c2" }).reply(200, page(6, 6));
    const records = await collect(testClient().records("order").list());
    expect(names(records)).toEqual(["Order 1", "Order 2", "Order 3", "Order 4", "Order 5", "Order 6"]);
    expect(records[5]?.custom_object_fields.amount).toBe(6);
  });

  test("passes sort, the id filters and pageSize as Zendesk's query parameters", async () => {
    zendesk()
      .get(RECORDS)
      .query({ "page[size]": "2", sort: "-updated_at", "filter[ids]": "a,b", "filter[external_ids]": "x,y" })
      .reply(200, page(1, 2));
    const records = await collect(
      testClient()
        .records("order")
        .list({ sort: "-updated_at", ids: ["a", "b"], externalIds: ["x", "y"], pageSize: 2 }),
    );
    expect(records).toHaveLength(2);
  });

  test("an empty list of ids lists nothing, without a request (an empty filter[ids] would not filter)", async () => {
    const orders = testClient().records("order");
    expect(await collect(orders.list({ ids: [] }))).toEqual([]);
    expect(await collect(orders.list({ externalIds: [] }).pages())).toEqual([]);
  });

  test("break stops fetching: no request for a page that is not read", async () => {
    zendesk()
      .get(RECORDS)
      .query(true)
      .reply(200, page(1, 3, { cursor: "c1" }));
    for await (const record of testClient().records("order").list()) {
      expect(record.name).toBe("Order 1");
      break;
    }
  });

  test("an error mid-stream comes after the items already fetched, with resume to carry on", async () => {
    zendesk()
      .get(RECORDS)
      .query({ "page[size]": "100" })
      .reply(200, page(1, 2, { cursor: "c1" }));
    zendesk()
      .get(RECORDS)
      .query({ "page[size]": "100", "page[after]": "c1" })
      .reply(500, { errors: [{ code: "InternalError", title: "Internal Server Error" }] });
    const seen: string[] = [];
    const error = (await rejection(
      (async () => {
        for await (const record of testClient().records("order").list()) seen.push(record.name);
      })(),
    )) as ZendeskError;
    expect(seen).toEqual(["Order 1", "Order 2"]);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.resume).toEqual({
      operation: "GET /api/v2/custom_objects/{custom_object_key}/records",
      url: `${ORIGIN}${RECORDS}?page[size]=100&page[after]=c1`,
    });

    zendesk().get(RECORDS).query({ "page[size]": "100", "page[after]": "c1" }).reply(200, page(3, 3));
    const rest = await collect(testClient().records("order").list({ resume: error.resume }));
    expect(names(rest)).toEqual(["Order 3"]);
  });

  test("an unknown object → NotFoundError from the iterator", async () => {
    zendesk()
      .get("/api/v2/custom_objects/nope/records")
      .query(true)
      .reply(404, { errors: [{ code: "NotFound", title: "Not Found", detail: "Custom object not found" }] });
    const error = await rejection(collect(testClient().records("nope").list()));
    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe("search and autocomplete", () => {
  test("search sends the query and sort and pages by cursor", async () => {
    zendesk()
      .get(`${RECORDS}/search`)
      .query({ query: "blue widget", sort: "name", "page[size]": "100" })
      .reply(200, page(1, 2, { cursor: "s1" }));
    zendesk()
      .get(`${RECORDS}/search`)
      .query({ query: "blue widget", sort: "name", "page[size]": "100", "page[after]": "s1" })
      .reply(200, page(3, 3));
    const found = await collect(testClient().records("order").search("blue widget", { sort: "name" }));
    expect(names(found)).toEqual(["Order 1", "Order 2", "Order 3"]);
  });

  test("autocomplete sends the name and the lookup field's context; maxItems keeps the list short", async () => {
    zendesk()
      .get(`${RECORDS}/autocomplete`)
      .query({ name: "Ord", field_id: "123", source: "zen:ticket", requester_id: "7", "page[size]": "100" })
      .reply(200, page(1, 5, { cursor: "a1" }));
    const found = await collect(
      testClient()
        .records("order")
        .autocomplete("Ord", { fieldId: "123", source: "zen:ticket", requesterId: 7, maxItems: 3 }),
    );
    expect(names(found)).toEqual(["Order 1", "Order 2", "Order 3"]);
  });
});

describe("filtered search (POST)", () => {
  const filter: CustomObjectRecordSearchFilter = {
    $and: [{ "custom_object_fields.amount": { $gt: 10 } }, { name: { $contains: "Order" } }],
  };
  const SEARCH = `${RECORDS}/search`;

  test("resends the filter as the body of every page and puts the cursor in the query", async () => {
    const bodies: unknown[] = [];
    const keep = (body: unknown) => {
      bodies.push(body);
      return true;
    };
    zendesk()
      .post(SEARCH, keep)
      .query({ query: "blue", sort: "-created_at", "page[size]": "2" })
      .reply(200, page(1, 2, { cursor: "f1" }));
    zendesk()
      .post(SEARCH, keep)
      .query({ query: "blue", sort: "-created_at", "page[size]": "2", "page[after]": "f1" })
      .reply(200, page(3, 4, { link: `${ORIGIN}${SEARCH}?page[size]=2&page[after]=f2&query=blue&sort=-created_at` }));
    zendesk()
      .post(SEARCH, keep)
      .query({ query: "blue", sort: "-created_at", "page[size]": "2", "page[after]": "f2" })
      .reply(200, page(5, 5));
    const found = await collect(
      testClient().records("order").filteredSearch(filter, { query: "blue", sort: "-created_at", pageSize: 2 }),
    );
    expect(names(found)).toEqual(["Order 1", "Order 2", "Order 3", "Order 4", "Order 5"]);
    expect(bodies).toEqual([{ filter }, { filter }, { filter }]);
  });

  test(".pages() yields whole pages", async () => {
    zendesk()
      .post(SEARCH)
      .query({ "page[size]": "100" })
      .reply(200, page(1, 2, { cursor: "p1" }));
    zendesk().post(SEARCH).query({ "page[size]": "100", "page[after]": "p1" }).reply(200, page(3, 3));
    const pages = await collect(testClient().records("order").filteredSearch(filter).pages());
    expect(pages.map((p) => p.custom_object_records.length)).toEqual([2, 1]);
    expect(pages[0]?.meta.after_cursor).toBe("p1");
  });

  test("refuses a next link to another host, after yielding the page it came with", async () => {
    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(200, page(1, 2, { link: `https://evil.example.com${SEARCH}?page[after]=x` }));
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const record of testClient().records("order").filteredSearch(filter)) seen.push(record.name);
      })(),
    );
    expect(seen).toEqual(["Order 1", "Order 2"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(isPaginationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/refusing to follow the next-page link to https:\/\/evil\.example\.com/);
  });

  test("refuses a next link to another path, and a cursor that repeats", async () => {
    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(200, page(1, 1, { link: `${ORIGIN}/api/v2/tickets?page[after]=x` }));
    await expect(collect(testClient().records("order").filteredSearch(filter))).rejects.toThrow(/another path/);

    zendesk()
      .post(SEARCH)
      .query({ "page[size]": "100" })
      .reply(200, page(1, 1, { cursor: "same" }));
    zendesk()
      .post(SEARCH)
      .query({ "page[size]": "100", "page[after]": "same" })
      .reply(200, page(2, 2, { cursor: "same" }));
    await expect(collect(testClient().records("order").filteredSearch(filter))).rejects.toThrow(/already fetched/);
  });

  test("a failed page throws with resume; passing it back carries on from that page", async () => {
    zendesk()
      .post(SEARCH)
      .query({ "page[size]": "100" })
      .reply(200, page(1, 1, { cursor: "r1" }));
    zendesk()
      .post(SEARCH)
      .query({ "page[size]": "100", "page[after]": "r1" })
      .reply(502, "<html>Bad gateway</html>", { "content-type": "text/html" });
    const error = (await rejection(collect(testClient().records("order").filteredSearch(filter)))) as ZendeskError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.resume).toEqual({
      operation: "POST /api/v2/custom_objects/{custom_object_key}/records/search",
      url: `${ORIGIN}${SEARCH}?page[size]=100&page[after]=r1`,
    });

    let body: unknown;
    zendesk()
      .post(SEARCH, (b) => {
        body = b;
        return true;
      })
      .query({ "page[size]": "100", "page[after]": "r1" })
      .reply(200, page(2, 2));
    const rest = await collect(testClient().records("order").filteredSearch(filter, { resume: error.resume }));
    expect(names(rest)).toEqual(["Order 2"]);
    expect(body).toEqual({ filter });
  });

  test("a resume of another operation is refused", async () => {
    const resume = { operation: "GET /api/v2/custom_objects/{custom_object_key}/records", url: `${ORIGIN}${RECORDS}` };
    await expect(first(testClient().records("order").filteredSearch(filter, { resume }))).rejects.toThrow(
      PaginationError,
    );
  });

  test("a resume of the GET search on the same path is refused, and the other way round", async () => {
    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(503, { errors: [{ code: "Unavailable", title: "Service Unavailable" }] });
    const orders = testClient().records("order");
    const error = (await rejection(collect(orders.filteredSearch(filter)))) as ZendeskError;
    expect(error.resume?.operation).toBe("POST /api/v2/custom_objects/{custom_object_key}/records/search");
    await expect(first(orders.search("blue", { resume: error.resume }))).rejects.toThrow(PaginationError);
    const getResume = {
      operation: "GET /api/v2/custom_objects/{custom_object_key}/records/search",
      url: error.resume?.url ?? "",
    };
    await expect(first(orders.filteredSearch(filter, { resume: getResume }))).rejects.toThrow(PaginationError);
  });

  test("a filter that is not an object is a TypeError, before any request", () => {
    const orders = testClient().records("order");
    for (const bad of [null, undefined, "name:A", [filter]]) {
      expect(() => orders.filteredSearch(bad as never)).toThrow(
        new TypeError("filteredSearch: `filter` must be an object"),
      );
    }
  });

  test("headers go with every page; maxPages stops the POSTs", async () => {
    const seen: (string | undefined)[] = [];
    const scope = zendesk()
      .post(SEARCH, (b) => (b as { filter?: unknown }).filter !== undefined)
      .query(true)
      .times(2)
      .reply(function () {
        seen.push(this.req.headers["x-trace"] as string | undefined);
        const after = new URL(this.req.path, ORIGIN).searchParams.get("page[after]");
        return [200, after ? page(2, 2, { cursor: "h2" }) : page(1, 1, { cursor: "h1" })];
      });
    const pages = await collect(
      testClient()
        .records("order")
        .filteredSearch(filter, { headers: { "X-Trace": "t-1" }, maxPages: 2 })
        .pages(),
    );
    expect(pages.map((p) => p.custom_object_records.length)).toEqual([1, 1]);
    expect(seen).toEqual(["t-1", "t-1"]);
    expect(scope.isDone()).toBe(true);
  });

  test("maxItems and break stop without fetching further pages", async () => {
    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(200, page(1, 3, { cursor: "m1" }));
    const first = await collect(testClient().records("order").filteredSearch(filter, { maxItems: 2 }));
    expect(names(first)).toEqual(["Order 1", "Order 2"]);

    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(200, page(1, 3, { cursor: "m1" }));
    for await (const record of testClient().records("order").filteredSearch(filter)) {
      expect(record.name).toBe("Order 1");
      break;
    }
  });

  test("422 for a bad filter → ValidationError", async () => {
    zendesk()
      .post(SEARCH)
      .query(true)
      .reply(422, { errors: [{ code: "InvalidFilter", title: "Invalid filter", detail: "Unknown operator $near" }] });
    const error = (await rejection(collect(testClient().records("order").filteredSearch(filter)))) as ZendeskError;
    expect(error.name).toBe("ValidationError");
    expect(error.description).toBe("Unknown operator $near");
  });
});
