import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { api, pollJob } from "./test-helpers.js";

describe("users", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: { tickets: 30, users: 30, organizations: 3 } });
  });
  afterAll(() => sim.close());

  const create = async (user: Record<string, unknown>) => {
    const response = await api(sim, "POST", "/api/v2/users", { body: { user } });
    expect(response.status, response.text).toBe(201);
    return response.body.user as { id: number; email: string };
  };
  const search = async (query: string) => {
    const response = await api(sim, "GET", `/api/v2/users/search?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    return (response.body.users as { id: number }[]).map((user) => user.id);
  };

  it("searches by email, name, external id, tags and bare words", async () => {
    const ann = await create({ name: "Ann Query", email: "ann.query@example.com", external_id: "Q-1", tags: ["vip"] });
    const anna = await create({ name: "Annabel Query", email: "annabel.query@example.com", notes: "likes tea" });
    expect(await search('email:"ann.query@example.com"')).toEqual([ann.id]);
    expect(await search("email:query@example.com")).toEqual([ann.id, anna.id]);
    expect(await search('name:"Ann Query"')).toEqual([ann.id]);
    expect(await search("external_id:q-1")).toEqual([ann.id]);
    expect(await search("tags:vip name:Query")).toEqual([ann.id]);
    expect(await search("tea")).toEqual([anna.id]);
    const exact = await api(sim, "GET", "/api/v2/users/search?external_id=Q-1");
    expect(exact.body.users.map((user: { id: number }) => user.id)).toEqual([ann.id]);
    const prefix = await api(sim, "GET", "/api/v2/users/autocomplete?name=annab");
    expect(prefix.body.users.map((user: { id: number }) => user.id)).toEqual([anna.id]);
  });

  it("refuses a taken address and external id, and an update's email becomes a secondary identity", async () => {
    const bo = await create({ name: "Bo", email: "bo.taken@example.com", external_id: "bo-1" });
    const taken = await api(sim, "POST", "/api/v2/users", {
      body: { user: { name: "Other", email: "BO.TAKEN@example.com" } },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.details.email[0].error).toBe("DuplicateValue");
    const sameId = await api(sim, "POST", "/api/v2/users", { body: { user: { name: "Other", external_id: "BO-1" } } });
    expect(sameId.status).toBe(422);
    const updated = await api(sim, "PUT", `/api/v2/users/${bo.id}`, {
      body: { user: { email: "bo.second@example.com" } },
    });
    expect(updated.body.user.email).toBe("bo.taken@example.com");
    const identities = await api(sim, "GET", `/api/v2/users/${bo.id}/identities`);
    expect(identities.body.identities.map((i: { value: string; primary: boolean }) => [i.value, i.primary])).toEqual([
      ["bo.taken@example.com", true],
      ["bo.second@example.com", false],
    ]);
  });

  it("deletes softly, lists deleted users until they are erased, and destroy_many takes external ids", async () => {
    const cy = await create({ name: "Cy", email: "cy@example.com", external_id: "cy-1" });
    const dee = await create({ name: "Dee", email: "dee@example.com" });
    const removed = await api(sim, "DELETE", `/api/v2/users/${dee.id}`);
    expect(removed.body.user.active).toBe(false);
    expect((await api(sim, "PUT", `/api/v2/users/${dee.id}`, { body: { user: { name: "x" } } })).status).toBe(404);
    const job = await api(sim, "DELETE", "/api/v2/users/destroy_many?external_ids=cy-1,nobody");
    const statuses = await pollJob(sim, job.body.job_status.id);
    expect(statuses[statuses.length - 1].results).toMatchObject([
      { index: 0, id: cy.id, success: true, status: "Deleted" },
      { index: 1, success: false, error: "UserDeleteFailed" },
    ]);
    const deleted = await api(sim, "GET", "/api/v2/deleted_users");
    const ids = deleted.body.deleted_users.map((user: { id: number }) => user.id);
    expect(ids).toEqual(expect.arrayContaining([cy.id, dee.id]));
    expect((await api(sim, "DELETE", `/api/v2/deleted_users/${dee.id}`)).status).toBe(200);
    expect((await api(sim, "GET", `/api/v2/deleted_users/${dee.id}`)).status).toBe(404);
    expect((await api(sim, "GET", `/api/v2/users/${dee.id}`)).status).toBe(404);
    // The address of a deleted user is free again.
    await create({ name: "Cy Again", email: "cy@example.com" });
  });

  it("a primary email identity cannot be removed while it is the only one", async () => {
    const eve = await create({ name: "Eve", email: "eve@example.com" });
    const list = await api(sim, "GET", `/api/v2/users/${eve.id}/identities`);
    const only = list.body.identities[0].id;
    expect((await api(sim, "DELETE", `/api/v2/users/${eve.id}/identities/${only}`)).status).toBe(422);
  });
});
