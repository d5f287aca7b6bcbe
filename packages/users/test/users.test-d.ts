import { describe, expectTypeOf, test } from "vitest";
import {
  type BulkResult,
  createUsersClient,
  createZendeskClient,
  type User,
  type UserIdentity,
  type UserInput,
  users,
  usersOf,
} from "../src/index.js";

// An app's own user fields. Each @ts-expect-error must be needed, or the type check fails.
type MyFields = { user: { plan: "gold" | "silver"; seats: number } };
type Loose = string | number | boolean | string[] | null;
const auth = { email: "ops@acme.test", apiToken: "t" };
const typed = createZendeskClient({ subdomain: "acme", auth, domains: [usersOf<MyFields>()] });
const plain = createUsersClient({ subdomain: "acme", auth });
const own = createUsersClient<MyFields>({ subdomain: "acme", auth });

describe("responses", () => {
  test("user fields are typed by the app's map, the account's other fields loosely", async () => {
    const { data } = await typed.GET("/api/v2/users/{user_id}", { params: { path: { user_id: 1 } } });
    if (!data) return;
    expectTypeOf(data.user.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
    expectTypeOf(data.user.user_fields.seats).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(data.user.user_fields.other).toEqualTypeOf<Loose | undefined>();
    const found = await typed.users.findByEmail("ann@example.com");
    expectTypeOf(found).toEqualTypeOf<User<MyFields> | undefined>();
    expectTypeOf((await own.me()).user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
  });

  test("what Zendesk always sends is required; what it sends as null is nullable", async () => {
    const user = await plain.merge(1, 2);
    expectTypeOf(user.id).toEqualTypeOf<number>();
    expectTypeOf(user.name).toEqualTypeOf<string>();
    expectTypeOf(user.active).toEqualTypeOf<boolean>();
    expectTypeOf(user.email).toEqualTypeOf<string | null>();
    expectTypeOf(user.role).toEqualTypeOf<"end-user" | "agent" | "admin">();
    expectTypeOf(user.external_id).toEqualTypeOf<string | null>();
    const identities = await plain.makeIdentityPrimary(1, 2);
    expectTypeOf(identities).toEqualTypeOf<UserIdentity[]>();
    expectTypeOf<UserIdentity["primary"]>().toEqualTypeOf<boolean>();
  });
});

describe("requests", () => {
  test("a create takes a name and no id", async () => {
    await plain.POST("/api/v2/users", { body: { user: { name: "Ann", email: "ann@example.com" } } });
    // @ts-expect-error: Zendesk assigns the id
    await plain.POST("/api/v2/users", { body: { user: { name: "Ann", id: 5 } } });
    // @ts-expect-error: a new user needs a name
    await plain.POST("/api/v2/users", { body: { user: { email: "ann@example.com" } } });
    // @ts-expect-error: read-only properties are not taken either
    await plain.POST("/api/v2/users", { body: { user: { name: "Ann", created_at: "2025-01-01" } } });
  });

  test("user fields in a body are the declared ones with their own types", async () => {
    await typed.users.createMany([{ name: "Ann", user_fields: { plan: "gold", seats: 3 } }]);
    // @ts-expect-error: "bronze" is not a plan
    await typed.users.createMany([{ name: "Ann", user_fields: { plan: "bronze" } }]);
    const input: UserInput<MyFields> = { name: "Bo", user_fields: { seats: 2 } };
    await own.createOrUpdateMany([input]);
  });

  test("the bulk helpers resolve to one result per item, with user ids", async () => {
    expectTypeOf(await plain.createMany([{ name: "Ann" }])).toEqualTypeOf<BulkResult<number>[]>();
    expectTypeOf(await plain.updateMany([1, 2], { suspended: true })).toEqualTypeOf<BulkResult<number>[]>();
    expectTypeOf(await plain.updateMany([{ id: 1, notes: "x" }])).toEqualTypeOf<BulkResult<number>[]>();
    expectTypeOf(await plain.destroyMany([1, 2])).toEqualTypeOf<BulkResult<number>[]>();
    // @ts-expect-error: update items need their id
    await plain.updateMany([{ notes: "x" }]);
  });

  test("merge and the lookups take the types they send", async () => {
    // @ts-expect-error: user ids are numbers
    await plain.merge("1", 2);
    expectTypeOf(users.name).toEqualTypeOf<"users">();
  });
});
