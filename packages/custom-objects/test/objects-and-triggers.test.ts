import * as core from "@zenfetch/core";
import { describe, expect, test } from "vitest";
import * as pkg from "../src/index.js";
import { collect, ORIGIN, testClient, useNock, zendesk } from "./helpers.js";

useNock();

const { unwrap } = pkg;

describe("limits, objects and fields through the typed calls", () => {
  test("the three limits", async () => {
    zendesk().get("/api/v2/custom_objects/limits/object_limit").reply(200, { count: 3, limit: 50 });
    zendesk().get("/api/v2/custom_objects/limits/record_limit").reply(200, { count: 12000, limit: 1000000 });
    zendesk().get("/api/v2/custom_objects/order/limits/field_limit").reply(200, { count: 7, limit: 400 });
    const client = testClient();
    expect(unwrap(await client.GET("/api/v2/custom_objects/limits/object_limit"))).toEqual({ count: 3, limit: 50 });
    expect(unwrap(await client.GET("/api/v2/custom_objects/limits/record_limit")).limit).toBe(1000000);
    const fields = unwrap(
      await client.GET("/api/v2/custom_objects/{custom_object_key}/limits/field_limit", {
        params: { path: { custom_object_key: "order" } },
      }),
    );
    expect(fields).toEqual({ count: 7, limit: 400 });
  });

  test("create an object and a field, list the fields", async () => {
    let objectBody: unknown;
    zendesk()
      .post("/api/v2/custom_objects", (body) => {
        objectBody = body;
        return true;
      })
      .reply(201, {
        custom_object: { key: "order", title: "Order", title_pluralized: "Orders", include_in_list_view: true },
      });
    zendesk()
      .post("/api/v2/custom_objects/order/fields")
      .reply(201, { custom_object_field: { id: 1, key: "amount", type: "integer", title: "Amount" } });
    zendesk()
      .get("/api/v2/custom_objects/order/fields")
      .query({ include_standard_fields: "true" })
      .reply(200, {
        custom_object_fields: [
          { id: 0, key: "standard::name", type: "text", title: "Name", system: false },
          { id: 1, key: "amount", type: "integer", title: "Amount" },
        ],
      });
    const client = testClient();
    const { custom_object } = unwrap(
      await client.POST("/api/v2/custom_objects", {
        body: { custom_object: { key: "order", title: "Order", title_pluralized: "Orders" } },
      }),
    );
    expect(custom_object.key).toBe("order");
    expect(objectBody).toEqual({ custom_object: { key: "order", title: "Order", title_pluralized: "Orders" } });
    const path = { custom_object_key: "order" };
    const field = unwrap(
      await client.POST("/api/v2/custom_objects/{custom_object_key}/fields", {
        params: { path },
        body: { custom_object_field: { key: "amount", type: "integer", title: "Amount" } },
      }),
    );
    expect(field.custom_object_field.type).toBe("integer");
    const { custom_object_fields } = unwrap(
      await client.GET("/api/v2/custom_objects/{custom_object_key}/fields", {
        params: { path, query: { include_standard_fields: true } },
      }),
    );
    expect(custom_object_fields.map((f) => f.key)).toEqual(["standard::name", "amount"]);
  });
});

describe("object triggers through the typed calls and core's paginate", () => {
  const trigger = (id: number) => ({
    id,
    title: `Trigger ${id}`,
    active: true,
    position: id,
    conditions: {
      all: [{ field: "custom_object.order.custom_fields.amount", operator: "greater_than", value: "100" }],
    },
    actions: [{ field: "notification_user", value: ["current_user", "Big order", "An order over 100"] }],
  });

  test("paginate pages the trigger list by cursor", async () => {
    const TRIGGERS = "/api/v2/custom_objects/order/triggers";
    zendesk()
      .get(TRIGGERS)
      .query({ active: "true", "page[size]": "100" })
      .reply(200, {
        triggers: [trigger(1), trigger(2)],
        meta: { has_more: true, after_cursor: "t1", before_cursor: null },
        links: { next: `${ORIGIN}${TRIGGERS}?active=true&page[size]=100&page[after]=t1`, prev: null },
      });
    zendesk()
      .get(TRIGGERS)
      .query({ active: "true", "page[size]": "100", "page[after]": "t1" })
      .reply(200, {
        triggers: [trigger(3)],
        meta: { has_more: false, after_cursor: null, before_cursor: null },
        links: { next: null, prev: null },
      });
    const triggers = await collect(
      testClient().paginate("/api/v2/custom_objects/{custom_object_key}/triggers", {
        params: { path: { custom_object_key: "order" }, query: { active: true } },
      }),
    );
    expect(triggers.map((t) => t.title)).toEqual(["Trigger 1", "Trigger 2", "Trigger 3"]);
  });

  test("create and update a trigger", async () => {
    zendesk()
      .post("/api/v2/custom_objects/order/triggers")
      .reply(201, { trigger: trigger(9) });
    zendesk()
      .put("/api/v2/custom_objects/order/triggers/9", { trigger: { active: false } })
      .reply(200, { trigger: { ...trigger(9), active: false } });
    const client = testClient();
    const path = { custom_object_key: "order" };
    const { conditions, actions } = trigger(9);
    const created = unwrap(
      await client.POST("/api/v2/custom_objects/{custom_object_key}/triggers", {
        params: { path },
        body: { trigger: { title: "Trigger 9", conditions, actions } },
      }),
    ).trigger;
    expect(created.id).toBe(9);
    const updated = unwrap(
      await client.PUT("/api/v2/custom_objects/{custom_object_key}/triggers/{trigger_id}", {
        params: { path: { ...path, trigger_id: 9 } },
        body: { trigger: { active: false } },
      }),
    ).trigger;
    expect(updated.active).toBe(false);
  });
});

describe("one package to install", () => {
  test("core's runtime is re-exported as the same values", () => {
    const exported: Record<string, unknown> = { ...pkg };
    const original: Record<string, unknown> = { ...core };
    for (const name of [
      "unwrap",
      "RateLimiter",
      "ZendeskError",
      "NotFoundError",
      "ValidationError",
      "RateLimitError",
      "JobFailedError",
      "JobTimeoutError",
      "PaginationError",
      "isZendeskError",
      "isNotFoundError",
      "isRateLimitError",
    ] as const) {
      expect(exported[name], name).toBe(original[name]);
      expect(exported[name], name).toBeDefined();
    }
    expect(Object.keys(pkg.operations)).toContain("GET /api/v2/custom_objects/{custom_object_key}/records");
  });

  test("the client takes core's options and shares a limiter when given one", () => {
    const limiter = new pkg.RateLimiter();
    const client = testClient({ limiter });
    expect(client.limiter).toBe(limiter);
    expect(client.baseUrl).toBe(ORIGIN);
    expect(() => testClient({ subdomain: "acme.zendesk.com" })).toThrow(pkg.ZendeskConfigError);
  });
});
