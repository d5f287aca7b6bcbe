import { describe, expectTypeOf, test } from "vitest";
import {
  type BulkResult,
  createOrganizationsClient,
  createZendeskClient,
  type Organization,
  type OrganizationCreateInput,
  type OrganizationMembership,
  organizationsOf,
  type User,
} from "../src/index.js";

// An app's own fields. Each @ts-expect-error must be needed, or the type check fails.
type MyFields = {
  organization: { region: "eu" | "us"; seats: number };
  user: { plan: "gold" | "silver" };
};
type Loose = string | number | boolean | string[] | null;
const auth = { email: "ops@acme.test", apiToken: "t" };
const typed = createZendeskClient({ subdomain: "acme", auth, domains: [organizationsOf<MyFields>()] });
const typedOwn = createOrganizationsClient<MyFields>({ subdomain: "acme", auth });
const plain = createOrganizationsClient({ subdomain: "acme", auth });
const show = { params: { path: { organization_id: 1 } } };

describe("responses", () => {
  test("properties Zendesk always sends are required, with their nullability", () => {
    expectTypeOf<Organization["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Organization["name"]>().toEqualTypeOf<string>();
    expectTypeOf<Organization["external_id"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Organization["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<OrganizationMembership["user_id"]>().toEqualTypeOf<number>();
    expectTypeOf<OrganizationMembership["default"]>().toEqualTypeOf<boolean | null>();
  });

  test("organization_fields are typed by the app's map; undeclared keys stay loose", async () => {
    const { data } = await typed.GET("/api/v2/organizations/{organization_id}", show);
    const fields = data?.organization.organization_fields;
    if (!fields) return;
    expectTypeOf(fields.region).toEqualTypeOf<"eu" | "us" | null | undefined>();
    expectTypeOf(fields.seats).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(fields.other).toEqualTypeOf<Loose | undefined>();
    expectTypeOf(data.organization).toExtend<Organization<MyFields>>();
  });

  test("the helpers carry the maps: found organizations and listed users", async () => {
    const found = await typedOwn.findByExternalId("acme");
    expectTypeOf(found).toEqualTypeOf<Organization<MyFields> | undefined>();
    expectTypeOf(typed.organizations.findByName).returns.resolves.toEqualTypeOf<Organization<MyFields> | undefined>();
    for await (const user of typedOwn.users(1)) {
      expectTypeOf(user).toEqualTypeOf<User<MyFields>>();
      expectTypeOf(user.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
    }
    expectTypeOf(plain.addUser).returns.resolves.toEqualTypeOf<OrganizationMembership>();
  });
});

describe("request bodies", () => {
  test("a create takes the writable properties, requires a name and refuses server-set ones", () => {
    plain.POST("/api/v2/organizations", { body: { organization: { name: "Acme", tags: ["vip"] } } });
    // @ts-expect-error the id is Zendesk's to set
    plain.POST("/api/v2/organizations", { body: { organization: { name: "Acme", id: 7 } } });
    // @ts-expect-error a name is required
    plain.POST("/api/v2/organizations", { body: { organization: { notes: "no name" } } });
    // @ts-expect-error created_at is read-only
    const input: OrganizationCreateInput = { name: "Acme", created_at: "2025-01-01T00:00:00Z" };
    void input;
  });

  test("declared fields must have their type in writes", () => {
    typed.PUT("/api/v2/organizations/{organization_id}", {
      ...show,
      body: { organization: { organization_fields: { region: "eu", seats: 3 } } },
    });
    typed.PUT("/api/v2/organizations/{organization_id}", {
      ...show,
      // @ts-expect-error seats is a number field
      body: { organization: { organization_fields: { seats: "three" } } },
    });
  });

  test("the bulk helpers take the endpoint's items and answer one result per item", () => {
    expectTypeOf(plain.createMany([{ name: "A" }])).resolves.toEqualTypeOf<BulkResult<number>[]>();
    // @ts-expect-error every created organization needs a name
    plain.createMany([{ notes: "x" }]);
    plain.updateMany([1, 2], { notes: "moved" });
    plain.updateMany([{ id: 1, notes: "moved" }]);
    // @ts-expect-error a per-item update names its organization
    plain.updateMany([{ notes: "moved" }]);
    expectTypeOf(plain.destroyManyByExternalId(["acme"])).resolves.toEqualTypeOf<BulkResult<string>[]>();
    // @ts-expect-error external ids are strings
    plain.destroyManyByExternalId([1]);
    plain.createManyMemberships([{ user_id: 1, organization_id: 2 }]);
    // @ts-expect-error a membership names its organization
    plain.createManyMemberships([{ user_id: 1 }]);
    expectTypeOf(typed.organizations.destroyManyMemberships).parameter(0).toEqualTypeOf<readonly number[]>();
  });
});
