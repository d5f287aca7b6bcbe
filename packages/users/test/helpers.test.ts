import { describe, expect, test } from "vitest";
import { isNotFoundError, isPermissionError, isValidationError } from "../src/index.js";
import { quoteSearchValue } from "../src/lookups.js";
import { lastPage, ORIGIN, rejection, testClient, useNock, user, zendesk } from "./helpers.js";

useNock();

const SEARCH = "/api/v2/users/search";

describe("findByEmail", () => {
  test('searches email:"…" and returns the user whose email is exactly the address', async () => {
    let query: Record<string, string> = {};
    zendesk()
      .get(SEARCH)
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      // The search matches loosely: a longer address and another user come back too.
      .reply(200, lastPage([user(7, { email: "ann@example.com.au" }), user(8, { email: "Ann@Example.com" })]));
    const found = await testClient().findByEmail("ann@example.com");
    expect(query.query).toBe('email:"ann@example.com"');
    expect(found?.id).toBe(8);
  });

  test("answers undefined when no user has that exact address", async () => {
    zendesk()
      .get(SEARCH)
      .query(true)
      .reply(200, lastPage([user(7, { email: "ann.lee@example.com" })]));
    await expect(testClient().findByEmail("ann@example.com")).resolves.toBeUndefined();
  });

  test("reads on past a page of near matches, and stops at the exact one", async () => {
    zendesk()
      .get(SEARCH)
      .query((q) => q["page[after]"] === undefined && q["page[size]"] === "100")
      .reply(200, {
        users: [user(1, { email: "ann@example.com.au" })],
        meta: { has_more: true, after_cursor: "c1", before_cursor: null },
        links: { next: `${ORIGIN}${SEARCH}.json?query=x&page%5Bsize%5D=100&page%5Bafter%5D=c1`, prev: null },
      });
    zendesk()
      .get(SEARCH)
      .query((q) => q["page[after]"] === "c1")
      .reply(200, {
        users: [user(2, { email: "ann@example.com" })],
        // More pages exist, but the exact match is found: nothing more is asked for.
        meta: { has_more: true, after_cursor: "c2", before_cursor: null },
        links: { next: `${ORIGIN}${SEARCH}.json?query=x&page%5Bsize%5D=100&page%5Bafter%5D=c2`, prev: null },
      });
    expect((await testClient().findByEmail("ann@example.com"))?.id).toBe(2);
  });

  test("quotes addresses with special characters so that they reach Zendesk whole", async () => {
    let raw = "";
    zendesk()
      .get((path) => {
        raw = path;
        return path.startsWith(SEARCH);
      })
      .reply(200, lastPage([user(9, { email: "o'neil+vip@example.com" })]));
    const found = await testClient().findByEmail("O'Neil+VIP@example.com");
    expect(found?.id).toBe(9);
    // `+` must not arrive as a space, nor the quotes and colon be taken apart.
    const sent = new URL(raw, "https://x.test").searchParams.get("query");
    expect(sent).toBe('email:"o\'neil+vip@example.com"');
    expect(raw).toContain("%2B");
  });

  test("escapes quotes and backslashes inside the quoted value", () => {
    expect(quoteSearchValue('a"b\\c@example.com')).toBe('"a\\"b\\\\c@example.com"');
  });

  test("refuses an empty address before any request", async () => {
    await expect(testClient().findByEmail("  ")).rejects.toThrow(TypeError);
  });

  test("an error status is thrown as core's error", async () => {
    zendesk().get(SEARCH).query(true).reply(403, { error: "Forbidden", description: "No" });
    expect(isPermissionError(await rejection(testClient().findByEmail("ann@example.com")))).toBe(true);
  });
});

describe("findByExternalId and findByName", () => {
  test("findByExternalId uses the exact external_id parameter and matches without regard to case", async () => {
    zendesk()
      .get(SEARCH)
      .query((q) => q.external_id === "CRM-7")
      .reply(200, lastPage([user(3, { external_id: "crm-7" })]));
    expect((await testClient().findByExternalId("CRM-7"))?.id).toBe(3);
  });

  test("findByName keeps only exact names", async () => {
    zendesk()
      .get(SEARCH)
      .query((q) => q.query === 'name:"Ann Lee"')
      .reply(
        200,
        lastPage([user(1, { name: "Ann Lee" }), user(2, { name: "Ann Leeds" }), user(4, { name: "ann lee" })]),
      );
    expect((await testClient().findByName("Ann Lee")).map((u) => u.id)).toEqual([1, 4]);
  });
});

describe("search", () => {
  test("streams every page of a search", async () => {
    zendesk()
      .get(SEARCH)
      .query((q) => q.query === "tags:vip" && q["page[after]"] === undefined)
      .reply(200, {
        users: [user(1), user(2)],
        meta: { has_more: true, after_cursor: "c1", before_cursor: null },
        links: {
          next: "https://acme.zendesk.com/api/v2/users/search.json?query=tags%3Avip&page%5Bafter%5D=c1",
          prev: null,
        },
      });
    zendesk()
      .get(SEARCH)
      .query((q) => q["page[after]"] === "c1")
      .reply(200, lastPage([user(3)]));
    const ids: number[] = [];
    for await (const found of testClient().search("tags:vip")) ids.push(found.id);
    expect(ids).toEqual([1, 2, 3]);
  });
});

describe("me, merge, identities, passwords", () => {
  test("me returns the caller", async () => {
    zendesk()
      .get("/api/v2/users/me")
      .reply(200, { user: { ...user(1, { role: "admin" }), authenticity_token: "t" } });
    const me = await testClient().me();
    expect(me.role).toBe("admin");
  });

  test("merge sends { user: { id: intoUserId } } to the merged user's path and returns the user kept", async () => {
    let sent: unknown;
    zendesk()
      .put("/api/v2/users/12/merge", (body) => {
        sent = body;
        return true;
      })
      .reply(200, { user: user(34) });
    const kept = await testClient().merge(12, 34);
    expect(sent).toEqual({ user: { id: 34 } });
    expect(kept.id).toBe(34);
  });

  test("merge refuses a user merged into itself, and a 422 is a ValidationError", async () => {
    await expect(testClient().merge(5, 5)).rejects.toThrow(TypeError);
    zendesk()
      .put("/api/v2/users/2/merge")
      .reply(422, { error: "RecordInvalid", description: "Record validation errors", details: {} });
    expect(isValidationError(await rejection(testClient().merge(2, 3)))).toBe(true);
  });

  test("makeIdentityPrimary answers every identity", async () => {
    const identity = (id: number, primary: boolean) => ({
      id,
      url: `https://acme.zendesk.com/api/v2/users/5/identities/${id}.json`,
      user_id: 5,
      type: "email",
      value: `x${id}@example.com`,
      verified: true,
      primary,
      created_at: "2025-01-01T00:00:00Z",
      updated_at: "2025-01-01T00:00:00Z",
    });
    zendesk()
      .put("/api/v2/users/5/identities/60/make_primary")
      .reply(200, { identities: [identity(60, true), identity(50, false)] });
    const list = await testClient().makeIdentityPrimary(5, 60);
    expect(list.map((i) => [i.id, i.primary])).toEqual([
      [60, true],
      [50, false],
    ]);
  });

  test("setPassword posts { password } and resolves with nothing; a missing user is NotFound", async () => {
    let sent: unknown;
    zendesk()
      .post("/api/v2/users/5/password", (body) => {
        sent = body;
        return true;
      })
      .reply(200);
    await expect(testClient().setPassword(5, "long-enough")).resolves.toBeUndefined();
    expect(sent).toEqual({ password: "long-enough" });
    zendesk().post("/api/v2/users/6/password").reply(404, { error: "RecordNotFound", description: "Not found" });
    expect(isNotFoundError(await rejection(testClient().setPassword(6, "long-enough")))).toBe(true);
  });
});

describe("bulk helpers from the spec", () => {
  test("the client has createMany, createOrUpdateMany, updateMany and destroyMany", () => {
    const client = testClient();
    expect(typeof client.createMany).toBe("function");
    expect(typeof client.createOrUpdateMany).toBe("function");
    expect(typeof client.updateMany).toBe("function");
    expect(typeof client.destroyMany).toBe("function");
  });
});
