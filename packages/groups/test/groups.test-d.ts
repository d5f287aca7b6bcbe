import { createZendeskClient } from "@zenfetch/core";
import { describe, expectTypeOf, test } from "vitest";
import {
  type AssignableAgent,
  type AssignableGroup,
  type BulkResult,
  createGroupsClient,
  type Group,
  type GroupInput,
  type GroupMember,
  type GroupMembership,
  type GroupMembershipInput,
  groups,
} from "../src/index.js";

// Each @ts-expect-error must be needed.
const zendesk = createGroupsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken: "t" } });

describe("shapes", () => {
  test("what Zendesk always sends on a group and a membership needs no check", () => {
    expectTypeOf<Group["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Group["deleted"]>().toEqualTypeOf<boolean>();
    expectTypeOf<GroupMembership["default"]>().toEqualTypeOf<boolean>();
    expectTypeOf<GroupMembership["group_id"]>().toEqualTypeOf<number>();
    expectTypeOf<AssignableAgent["avatar_url"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AssignableGroup["name"]>().toEqualTypeOf<string>();
  });

  test("inputs refuse what Zendesk sets itself and require what it needs", () => {
    const group: GroupInput = { name: "Tier 2", is_public: false };
    const membership: GroupMembershipInput = { user_id: 7, group_id: 9, default: true };
    expectTypeOf([group, membership]).toBeArray();
    // @ts-expect-error a group's id is Zendesk's
    const withId: GroupInput = { name: "Tier 2", id: 4 };
    // @ts-expect-error a new group needs a name
    const nameless: GroupInput = { description: "No name" };
    // @ts-expect-error a membership needs its group
    const groupless: GroupMembershipInput = { user_id: 7 };
    expectTypeOf([withId, nameless, groupless]).toBeArray();
  });
});

describe("calls", () => {
  test("the lists page by their items", async () => {
    for await (const group of zendesk.paginate("/api/v2/groups")) expectTypeOf(group).toEqualTypeOf<Group>();
    const members = zendesk.paginate("/api/v2/groups/{group_id}/memberships", { params: { path: { group_id: 9 } } });
    for await (const membership of members) expectTypeOf(membership).toEqualTypeOf<GroupMembership>();
    for await (const agent of zendesk.paginate("/api/lotus/assignables/groups/{group_id}/agents.json", {
      params: { path: { group_id: 9 } },
    })) {
      expectTypeOf(agent).toEqualTypeOf<AssignableAgent>();
    }
    // @ts-expect-error the assignee search is not a list to page
    zendesk.paginate("/api/lotus/assignables/autocomplete.json");
  });

  test("a create takes the group in its wrapper", async () => {
    await zendesk.POST("/api/v2/groups", { body: { group: { name: "Tier 2" } } });
    // @ts-expect-error `default` is Zendesk's to set
    await zendesk.POST("/api/v2/groups", { body: { group: { name: "Tier 2", default: true } } });
  });

  test("the helpers", async () => {
    expectTypeOf(await zendesk.addAgent(9, 7, { default: true })).toEqualTypeOf<GroupMembership>();
    expectTypeOf(await zendesk.removeAgent(9, 7)).toEqualTypeOf<GroupMembership | undefined>();
    expectTypeOf(await zendesk.setDefault(7, 9)).toEqualTypeOf<GroupMembership>();
    for await (const user of zendesk.agents(9)) expectTypeOf(user).toEqualTypeOf<GroupMember>();
    // @ts-expect-error the group id is a number
    await zendesk.addAgent("9", 7);
    // @ts-expect-error unknown option
    await zendesk.addAgent(9, 7, { primary: true });
  });

  test("the bulk helpers take memberships and ids, and give one result per item", async () => {
    const created = await zendesk.createMany([{ user_id: 7, group_id: 9 }]);
    expectTypeOf(created).toEqualTypeOf<BulkResult<number>[]>();
    await zendesk.destroyMany([31, 32]);
    // @ts-expect-error each item is a membership input
    await zendesk.createMany([{ user_id: 7 }]);
  });

  test("on a client shared with other domains, the helpers are under `groups`", async () => {
    const shared = createZendeskClient({
      subdomain: "acme",
      auth: { email: "a@b.test", apiToken: "t" },
      domains: [groups],
    });
    expectTypeOf(await shared.groups.addAgent(9, 7)).toEqualTypeOf<GroupMembership>();
    await shared.groups.destroyMany([1]);
  });
});
