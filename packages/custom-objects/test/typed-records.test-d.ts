import { describe, expectTypeOf, test } from "vitest";
import {
  type BulkResult,
  type CustomObjectFieldValue,
  type CustomObjectRecord,
  createCustomObjectsClient,
  type RecordMatch,
} from "../src/index.js";

// Type tests: each @ts-expect-error must be needed, or the typecheck fails.

interface OrderFields {
  amount: number;
  sku: string;
  note?: string | null;
}

const client = createCustomObjectsClient<{ order: OrderFields }>({
  subdomain: "acme",
  auth: { email: "agent@acme.test", apiToken: "token" },
});
const orders = client.records("order");
const notes = client.records("ticket_notes");

describe("a declared field map types records on reads", () => {
  test("get, create, update and upsert return records with the declared fields", async () => {
    const record = await orders.get("01H");
    expectTypeOf(record.custom_object_fields.amount).toEqualTypeOf<number>();
    expectTypeOf(record.custom_object_fields.sku).toEqualTypeOf<string>();
    expectTypeOf(record.custom_object_fields.note).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(record.name).toEqualTypeOf<string>();
    expectTypeOf(await orders.create({ custom_object_fields: { amount: 1, sku: "A" } })).toEqualTypeOf(record);
    expectTypeOf(await orders.update("01H", {})).toEqualTypeOf(record);
    expectTypeOf(
      await orders.upsert({ externalId: "x" }, { custom_object_fields: { amount: 1, sku: "A" } }),
    ).toEqualTypeOf(record);
  });

  test("list, search, filtered search and autocomplete yield typed records", async () => {
    for await (const r of orders.list()) expectTypeOf(r.custom_object_fields.amount).toEqualTypeOf<number>();
    for await (const r of orders.search("a")) expectTypeOf(r.custom_object_fields.sku).toEqualTypeOf<string>();
    for await (const r of orders.filteredSearch({ "custom_object_fields.amount": { $gt: 1 } })) {
      expectTypeOf(r.custom_object_fields.amount).toEqualTypeOf<number>();
    }
    for await (const r of orders.autocomplete("A")) expectTypeOf(r).toEqualTypeOf<CustomObjectRecord<OrderFields>>();
    for await (const page of orders.list().pages()) {
      expectTypeOf(page.custom_object_records).toEqualTypeOf<CustomObjectRecord<OrderFields>[]>();
      expectTypeOf(page.meta.after_cursor).toEqualTypeOf<string | null>();
    }
  });

  test("a field that is not declared is not there", async () => {
    const record = await orders.get("01H");
    // @ts-expect-error `colour` is not in the order field map
    record.custom_object_fields.colour;
  });
});

describe("a declared field map types writes", () => {
  test("create takes the fields as declared", () => {
    orders.create({ name: "A-1", custom_object_fields: { amount: 1, sku: "A" } });
    orders.create({ name: "A-1", custom_object_fields: { amount: 1, sku: "A", note: null } });
  });

  test("a field of the wrong type is rejected, on create, update and upsert", () => {
    // @ts-expect-error amount is a number
    orders.create({ name: "A-1", custom_object_fields: { amount: "1", sku: "A" } });
    // @ts-expect-error amount is a number
    orders.update("01H", { custom_object_fields: { amount: "1" } });
    // @ts-expect-error sku is a string
    orders.upsert({ externalId: "x" }, { custom_object_fields: { amount: 1, sku: 7 } });
  });

  test("create needs every field declared required; an unknown field is rejected", () => {
    // @ts-expect-error sku is required on create
    orders.create({ name: "A-1", custom_object_fields: { amount: 1 } });
    // @ts-expect-error custom_object_fields is required: order has required fields
    orders.create({ name: "A-1" });
    // @ts-expect-error colour is not declared
    orders.create({ name: "A-1", custom_object_fields: { amount: 1, sku: "A", colour: "red" } });
  });

  test("update takes any subset of the fields (partial on update)", () => {
    orders.update("01H", { custom_object_fields: { amount: 2 } });
    orders.update("01H", { name: "renamed" });
    orders.update("01H", {});
  });

  test("upsert takes the fields as declared (it may create)", () => {
    // @ts-expect-error sku is required: the upsert may create the record
    orders.upsert({ name: "A-1" }, { custom_object_fields: { amount: 1 } });
  });

  test("bulk items are typed per action and by the field map", async () => {
    const results = await orders.bulk("create", [{ name: "A", custom_object_fields: { amount: 1, sku: "A" } }]);
    expectTypeOf(results).toEqualTypeOf<BulkResult<string>[]>();
    expectTypeOf(results[0]?.id).toEqualTypeOf<string | undefined>();
    orders.bulk("update", [{ id: "01H", custom_object_fields: { amount: 2 } }]);
    orders.bulk("delete", ["01H"]);
    orders.bulk("create_or_update_by_external_id", [
      { external_id: "e1", custom_object_fields: { amount: 1, sku: "A" } },
    ]);
    // @ts-expect-error amount is a number
    orders.bulk("create", [{ name: "A", custom_object_fields: { amount: "1", sku: "A" } }]);
    // @ts-expect-error update items need the record id
    orders.bulk("update", [{ custom_object_fields: { amount: 2 } }]);
    // @ts-expect-error an upsert by external id needs external_id
    orders.bulk("create_or_update_by_external_id", [{ custom_object_fields: { amount: 1, sku: "A" } }]);
    // @ts-expect-error delete takes record ids
    orders.bulk("delete", [{ id: "01H" }]);
    // @ts-expect-error no such action
    orders.bulk("destroy", ["01H"]);
    const deleted = await orders.bulk("delete_by_external_id", ["e1"]);
    expectTypeOf(deleted).toEqualTypeOf<BulkResult<string>[]>();
    // Options are core's, the wait options under `wait`.
    orders.bulk("delete", ["01H"], { concurrency: 2, wait: { timeoutMs: 60_000 }, onProgress: (p) => p.results });
    // @ts-expect-error the wait options go under `wait`
    orders.bulk("delete", ["01H"], { timeoutMs: 60_000 });
  });

  test("the client's own bulkRecords is typed from the spec: the action's items, the object key required", () => {
    client.bulkRecords("delete", ["01H"], { params: { path: { custom_object_key: "order" } } });
    client.bulkRecords("create", [{ name: "A" }], { params: { path: { custom_object_key: "order" } } });
    // @ts-expect-error delete takes record ids
    client.bulkRecords("delete", [{ id: "01H" }], { params: { path: { custom_object_key: "order" } } });
    // @ts-expect-error the object key is required
    client.bulkRecords("delete", ["01H"]);
    // @ts-expect-error no such action
    client.bulkRecords("destroy", ["01H"], { params: { path: { custom_object_key: "order" } } });
  });
});

describe("an object key that is not declared stays loosely typed", () => {
  test("reads carry the generated value union", async () => {
    const note = await notes.get("01H");
    expectTypeOf(note.custom_object_fields).toEqualTypeOf<{ [key: string]: CustomObjectFieldValue }>();
    expectTypeOf(note.custom_object_fields.anything).toEqualTypeOf<CustomObjectFieldValue | undefined>();
  });

  test("writes take any field key with any field value, and nothing else", () => {
    notes.create({ name: "n", custom_object_fields: { body: "text", pinned: true, tags: ["a", 1], due: null } });
    notes.update("01H", { custom_object_fields: { pinned: false } });
    notes.create({ name: "n" });
    // @ts-expect-error a Date is not a field value (send "YYYY-MM-DD")
    notes.create({ name: "n", custom_object_fields: { due: new Date() } });
  });

  test("a key held in a plain string is loose too", () => {
    const key: string = "order";
    expectTypeOf(client.records(key).get).returns.resolves.toEqualTypeOf<CustomObjectRecord>();
  });
});

describe("the field maps and helper arguments are checked", () => {
  test("a field map with a type no field can hold is rejected", () => {
    const options = { subdomain: "acme", auth: { oauthToken: "t" } };
    // @ts-expect-error a Date is not a field value
    createCustomObjectsClient<{ order: { placed: Date } }>(options);
    createCustomObjectsClient<{ order: { placed: string; tags: string[]; done: boolean } }>(options);
  });

  test("upsert matches on exactly one of externalId and name", () => {
    const input = { custom_object_fields: { amount: 1, sku: "A" } };
    orders.upsert({ externalId: "x" }, input);
    orders.upsert({ name: "A-1" }, input);
    // @ts-expect-error not both
    orders.upsert({ externalId: "x", name: "A-1" }, input);
    // @ts-expect-error not neither
    orders.upsert({}, input);
    expectTypeOf<{ externalId: string }>().toExtend<RecordMatch>();
  });

  test("the literal paths stay typed calls", async () => {
    const { data } = await client.GET("/api/v2/custom_objects/limits/record_limit");
    expectTypeOf(data?.limit).toEqualTypeOf<number | undefined>();
    const path = "/api/v2/custom_objects/{custom_object_key}/triggers/{trigger_id}";
    await client.GET(path, { params: { path: { custom_object_key: "order", trigger_id: 1 } } });
    // @ts-expect-error trigger_id is a number
    await client.GET(path, { params: { path: { custom_object_key: "order", trigger_id: "1" } } });
  });

  test("core's paginate pages the filtered search by POST on the literal path, its body typed", () => {
    const search = "/api/v2/custom_objects/{custom_object_key}/records/search";
    const params = { path: { custom_object_key: "order" } };
    const body = { filter: { "custom_object_fields.amount": { $gt: 1 } } };
    const found = client.paginate(search, { method: "POST", params, body });
    expectTypeOf(found).toEqualTypeOf(client.paginate(search, { params: { ...params, query: { query: "a" } } }));
    expectTypeOf<typeof found extends AsyncIterable<infer Item> ? Item : never>().toEqualTypeOf<CustomObjectRecord>();
    // @ts-expect-error the body is the filter search's: `{ filter }`
    client.paginate(search, { method: "POST", params, body: { query: "a" } });
    // @ts-expect-error the record list is paged by GET only
    client.paginate("/api/v2/custom_objects/{custom_object_key}/records", { method: "POST", params });
  });
});
