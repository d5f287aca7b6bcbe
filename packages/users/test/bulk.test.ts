import { describe, expect, test } from "vitest";
import { testClient, useNock, zendesk } from "./helpers.js";

useNock();

const job = (id: string, results: unknown[] | null, status = "completed") => ({
  job_status: {
    id,
    url: `https://acme.zendesk.com/api/v2/job_statuses/${id}.json`,
    status,
    total: results?.length ?? null,
    progress: results?.length ?? null,
    message: null,
    results,
  },
});
const wait = { intervalMs: 1, maxIntervalMs: 2, timeoutMs: 5_000 };

describe("bulk helpers from the spec", () => {
  test("createOrUpdateMany sends { users } in jobs of 100 and lines results up with the input by position", async () => {
    const bodies: { users: { email: string }[] }[] = [];
    zendesk()
      .post("/api/v2/users/create_or_update_many", (body) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, (_uri, body) => {
        const n = (body as { users: unknown[] }).users.length;
        return job(n === 100 ? "a1" : "b2", null, "queued");
      });
    const results = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        i === 1
          ? { index: i, action: "create", success: false, status: "Failed", error: "UserCreateFailed", details: "bad" }
          : { index: i, id: 5000 + from + i, action: i % 2 ? "update" : "create", success: true, status: "Created" },
      );
    zendesk()
      .get("/api/v2/job_statuses/a1")
      .reply(200, job("a1", results(0, 100)));
    zendesk()
      .get("/api/v2/job_statuses/b2")
      .reply(200, job("b2", results(100, 20)));

    const items = Array.from({ length: 120 }, (_, i) => ({ name: `U${i}`, email: `u${i}@example.com` }));
    const out = await testClient().createOrUpdateMany(items, { wait });
    expect(bodies.map((b) => b.users.length).sort((a, b) => a - b)).toEqual([20, 100]);
    expect(out.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect(out[0]).toMatchObject({ success: true, id: 5000 });
    expect(out[1]).toMatchObject({ success: false, error: "UserCreateFailed", details: "bad" });
    expect(out[101]).toMatchObject({ success: false });
    expect(out[119]).toMatchObject({ success: true, id: 5119 });
  });

  test("updateMany(ids, changes) puts the ids in the query and the changes in `user`; results by id", async () => {
    let sent: unknown;
    let ids = "";
    zendesk()
      .put("/api/v2/users/update_many", (body) => {
        sent = body;
        return true;
      })
      .query((q) => {
        ids = String(q.ids);
        return true;
      })
      .reply(200, job("c3", null, "queued"));
    zendesk()
      .get("/api/v2/job_statuses/c3")
      .reply(
        200,
        job("c3", [
          { id: 8, action: "update", success: true, status: "Updated" },
          { id: 7, action: "update", success: false, status: "Failed", error: "UserUpdateFailed", details: "gone" },
        ]),
      );
    const out = await testClient().updateMany([7, 8], { suspended: true }, { wait });
    expect(ids).toBe("7,8");
    expect(sent).toEqual({ user: { suspended: true } });
    expect(out.map((r) => [r.id, r.success])).toEqual([
      [7, false],
      [8, true],
    ]);
  });
});
