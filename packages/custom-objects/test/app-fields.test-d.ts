import { expectTypeOf, test } from "vitest";
import { createCustomObjectsClient, customObjectsOf } from "../src/index.js";

// An app that declares all of its custom fields in one type passes its `objects` entry here.
type MyFields = {
  ticket: { 360001: string };
  objects: { order: { amount: number; sku: string } };
};

test("the record maps of an app's one field type type the records", async () => {
  const zendesk = createCustomObjectsClient<MyFields["objects"]>({ subdomain: "acme", auth: { oauthToken: "t" } });
  const record = await zendesk.records("order").get("01HQ");
  expectTypeOf(record.custom_object_fields.amount).toEqualTypeOf<number>();
  // @ts-expect-error amount is a number
  await zendesk.records("order").create({ name: "A-1", custom_object_fields: { amount: "1", sku: "A" } });
  expectTypeOf(customObjectsOf<MyFields["objects"]>()).not.toBeNever();
});
