/**
 * @zenfetch/groups against the simulator over real HTTP: adding and removing agents, a group's members, default
 * groups, bulk memberships with a per-item error, and the groups an agent may assign tickets to.
 */
import { createGroupsClient, type GroupsClient, unwrap } from "@zenfetch/groups";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, FAST_WAIT, must, startSim } from "./helpers.js";

// The default seed: users 1 (admin) to 5 are agents, 6 and up end users. Each agent is in 9001 (their default)
// and in one other group: odd ids in 9003, even ids in 9002.
const END_USER = 7;

let sim: RunningSimulator;
let zendesk: GroupsClient;

beforeAll(async () => {
  sim = await startSim();
  zendesk = createGroupsClient(clientOptions(sim));
});
afterAll(closeSimulators);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const memberIds = async (groupId: number) => (await collect(zendesk.agents(groupId))).map((user) => user.id);

/** A fresh group, so that a test does not depend on what the others did to the seeded ones. */
async function newGroup(name: string): Promise<number> {
  return unwrap(await zendesk.POST("/api/v2/groups", { body: { group: { name } } })).group.id;
}

describe("agents in a group", () => {
  it("adds an agent, who is then among the group's users; adding again returns the same membership", async () => {
    expect(await memberIds(9002)).not.toContain(3);
    let before = sim.requests.count;
    const membership = await zendesk.addAgent(9002, 3);
    expect(sim.requests.count - before, "a new member costs one request").toBe(1);
    expect(membership).toMatchObject({ user_id: 3, group_id: 9002, default: false });
    expect(await memberIds(9002)).toContain(3);

    before = sim.requests.count;
    const again = await zendesk.addAgent(9002, 3);
    expect(sim.requests.count - before, "the refused create, then the agent's memberships").toBe(2);
    expect(again.id).toBe(membership.id);
    expect(await memberIds(9002)).toEqual([...new Set(await memberIds(9002))]);
  });

  it("removes an agent, who is then gone from the group's users; removing again resolves to undefined", async () => {
    await zendesk.addAgent(9002, 5);
    const removed = await zendesk.removeAgent(9002, 5);
    expect(removed).toMatchObject({ user_id: 5, group_id: 9002 });
    expect(await memberIds(9002)).not.toContain(5);
    expect(await zendesk.removeAgent(9002, 5)).toBeUndefined();
  });

  it("refuses an end user with a ValidationError", async () => {
    await expect(zendesk.addAgent(9002, END_USER)).rejects.toMatchObject({ name: "ValidationError", status: 422 });
  });
});

describe("default groups", () => {
  it("makes a group an agent's default, and only that one", async () => {
    const made = await zendesk.setDefault(4, 9002);
    expect(made).toMatchObject({ user_id: 4, group_id: 9002, default: true });

    const mine = await collect(
      zendesk.paginate("/api/v2/users/{user_id}/group_memberships", { params: { path: { user_id: 4 } } }),
    );
    expect(mine.filter((m) => m.default).map((m) => m.group_id)).toEqual([9002]);
    const member = (await collect(zendesk.agents(9002))).find((user) => user.id === 4);
    expect(member?.default_group_id).toBe(9002);
  });

  it("adds an agent with their default at once", async () => {
    const group = await newGroup("Weekend desk");
    await zendesk.addAgent(group, 2, { default: true });
    const mine = await collect(
      zendesk.paginate("/api/v2/users/{user_id}/group_memberships", { params: { path: { user_id: 2 } } }),
    );
    expect(mine.filter((m) => m.default).map((m) => m.group_id)).toEqual([group]);
  });

  it("refuses a group the agent is not in, without changing anything", async () => {
    const before = sim.requests.count;
    await expect(zendesk.setDefault(1, 9002)).rejects.toMatchObject({ name: "NotFoundError" });
    const puts = sim.requests.entries.filter((r) => r.seq > before && r.method === "PUT");
    expect(puts).toEqual([]);
  });
});

describe("bulk memberships", () => {
  it("creates memberships for several agents in one job, an end user failing alone, then destroys them", async () => {
    const group = await newGroup("Night shift");
    const results = await zendesk.createMany(
      [
        { user_id: 1, group_id: group },
        { user_id: 2, group_id: group },
        { user_id: END_USER, group_id: group },
        { user_id: 3, group_id: group },
      ],
      { wait: FAST_WAIT },
    );
    expect(results.map((r) => r.success)).toEqual([true, true, false, true]);
    expect(results[2]).toMatchObject({ index: 2, error: "GroupMembershipCreateFailed" });
    expect(results[2]?.details).toMatch(/agent/);
    expect(await memberIds(group)).toEqual([1, 2, 3]);

    const ids = results.filter((r) => r.success).map((r) => must(r.id));
    const destroyed = await zendesk.destroyMany([...ids, 999_999], { wait: FAST_WAIT });
    expect(destroyed.map((r) => [r.id, r.success])).toEqual([...ids.map((id) => [id, true]), [999_999, false]]);
    expect(await memberIds(group)).toEqual([]);
  });
});

describe("assignable groups", () => {
  it("lists the groups an agent may assign to, deleted ones left out", async () => {
    const group = await newGroup("Short-lived");
    unwrap(await zendesk.DELETE("/api/v2/groups/{group_id}", { params: { path: { group_id: group } } }));
    const assignable = await collect(zendesk.paginate("/api/v2/groups/assignable", { pageSize: 2 }));
    const ids = assignable.map((g) => g.id);
    expect(ids.slice(0, 3)).toEqual([9001, 9002, 9003]);
    expect(ids).not.toContain(group);
    expect(assignable.every((g) => !g.deleted)).toBe(true);

    // The assignee field lists the same groups, by name, on a path outside /api/v2.
    const field = await collect(zendesk.paginate("/api/lotus/assignables/groups.json", { pageSize: 2 }));
    expect(field.map((g) => g.id).sort()).toEqual([...ids].sort());
    const search = async (name: string) =>
      unwrap(await zendesk.GET("/api/lotus/assignables/autocomplete.json", { params: { query: { name } } }));
    expect((await search("Support")).groups.map((g) => g.id)).toEqual([9001]);
    // An agent comes once per group they may be assigned tickets in.
    const name = must(sim.state.users.get(3)).name;
    const found = (await search(name)).agents.filter((a) => a.id === 3);
    expect(found.map((a) => a.group_id)).toContain(9001);
    expect(found.map((a) => a.group_id)).toContain(9003);
  });
});
