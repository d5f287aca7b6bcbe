/**
 * The users package against the simulator over real HTTP: lookups by email, create-or-update of 1,000 users in
 * jobs with per-item results in input order, a merge, identities and tags.
 */
import { createUsersClient, unwrap } from "@zenfetch/users";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, FAST_WAIT, startSim, ticketsClient } from "./helpers.js";

let sim: RunningSimulator;
let zendesk: ReturnType<typeof createUsersClient<{ user: { plan: "gold" | "silver" } }>>;

beforeAll(async () => {
  sim = await startSim({ seed: { users: 60, tickets: 40, organizations: 3 } });
  zendesk = createUsersClient<{ user: { plan: "gold" | "silver" } }>(clientOptions(sim));
});
afterAll(closeSimulators);

/** Creates an end user and returns its id. */
async function newUser(name: string, email: string): Promise<number> {
  const { user } = unwrap(await zendesk.POST("/api/v2/users", { body: { user: { name, email } } }));
  return user.id;
}

describe("finding users", () => {
  test("findByEmail finds a seeded user by its address, whatever its case, and nobody for an unknown one", async () => {
    const seeded = sim.state.users.get(12);
    if (!seeded) throw new Error("seeded user 12 is missing");
    const found = await zendesk.findByEmail(seeded.email.toUpperCase());
    expect(found?.id).toBe(12);
    expect(found?.email).toBe(seeded.email);
    await expect(zendesk.findByEmail("nobody.here@example.com")).resolves.toBeUndefined();
  });

  test("findByEmail does not take a longer address that contains the one asked for", async () => {
    await newUser("Pat Long", "pat.long@example.com");
    await newUser("Pat", "at.long@example.com");
    expect((await zendesk.findByEmail("at.long@example.com"))?.name).toBe("Pat");
  });

  test("findByExternalId, search and me", async () => {
    const { user } = unwrap(
      await zendesk.POST("/api/v2/users", {
        body: { user: { name: "Casey Crm", email: "casey@example.com", external_id: "crm-77", tags: ["vip"] } },
      }),
    );
    expect((await zendesk.findByExternalId("CRM-77"))?.id).toBe(user.id);
    const vips: number[] = [];
    for await (const found of zendesk.search("tags:vip")) vips.push(found.id);
    expect(vips).toEqual([user.id]);
    expect((await zendesk.findByName("casey crm")).map((u) => u.id)).toEqual([user.id]);
    expect((await zendesk.me()).id).toBe(1);
  });
});

describe("create or update in bulk", () => {
  test("1,000 users in jobs of 100: one result per item in input order, updates by email, per-item errors", async () => {
    const existing = [21, 22, 23, 24, 25].map((id) => {
      const row = sim.state.users.get(id);
      if (!row) throw new Error(`seeded user ${id} is missing`);
      return row;
    });
    const items = Array.from({ length: 1000 }, (_, i) => {
      if (i % 200 === 7) {
        // Matches a seeded user by email: updated, not created.
        const row = existing[(i - 7) / 200] as (typeof existing)[number];
        return { email: row.email, name: `Renamed ${row.id}`, user_fields: { plan: "gold" as const } };
      }
      if (i % 97 === 0) return { name: `Broken ${i}`, email: `broken-${i}-at-example.com` }; // not an address
      return { name: `Imported ${i}`, email: `imported.${i}@example.com`, external_id: `imp-${i}` };
    });
    const before = sim.state.users.size;
    const jobsBefore = sim.requests.byRoute.get("POST /api/v2/users/create_or_update_many") ?? 0;
    const results = await zendesk.createOrUpdateMany(items, { wait: FAST_WAIT, concurrency: 5 });

    expect(results).toHaveLength(1000);
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect((sim.requests.byRoute.get("POST /api/v2/users/create_or_update_many") ?? 0) - jobsBefore).toBe(10);

    const broken = results.filter((r) => !r.success);
    expect(broken.map((r) => r.index)).toEqual(items.map((_, i) => i).filter((i) => i % 97 === 0 && i % 200 !== 7));
    for (const failure of broken) {
      expect(failure.error).toBe("UserCreateFailed");
      expect(failure.details).toMatch(/not properly formatted/);
    }

    for (const [n, row] of existing.entries()) {
      const result = results[n * 200 + 7];
      expect(result).toMatchObject({ success: true, id: row.id, status: "Updated" });
      expect(sim.state.users.get(row.id)?.name).toBe(`Renamed ${row.id}`);
    }
    const created = results.filter((r) => r.success && r.status === "Created");
    expect(created).toHaveLength(1000 - existing.length - broken.length);
    expect(sim.state.users.size - before).toBe(created.length);
    // Each created id is the user made from that very item.
    for (const result of created.slice(0, 50)) {
      expect(sim.state.users.get(result.id as number)?.email).toBe(items[result.index]?.email);
    }
    const renamed = await zendesk.GET("/api/v2/users/{user_id}", { params: { path: { user_id: 21 } } });
    expect(unwrap(renamed).user.user_fields.plan).toBe("gold");
  });
});

describe("merging", () => {
  test("merge keeps the target, moves the source's identities and requested tickets, and deletes the source", async () => {
    const source = await newUser("Sam Source", "sam.source@example.com");
    const target = await newUser("Tara Target", "tara.target@example.com");
    const tickets = ticketsClient(sim);
    const { ticket } = unwrap(
      await tickets.POST("/api/v2/tickets", {
        body: { ticket: { subject: "Hello", comment: { body: "Hi" }, requester_id: source } },
      }),
    );

    const kept = await zendesk.merge(source, target);
    expect(kept.id).toBe(target);

    const gone = unwrap(await zendesk.GET("/api/v2/users/{user_id}", { params: { path: { user_id: source } } }));
    expect(gone.user.active).toBe(false);
    const identities = unwrap(
      await zendesk.GET("/api/v2/users/{user_id}/identities", { params: { path: { user_id: target } } }),
    ).identities;
    expect(identities.map((i) => [i.value, i.primary])).toEqual([
      ["tara.target@example.com", true],
      ["sam.source@example.com", false],
    ]);
    expect((await zendesk.findByEmail("sam.source@example.com"))?.id).toBeUndefined();
    const after = unwrap(
      await tickets.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: ticket.id } } }),
    );
    expect(after.ticket.requester_id).toBe(target);
    const deleted = unwrap(
      await zendesk.GET("/api/v2/deleted_users/{deleted_user_id}", { params: { path: { deleted_user_id: source } } }),
    );
    expect(deleted.deleted_user.id).toBe(source);
  });

  test("merging an agent is refused with a ValidationError", async () => {
    const agent = 2;
    const endUser = await newUser("Eve End", "eve.end@example.com");
    await expect(zendesk.merge(agent, endUser)).rejects.toMatchObject({ status: 422 });
  });
});

describe("identities and tags", () => {
  test("an added identity made primary becomes the user's email", async () => {
    const id = await newUser("Ida Ident", "ida.first@example.com");
    const { identity } = unwrap(
      await zendesk.POST("/api/v2/users/{user_id}/identities", {
        params: { path: { user_id: id } },
        body: { identity: { type: "email", value: "ida.second@example.com" } },
      }),
    );
    expect(identity.primary).toBe(false);
    const list = await zendesk.makeIdentityPrimary(id, identity.id);
    expect(list.map((i) => [i.value, i.primary])).toEqual([
      ["ida.second@example.com", true],
      ["ida.first@example.com", false],
    ]);
    const user = unwrap(await zendesk.GET("/api/v2/users/{user_id}", { params: { path: { user_id: id } } })).user;
    expect(user.email).toBe("ida.second@example.com");
    expect((await zendesk.findByEmail("ida.second@example.com"))?.id).toBe(id);
  });

  test("user tags: set replaces, add keeps, remove takes off", async () => {
    const id = await newUser("Tig Tags", "tig@example.com");
    const path = { params: { path: { user_id: id } } };
    const set = unwrap(await zendesk.POST("/api/v2/users/{user_id}/tags", { ...path, body: { tags: ["a", "b"] } }));
    expect(set.tags).toEqual(["a", "b"]);
    const added = unwrap(await zendesk.PUT("/api/v2/users/{user_id}/tags", { ...path, body: { tags: ["c"] } }));
    expect(added.tags).toEqual(["a", "b", "c"]);
    await zendesk.DELETE("/api/v2/users/{user_id}/tags", { ...path, body: { tags: ["a"] } });
    expect(unwrap(await zendesk.GET("/api/v2/users/{user_id}/tags", path)).tags).toEqual(["b", "c"]);
  });
});
