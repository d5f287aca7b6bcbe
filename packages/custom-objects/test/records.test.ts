import { describe, expect, test } from "vitest";
import {
  isNotFoundError,
  isValidationError,
  NotFoundError,
  PermissionError,
  unwrap,
  ValidationError,
  ZendeskError,
} from "../src/index.js";
import { errors, RECORDS, record, rejection, testClient, useNock, zendesk } from "./helpers.js";

useNock();

describe("single records", () => {
  test("get reads one record by id, typed by the field map", async () => {
    zendesk()
      .get(`${RECORDS}/01REC0007`)
      .reply(200, { custom_object_record: record(7) });
    const got = await testClient().records("order").get("01REC0007");
    expect(got.custom_object_fields.amount).toBe(7);
    expect(got.custom_object_fields.sku).toBe("SKU-7");
  });

  test("create sends the record in its wrapper and returns Zendesk's", async () => {
    let sent: unknown;
    zendesk()
      .post(RECORDS, (body) => {
        sent = body;
        return true;
      })
      .reply(201, { custom_object_record: record(1) });
    const created = await testClient()
      .records("order")
      .create({ name: "Order 1", custom_object_fields: { amount: 1, sku: "SKU-1" } });
    expect(sent).toEqual({
      custom_object_record: { name: "Order 1", custom_object_fields: { amount: 1, sku: "SKU-1" } },
    });
    expect(created.id).toBe("01REC0001");
  });

  test("update sends only the fields given (PATCH)", async () => {
    let sent: unknown;
    zendesk()
      .patch(`${RECORDS}/01REC0002`, (body) => {
        sent = body;
        return true;
      })
      .reply(200, { custom_object_record: record(2, { amount: 99 }) });
    const updated = await testClient()
      .records("order")
      .update("01REC0002", { custom_object_fields: { amount: 99 } });
    expect(sent).toEqual({ custom_object_record: { custom_object_fields: { amount: 99 } } });
    expect(updated.custom_object_fields.amount).toBe(99);
  });

  test("delete by id (204, no body)", async () => {
    zendesk().delete(`${RECORDS}/01REC0003`).reply(204);
    await expect(testClient().records("order").delete("01REC0003")).resolves.toBeUndefined();
  });

  test("an id is one path segment: encoded, and never empty, . or ..", async () => {
    zendesk()
      .get(`${RECORDS}/a%2Fb`)
      .reply(200, { custom_object_record: record(1) });
    const orders = testClient().records("order");
    await orders.get("a/b");
    for (const id of ["", ".", ".."]) {
      await expect(orders.get(id)).rejects.toThrow(/`id` must be a non-empty string/);
    }
    expect(() => testClient().records("")).toThrow(/`key` must be a non-empty string/);
    expect(() => testClient().records("..")).toThrow('`key` must be a non-empty string other than "." or ".."');
  });

  test("count returns Zendesk's value and when it was computed", async () => {
    zendesk()
      .get(`${RECORDS}/count`)
      .reply(200, { count: { value: 1234, refreshed_at: "2025-01-01T10:00:00Z" } });
    expect(await testClient().records("order").count()).toEqual({ value: 1234, refreshed_at: "2025-01-01T10:00:00Z" });
  });
});

describe("upsert and delete by external id or name", () => {
  test("upsert by external id: PATCH …/records?external_id=…", async () => {
    let sent: unknown;
    zendesk()
      .patch(RECORDS, (body) => {
        sent = body;
        return true;
      })
      .query({ external_id: "erp 42/7" })
      .reply(200, { custom_object_record: record(42) });
    const upserted = await testClient()
      .records("order")
      .upsert({ externalId: "erp 42/7" }, { name: "Order 42", custom_object_fields: { amount: 42, sku: "SKU-42" } });
    expect(sent).toEqual({
      custom_object_record: { name: "Order 42", custom_object_fields: { amount: 42, sku: "SKU-42" } },
    });
    expect(upserted.id).toBe("01REC0042");
  });

  test("upsert by name: PATCH …/records?name=…", async () => {
    zendesk()
      .patch(RECORDS)
      .query({ name: "Order 43" })
      .reply(200, { custom_object_record: record(43) });
    const upserted = await testClient()
      .records("order")
      .upsert({ name: "Order 43" }, { custom_object_fields: { amount: 43, sku: "SKU-43" } });
    expect(upserted.name).toBe("Order 43");
  });

  test("upsert refuses both and neither, and empty values, before any request", async () => {
    const orders = testClient().records("order");
    const input = { custom_object_fields: { amount: 1, sku: "A" } };
    const both = { externalId: "e", name: "n" } as unknown as { name: string };
    await expect(orders.upsert(both, input)).rejects.toThrow(
      /exactly one of `\{ externalId \}` and `\{ name \}`; got both/,
    );
    await expect(orders.upsert({} as { name: string }, input)).rejects.toThrow(/got neither/);
    await expect(orders.upsert({ externalId: "" }, input)).rejects.toThrow(/`externalId` must be a non-empty string/);
  });

  test("delete by external id: DELETE …/records?external_id=…", async () => {
    zendesk().delete(RECORDS).query({ external_id: "ext-9" }).reply(204);
    await testClient().records("order").deleteByExternalId("ext-9");
  });

  test("delete by name: DELETE …/records?name=…", async () => {
    zendesk().delete(RECORDS).query({ name: "Order 9" }).reply(204);
    await testClient().records("order").deleteByName("Order 9");
  });

  test("delete by external id refuses an empty one (it would not name a record)", async () => {
    await expect(testClient().records("order").deleteByExternalId("")).rejects.toThrow(TypeError);
  });
});

describe("errors come back as core's classes, with Zendesk's details", () => {
  test("404 with an errors list → NotFoundError", async () => {
    zendesk()
      .get(`${RECORDS}/missing`)
      .reply(
        404,
        { errors: [{ code: "RecordNotFound", status: "404", title: "Not Found", detail: "Record not found" }] },
        { "x-zendesk-request-id": "req-404" },
      );
    const error = (await rejection(testClient().records("order").get("missing"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(isNotFoundError(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.error).toBe("RecordNotFound");
    expect(error.description).toBe("Record not found");
    expect(error.requestId).toBe("req-404");
    expect(error.errors?.[0]?.title).toBe("Not Found");
    expect(error.message).toContain(`GET https://acme.zendesk.com${RECORDS}/missing`);
  });

  test("422 with an errors list → ValidationError with field errors", async () => {
    zendesk()
      .post(RECORDS)
      .reply(
        422,
        errors("InvalidFieldValue", "Invalid field value", "amount must be a number", {
          pointer: "/custom_object_record/custom_object_fields/amount",
        }),
      );
    const error = (await rejection(
      testClient()
        .records("order")
        .create({ name: "x", custom_object_fields: { amount: 1, sku: "A" } }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(isValidationError(error)).toBe(true);
    expect(error.error).toBe("InvalidFieldValue");
    expect(error.fieldErrors).toEqual([
      {
        field: "/custom_object_record/custom_object_fields/amount",
        error: "InvalidFieldValue",
        description: "amount must be a number",
      },
    ]);
    expect(error.message).toContain("amount must be a number");
  });

  test("422 on an upsert by name that is not unique", async () => {
    zendesk()
      .patch(RECORDS)
      .query({ name: "dup" })
      .reply(422, errors("NameNotUnique", "Unprocessable Entity", "The name field is not unique"));
    const error = await rejection(
      testClient()
        .records("order")
        .upsert({ name: "dup" }, { custom_object_fields: { amount: 1, sku: "A" } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).description).toBe("The name field is not unique");
  });

  test("403 with the classic error body → PermissionError; 400 → ZendeskError", async () => {
    zendesk()
      .delete(`${RECORDS}/r1`)
      .reply(403, { error: { title: "Forbidden", message: "You do not have access to this page." } });
    zendesk()
      .get(`${RECORDS}/count`)
      .reply(400, { errors: [{ code: "BadRequest", title: "Bad Request", detail: "bad" }] });
    const orders = testClient().records("order");
    const forbidden = await rejection(orders.delete("r1"));
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect((forbidden as PermissionError).description).toBe("You do not have access to this page.");
    const bad = (await rejection(orders.count())) as ZendeskError;
    expect(bad.constructor).toBe(ZendeskError);
    expect(bad.status).toBe(400);
  });

  test("the typed calls keep openapi-fetch's no-throw result; unwrap throws the same classes", async () => {
    zendesk()
      .get("/api/v2/custom_objects/nope")
      .reply(404, { errors: [{ code: "NotFound", title: "Not Found", detail: "Custom object not found" }] });
    const result = await testClient().GET("/api/v2/custom_objects/{custom_object_key}", {
      params: { path: { custom_object_key: "nope" } },
    });
    expect(result.response.status).toBe(404);
    expect(result.error).toEqual({
      errors: [{ code: "NotFound", title: "Not Found", detail: "Custom object not found" }],
    });
    expect(() => unwrap(result)).toThrow(NotFoundError);
  });
});
