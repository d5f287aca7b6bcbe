import { describe, expectTypeOf, test } from "vitest";
import {
  type CustomStatus,
  type CustomStatusUpdate,
  createTicketFieldsClient,
  createZendeskClient,
  type FieldNames,
  fieldsByName,
  type NamedFieldValue,
  statusByName,
  type TicketCustomFieldValue,
  ticketFields,
} from "../src/index.js";

// The app's own map from field title to value type. Each @ts-expect-error must be needed, or the type check fails.
type MyFields = { Plan: "plan_gold" | "plan_silver"; "Order number": string; VIP: boolean; Products: string[] };
const auth = { email: "ops@acme.test", apiToken: "t" };
const single = createTicketFieldsClient({ subdomain: "acme", auth });
const shared = createZendeskClient({ subdomain: "acme", auth, domains: [ticketFields] });
// A ticket as @zenfetch/tickets types it, without importing that package.
declare const ticket: {
  id: number;
  custom_fields: { id: number; value: string | number | boolean | string[] | null }[];
};

describe("fields by name", () => {
  test("reading gives the declared types, null when empty", async () => {
    const names = await single.fieldsByName<MyFields>();
    expectTypeOf(names).toEqualTypeOf<FieldNames<MyFields>>();
    const values = names.read(ticket);
    expectTypeOf(values.Plan).toEqualTypeOf<"plan_gold" | "plan_silver" | null>();
    expectTypeOf(values["Order number"]).toEqualTypeOf<string | null>();
    expectTypeOf(names.get(ticket, "VIP")).toEqualTypeOf<boolean | null>();
    // @ts-expect-error: not a declared name
    values.Region;
    // @ts-expect-error: not a declared name
    names.get(ticket, "Region");
  });

  test("writing takes declared names with their types only", async () => {
    const names = await fieldsByName<MyFields>(shared);
    expectTypeOf(names.write({ Plan: "plan_gold", VIP: true })).toEqualTypeOf<TicketCustomFieldValue[]>();
    names.write({ Products: ["a"], "Order number": null });
    // @ts-expect-error: unknown name
    names.write({ Region: "eu" });
    // @ts-expect-error: not one of the declared values
    names.write({ Plan: "plan_bronze" });
    // @ts-expect-error: a checkbox is a boolean
    names.write({ VIP: "yes" });
  });

  test("without a map every title is accepted, loosely typed", async () => {
    const names = await shared.ticketFields.fieldsByName();
    // A title the account may not have: undefined then.
    expectTypeOf(names.read(ticket).anything).toEqualTypeOf<NamedFieldValue | undefined>();
    names.write({ "Any title": "x", Other: ["a", "b"] });
    // @ts-expect-error: a value no field holds
    names.write({ When: new Date() });
  });

  test("names to check are the map's titles", () => {
    single.fieldsByName<MyFields>({ names: ["Plan", "VIP"] });
    // @ts-expect-error: not a declared title
    single.fieldsByName<MyFields>({ names: ["Region"] });
  });

  test("a map with a value no field can hold is refused", () => {
    // @ts-expect-error: Date is not a field value
    single.fieldsByName<{ Renewal: Date }>();
  });

  test("any object with custom_fields reads", async () => {
    const names = await single.fieldsByName();
    names.read({});
    names.read({ custom_fields: null });
    // @ts-expect-error: custom_fields is a list of { id, value }
    names.read({ custom_fields: { Plan: "x" } });
  });
});

describe("custom statuses", () => {
  test("statusByName gives the update fragment; formStatuses the statuses", async () => {
    expectTypeOf(await single.statusByName("Waiting")).toEqualTypeOf<CustomStatusUpdate>();
    expectTypeOf(await statusByName(shared, 8101)).toEqualTypeOf<{ custom_status_id: number }>();
    expectTypeOf(await shared.ticketFields.formStatuses(7501)).toEqualTypeOf<CustomStatus[]>();
    expectTypeOf((await single.customStatuses()).find("Open").status_category).toEqualTypeOf<
      "new" | "open" | "pending" | "hold" | "solved"
    >();
    // @ts-expect-error: a form id is a number
    await single.formStatuses("7501");
  });
});
