/**
 * @zenfetch/organizations over real HTTP against the simulator: an organization's users paged through to the end,
 * bulk jobs over hundreds of organizations with per-item failures, memberships made and removed in bulk as seen in
 * the organization's users, tags, and the lookup helpers.
 */
import {
  createOrganizationsClient,
  isNotFoundError,
  type OrganizationCreateInput,
  type OrganizationsClient,
} from "@zenfetch/organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, duplicates, FAST_WAIT, must, range, startSim } from "./helpers.js";

let sim: RunningSimulator;
let client: OrganizationsClient;

beforeAll(async () => {
  // 300 users, of which all but the first few are end users spread over 5 organizations.
  sim = await startSim({ seed: { tickets: 30, users: 300, organizations: 5 } });
  client = createOrganizationsClient(clientOptions(sim));
});
afterAll(closeSimulators);

const FAST = { wait: FAST_WAIT };

/** The ids of the users the simulator holds in an organization by their row (their default organization). */
function seededMembers(organizationId: number): number[] {
  return [...sim.state.users.all()].filter((user) => user.organizationId === organizationId).map((user) => user.id);
}

/** Every user id of `organizationId`, through `users()` with small pages. */
async function memberIds(organizationId: number, pageSize = 100): Promise<number[]> {
  const ids: number[] = [];
  for await (const user of client.users(organizationId, { pageSize })) ids.push(user.id);
  return ids;
}

describe("an organization's users", () => {
  it("pages through every member, once each, and no one from another organization", async () => {
    const expected = seededMembers(2);
    expect(expected.length).toBeGreaterThan(40); // several pages of 15

    const before = sim.requests.count;
    const ids = await memberIds(2, 15);

    expect(ids).toEqual(expected);
    expect(duplicates(ids)).toEqual([]);
    expect(sim.requests.count - before).toBe(Math.ceil(expected.length / 15));
    for (const other of [1, 3, 4, 5]) expect(ids.some((id) => seededMembers(other).includes(id))).toBe(false);
  });

  it("hands out whole pages with `.pages()`, each within the page size", async () => {
    const sizes: number[] = [];
    for await (const page of client.users(3, { pageSize: 20 }).pages()) sizes.push(page.users.length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(seededMembers(3).length);
    expect(sizes.every((size) => size <= 20)).toBe(true);
    expect(sizes.length).toBeGreaterThan(1);
  });

  it("keeps only the users of one role when asked", async () => {
    await client.addUser(3, 2); // an agent joins
    const agents: number[] = [];
    for await (const user of client.users(3, { role: "agent" })) agents.push(user.id);
    expect(agents).toEqual([2]);
    await client.removeUser(3, 2);
  });

  it("answers 404 for an organization that does not exist", async () => {
    await expect(memberIds(999_999)).rejects.toSatisfy(isNotFoundError);
  });
});

describe("bulk jobs on organizations", () => {
  /** 250 new organizations, a few of them refused one by one inside their job. */
  const input: OrganizationCreateInput[] = range(0, 249).map((index) => ({
    name: `Bulk ${index}`,
    external_id: `bulk-${index}`,
    tags: ["bulk"],
  }));
  const BAD = { 7: "blank", 120: "taken", 249: "repeated" } as const;
  input[7] = { name: "   " };
  input[120] = { name: "Bulk 3" }; // the name of item 3, created before it
  input[249] = { name: "Bulk 248" }; // the same name as the item just before it

  it("creates 250 organizations in jobs of 100, one result per item in input order, failures included", async () => {
    const before = sim.state.organizations.size;
    const results = await client.createMany(input, FAST);

    expect(results).toHaveLength(250);
    expect(results.map((result) => result.index)).toEqual(range(0, 249));
    expect(new Set(results.map((result) => result.jobId)).size).toBe(3);
    const failed = results.filter((result) => !result.success);
    expect(failed.map((result) => result.index)).toEqual(Object.keys(BAD).map(Number));
    expect(failed.map((result) => result.details)).toEqual([
      "Name: cannot be blank",
      "Name: has already been taken",
      "Name: has already been taken",
    ]);
    expect(failed.every((result) => result.error === "OrganizationCreateFailed")).toBe(true);
    expect(sim.state.organizations.size - before).toBe(247);
    for (const result of results.filter((r) => r.success)) {
      expect(sim.state.organizations.get(result.id as number)?.name).toBe(input[result.index]?.name);
    }
  });

  it("updates them with one set of changes, then each with its own, and deletes them by id and by external id", async () => {
    const created = [...sim.state.organizations.all()].filter((row) => row.name.startsWith("Bulk "));
    expect(created).toHaveLength(247);
    const ids = created.map((row) => row.id);

    const shared = await client.updateMany([...ids, 999_999], { notes: "Moved to the new plan" }, FAST);
    expect(shared).toHaveLength(248);
    expect(shared.filter((result) => !result.success).map((result) => result.id)).toEqual([999_999]);
    expect(created.every((row) => sim.state.organizations.get(row.id)?.notes === "Moved to the new plan")).toBe(true);

    const own = await client.updateMany(
      ids.slice(0, 30).map((id) => ({ id, details: `Office ${id}` })),
      FAST,
    );
    expect(own.every((result) => result.success)).toBe(true);
    expect(sim.state.organizations.get(ids[29] as number)?.details).toBe(`Office ${ids[29]}`);

    // Half by id, the rest by external id (the three refused items have none: they were never created).
    const byId = ids.slice(0, 120);
    const byExternalId = created.slice(120).map((row) => row.externalId as string);
    const gone = await client.destroyMany(byId, FAST);
    expect(gone.map((result) => result.id)).toEqual(byId);
    expect(gone.every((result) => result.success)).toBe(true);
    const goneToo = await client.destroyManyByExternalId([...byExternalId, "no-such-org"], FAST);
    expect(goneToo.filter((result) => result.success)).toHaveLength(byExternalId.length);
    expect(goneToo.at(-1)).toMatchObject({ success: false, error: "OrganizationDeleteFailed" });
    expect(ids.filter((id) => sim.state.organizations.get(id))).toEqual([]);
  });
});

describe("memberships", () => {
  it("adds and removes users in bulk, and the organization's users follow", async () => {
    const target = (await client.POST("/api/v2/organizations", { body: { organization: { name: "Members Ltd" } } }))
      .data?.organization.id as number;
    expect(await memberIds(target)).toEqual([]);

    // Users of organization 1, plus one already in the target (refused) and one who does not exist.
    const joining = seededMembers(1);
    expect(joining.length).toBeGreaterThan(50);
    const results = await client.createManyMemberships(
      [
        ...joining.map((user_id) => ({ user_id, organization_id: target })),
        { user_id: joining[0] as number, organization_id: target },
        { user_id: 987_654, organization_id: target },
      ],
      FAST,
    );
    const n = joining.length;
    expect(results).toHaveLength(n + 2);
    expect(results.filter((result) => !result.success).map((result) => result.index)).toEqual([n, n + 1]);
    expect(await memberIds(target, 50)).toEqual(joining);
    // They keep organization 1 as their default and are listed there too.
    expect(await memberIds(1)).toEqual(expect.arrayContaining(joining));
    expect(sim.state.users.get(joining[0] as number)?.organizationId).toBe(1);

    const leaving = results.slice(0, 40).map((result) => result.id as number);
    const removed = await client.destroyManyMemberships(leaving, FAST);
    expect(removed.every((result) => result.success)).toBe(true);
    expect(await memberIds(target)).toEqual(joining.slice(40));
    // Those memberships were not their default: organization 1 still is.
    expect(sim.state.users.get(joining[0] as number)?.organizationId).toBe(1);
  });

  it("addUser makes a user without an organization a member by default; removeUser clears the default", async () => {
    const agent = 2; // agents have no organization
    expect(sim.state.users.get(agent)?.organizationId).toBeNull();
    const membership = await client.addUser(4, agent);
    expect(membership).toMatchObject({ user_id: agent, organization_id: 4, default: true });
    expect(sim.state.users.get(agent)?.organizationId).toBe(4);
    expect(await memberIds(4)).toContain(agent);

    await client.removeUser(4, agent);
    expect(sim.state.users.get(agent)?.organizationId).toBeNull();
    expect(await memberIds(4)).not.toContain(agent);
    await expect(client.removeUser(4, agent)).rejects.toSatisfy(isNotFoundError);
  });
});

describe("defaults", () => {
  it("make_default moves a user's default organization, and deleting that organization clears it", async () => {
    const user = must(seededMembers(5)[0], "a member of organization 5");
    const created = await client.POST("/api/v2/organizations", { body: { organization: { name: "Second Home" } } });
    const second = must(created.data?.organization.id, "the new organization");
    const added = await client.addUser(second, user);
    expect(added.default).toBeNull(); // the user keeps organization 5 as their default

    const made = await client.PUT(
      "/api/v2/users/{user_id}/organization_memberships/{organization_membership_id}/make_default",
      {
        params: { path: { user_id: user, organization_membership_id: added.id } },
      },
    );
    expect(made.data?.organization_memberships.map((m) => [m.organization_id, m.default])).toEqual([
      [5, null],
      [second, true],
    ]);
    expect(sim.state.users.get(user)?.organizationId).toBe(second);

    const deleted = await client.DELETE("/api/v2/organizations/{organization_id}", {
      params: { path: { organization_id: second } },
    });
    expect(deleted.response.status).toBe(204);
    expect(sim.state.users.get(user)?.organizationId).toBeNull();
    const left = await client.GET("/api/v2/users/{user_id}/organization_memberships", {
      params: { path: { user_id: user } },
    });
    expect(left.data?.organization_memberships.map((m) => [m.organization_id, m.default])).toEqual([[5, null]]);
    expect(await memberIds(5)).toContain(user); // still a member of 5, without a default now
  });
});

describe("tags and lookups", () => {
  it("sets, adds to, removes from and lists an organization's tags", async () => {
    const path = "/api/v2/organizations/{organization_id}/tags" as const;
    const params = { path: { organization_id: 5 } };
    expect((await client.POST(path, { params, body: { tags: ["gold", "emea"] } })).data?.tags).toEqual([
      "gold",
      "emea",
    ]);
    expect((await client.PUT(path, { params, body: { tags: ["renewal", "gold"] } })).data?.tags).toEqual([
      "gold",
      "emea",
      "renewal",
    ]);
    const removed = await client.DELETE(path, { params, body: { tags: ["emea"] } });
    expect(removed.response.status).toBe(204);
    expect((await client.GET(path, { params })).data?.tags).toEqual(["gold", "renewal"]);
    expect(sim.state.organizations.get(5)?.tags).toEqual(["gold", "renewal"]);
  });

  it("finds an organization by external id (any case) or exact name, and undefined when there is none", async () => {
    await client.POST("/api/v2/organizations", {
      body: { organization: { name: "Lookup Corp", external_id: "Lookup-1", organization_fields: { tier: "gold" } } },
    });
    const byExternalId = await client.findByExternalId("lookup-1");
    expect(byExternalId).toMatchObject({ name: "Lookup Corp", organization_fields: { tier: "gold" } });
    expect((await client.findByName("Lookup Corp"))?.id).toBe(byExternalId?.id);
    expect(await client.findByName("lookup corp")).toBeUndefined();
    expect(await client.findByExternalId("nothing")).toBeUndefined();
  });
});
