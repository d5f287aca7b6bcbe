import { describe, expectTypeOf, test } from "vitest";
import type { $CustomFields, CustomFieldMaps, Readable, Writable } from "../src/index.js";

// What generated code does with an app's field maps. Each @ts-expect-error must be needed, or the type check fails.
type LooseValue = string | number | boolean | string[] | null;
type LooseList = { id: number; value: LooseValue }[];
type LooseMap = { [key: string]: LooseValue };
type MyFields = { ticket: { 1: string; 2: number }; user: { plan: "gold" | "silver" } };

describe("$CustomFields", () => {
  test("with no map for the kind, the spec's loose type stays", () => {
    expectTypeOf<$CustomFields<CustomFieldMaps, "ticket", "read", LooseList>>().toEqualTypeOf<LooseList>();
    expectTypeOf<$CustomFields<{ user: { plan: string } }, "ticket", "write", LooseList>>().toEqualTypeOf<LooseList>();
    expectTypeOf<$CustomFields<MyFields, "organization", "read", LooseMap | null>>().toEqualTypeOf<LooseMap | null>();
  });

  test("a null the spec allows stays beside the typed map", () => {
    type Org = $CustomFields<{ organization: { region: "eu" } }, "organization", "read", LooseMap | null>;
    expectTypeOf<Extract<Org, null>>().toEqualTypeOf<null>();
    expectTypeOf<NonNullable<Org>["region"]>().toEqualTypeOf<"eu" | null | undefined>();
  });

  test("a property both sent and received reads every key and writes declared keys only", () => {
    type User = { user_fields?: $CustomFields<MyFields, "user", "both", LooseMap> };
    type Read = NonNullable<Readable<User>["user_fields"]>;
    expectTypeOf<Read["plan"]>().toEqualTypeOf<"gold" | "silver" | null | undefined>();
    expectTypeOf<Read["other"]>().toEqualTypeOf<LooseValue>();
    const write: Writable<User> = { user_fields: { plan: "gold" } };
    // @ts-expect-error only declared keys are written
    const undeclared: Writable<User> = { user_fields: { other: "x" } };
    // @ts-expect-error plan is gold or silver
    const wrong: Writable<User> = { user_fields: { plan: "bronze" } };
    expectTypeOf(write).toEqualTypeOf(undeclared);
    expectTypeOf(write).toEqualTypeOf(wrong);
  });

  test("a ticket field list both ways: reads admit any id, writes pair declared ids with their types", () => {
    type Ticket = { custom_fields?: $CustomFields<MyFields, "ticket", "both", LooseList> };
    type Element = NonNullable<Readable<Ticket>["custom_fields"]>[number];
    expectTypeOf<Element>().toEqualTypeOf<
      { id: 1; value: string | null } | { id: 2; value: number | null } | { id: number; value: LooseValue }
    >();
    const ok: Writable<Ticket> = { custom_fields: [{ id: 2, value: 3 }] };
    // @ts-expect-error field 2 is a number
    const bad: Writable<Ticket> = { custom_fields: [{ id: 2, value: "3" }] };
    expectTypeOf(ok).toEqualTypeOf(bad);
  });
});
