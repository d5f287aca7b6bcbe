import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  createGroupsClient,
  type GroupMembership,
  isNotFoundError,
  isValidationError,
  NotFoundError,
  ValidationError,
} from "../src/index.js";

const ORIGIN = "https://acme.zendesk.com";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, "mocked requests that were never made").toEqual([]);
});
afterAll(() => nock.enableNetConnect());

const zendesk = () => nock(ORIGIN);
const client = () =>
  createGroupsClient({ subdomain: "acme", auth: { email: "agent@acme.test", apiToken: "tok_secret" }, retry: false });

function membership(id: number, userId: number, groupId: number, isDefault = false): GroupMembership {
  return {
    id,
    url: `${ORIGIN}/api/v2/group_memberships/${id}.json`,
    user_id: userId,
    group_id: groupId,
    default: isDefault,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
  };
}

/** One cursor page of a user's memberships, the last one. */
const memberships = (...rows: GroupMembership[]) => ({
  group_memberships: rows,
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { next: null, prev: null },
});

const invalid = (description: string) => ({
  error: "RecordInvalid",
  description: "Record validation errors",
  details: { user_id: [{ error: "InvalidValue", description }] },
});

describe("addAgent", () => {
  test("creates the membership and returns it", async () => {
    let sent: unknown;
    zendesk()
      .post("/api/v2/group_memberships", (body) => {
        sent = body;
        return true;
      })
      .reply(201, { group_membership: membership(31, 7, 9) });
    const created = await client().addAgent(9, 7);
    expect(sent).toEqual({ group_membership: { user_id: 7, group_id: 9 } });
    expect(created.id).toBe(31);
  });

  test("sends default when asked", async () => {
    let sent: unknown;
    zendesk()
      .post("/api/v2/group_memberships", (body) => {
        sent = body;
        return true;
      })
      .reply(201, { group_membership: membership(32, 7, 9, true) });
    await client().addAgent(9, 7, { default: true });
    expect(sent).toEqual({ group_membership: { user_id: 7, group_id: 9, default: true } });
  });

  test("already a member: returns the existing membership, no error", async () => {
    zendesk().post("/api/v2/group_memberships").reply(422, invalid("User: is already a member of this group"));
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query({ "page[size]": "100" })
      .reply(200, memberships(membership(4, 7, 3, true), membership(12, 7, 9)));
    const existing = await client().addAgent(9, 7);
    expect(existing).toEqual(membership(12, 7, 9));
  });

  test("already a member, asked for the default: makes the existing membership the default", async () => {
    zendesk().post("/api/v2/group_memberships").reply(422, invalid("User: is already a member of this group"));
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(4, 7, 3, true), membership(12, 7, 9)));
    zendesk()
      .put("/api/v2/users/7/group_memberships/12/make_default")
      .reply(200, { group_memberships: [membership(4, 7, 3), membership(12, 7, 9, true)] });
    const made = await client().addAgent(9, 7, { default: true });
    expect(made).toEqual(membership(12, 7, 9, true));
  });

  test("an end user: the 422 comes through as a ValidationError", async () => {
    zendesk().post("/api/v2/group_memberships").reply(422, invalid("User: must be an agent"));
    zendesk().get("/api/v2/users/40/group_memberships").query(true).reply(200, memberships());
    const error = await client()
      .addAgent(9, 40)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(isValidationError(error) && error.fieldErrors).toEqual([
      { field: "user_id", error: "InvalidValue", description: "User: must be an agent" },
    ]);
  });

  test("a user who does not exist: the 422 comes through, not the lookup's 404", async () => {
    zendesk().post("/api/v2/group_memberships").reply(422, invalid("User: 999 does not exist"));
    zendesk()
      .get("/api/v2/users/999/group_memberships")
      .query(true)
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    await expect(client().addAgent(9, 999)).rejects.toMatchObject({ name: "ValidationError", status: 422 });
  });

  test("refuses an id that is not a positive integer, before any request", async () => {
    await expect(client().addAgent(0, 7)).rejects.toThrow(
      /addAgent: `groupId` must be a positive whole number \(an id\)/,
    );
  });
});

describe("removeAgent", () => {
  test("finds the membership, deletes it and returns it", async () => {
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(4, 7, 3, true), membership(12, 7, 9)));
    zendesk().delete("/api/v2/group_memberships/12").reply(204);
    await expect(client().removeAgent(9, 7)).resolves.toEqual(membership(12, 7, 9));
  });

  test("not a member: resolves to undefined, deletes nothing", async () => {
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(4, 7, 3, true)));
    await expect(client().removeAgent(9, 7)).resolves.toBeUndefined();
  });

  test("gone between the lookup and the deletion: resolves to undefined", async () => {
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(12, 7, 9)));
    zendesk().delete("/api/v2/group_memberships/12").reply(404, { error: "RecordNotFound", description: "Not found" });
    await expect(client().removeAgent(9, 7)).resolves.toBeUndefined();
  });

  test("a missing user: the lookup's 404 comes through", async () => {
    zendesk()
      .get("/api/v2/users/999/group_memberships")
      .query(true)
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    await expect(client().removeAgent(9, 999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("setDefault", () => {
  test("puts make_default on the user's membership of that group and returns it", async () => {
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(4, 7, 3, true), membership(12, 7, 9)));
    let asked = false;
    zendesk()
      .put("/api/v2/users/7/group_memberships/12/make_default", (body) => {
        asked = true;
        return body === "" || body === undefined || (typeof body === "object" && Object.keys(body).length === 0);
      })
      .reply(200, { group_memberships: [membership(4, 7, 3), membership(12, 7, 9, true)] });
    const made = await client().setDefault(7, 9);
    expect(asked).toBe(true);
    expect(made).toEqual(membership(12, 7, 9, true));
  });

  test("not a member: rejects with a NotFoundError and sends no change", async () => {
    zendesk()
      .get("/api/v2/users/7/group_memberships")
      .query(true)
      .reply(200, memberships(membership(4, 7, 3, true)));
    const error = await client()
      .setDefault(7, 9)
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as Error).message).toMatch(/user 7 is not a member of group 9/);
  });
});

describe("agents", () => {
  test("pages the group's users by cursor", async () => {
    const user = (id: number) => ({ id, name: `Agent ${id}` });
    zendesk()
      .get("/api/v2/groups/9/users")
      .query({ "page[size]": "2" })
      .reply(200, {
        users: [user(1), user(2)],
        meta: { has_more: true, after_cursor: "c2", before_cursor: null },
        links: { next: `${ORIGIN}/api/v2/groups/9/users.json?page[size]=2&page[after]=c2`, prev: null },
      });
    zendesk()
      .get("/api/v2/groups/9/users")
      .query({ "page[size]": "2", "page[after]": "c2" })
      .reply(200, {
        users: [user(3)],
        meta: { has_more: false, after_cursor: "c3", before_cursor: "c3" },
        links: { next: null, prev: null },
      });
    const ids: number[] = [];
    for await (const agent of client().agents(9, { pageSize: 2 })) ids.push(agent.id);
    expect(ids).toEqual([1, 2, 3]);
  });
});
