import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createOrganizationsClient,
  createZendeskClient,
  isNotFoundError,
  organizations,
  type ZendeskClientOptions,
} from "../src/index.js";

const BASE = "https://acme.zendesk.com";
const FAST_WAIT = { intervalMs: 1, maxIntervalMs: 5, timeoutMs: 5_000 } as const;
const options: ZendeskClientOptions = {
  subdomain: "acme",
  auth: { email: "ops@acme.test", apiToken: "tok_test" },
  retry: { limit: 2, maxRetryAfterMs: 1_000, baseDelayMs: 1, maxDelayMs: 5 },
};
const client = () => createOrganizationsClient(options);

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

const organization = (id: number, name: string, externalId: string | null = null) => ({
  id,
  url: `${BASE}/api/v2/organizations/${id}.json`,
  name,
  external_id: externalId,
  details: null,
  notes: null,
  domain_names: [],
  group_id: null,
  shared_tickets: false,
  shared_comments: false,
  tags: [],
  organization_fields: {},
  created_at: "2025-01-01T00:00:00Z",
  updated_at: "2025-01-01T00:00:00Z",
});

describe("findByExternalId and findByName", () => {
  test("ask the search endpoint for an exact match and give the first organization", async () => {
    nock(BASE)
      .get("/api/v2/organizations/search")
      .query({ external_id: "acme-1" })
      .reply(200, {
        organizations: [organization(7, "Acme", "ACME-1")],
        next_page: null,
        previous_page: null,
        count: 1,
      });
    nock(BASE)
      .get("/api/v2/organizations/search")
      .query({ name: "Globex & Co" })
      .reply(200, { organizations: [], next_page: null, previous_page: null, count: 0 });

    expect((await client().findByExternalId("acme-1"))?.id).toBe(7);
    expect(await client().findByName("Globex & Co")).toBeUndefined();
  });

  test("refuse an empty value without a request", async () => {
    await expect(client().findByName("")).rejects.toThrow(/findByName: give a non-empty string/);
    await expect(client().findByExternalId("")).rejects.toThrow(TypeError);
  });
});

describe("users", () => {
  test("pages an organization's users by cursor until has_more is false", async () => {
    const user = (id: number) => ({ id, name: `User ${id}` });
    nock(BASE)
      .get("/api/v2/organizations/12/users")
      .query({ "page[size]": "2" })
      .reply(200, {
        users: [user(1), user(2)],
        meta: { has_more: true, after_cursor: "c2", before_cursor: "c1" },
        links: { next: `${BASE}/api/v2/organizations/12/users.json?page[size]=2&page[after]=c2`, prev: null },
      });
    nock(BASE)
      .get("/api/v2/organizations/12/users")
      .query({ "page[size]": "2", "page[after]": "c2" })
      .reply(200, {
        users: [user(3)],
        meta: { has_more: false, after_cursor: "c3", before_cursor: "c3" },
        links: { next: null, prev: null },
      });

    const ids: number[] = [];
    for await (const item of client().users(12, { pageSize: 2 })) ids.push(item.id);
    expect(ids).toEqual([1, 2, 3]);
  });

  test("passes a role on", async () => {
    nock(BASE)
      .get("/api/v2/organizations/12/users")
      .query({ role: "agent", "page[size]": "100" })
      .reply(200, {
        users: [],
        meta: { has_more: false, after_cursor: null, before_cursor: null },
        links: { next: null, prev: null },
      });
    const ids: number[] = [];
    for await (const item of client().users(12, { role: "agent" })) ids.push(item.id);
    expect(ids).toEqual([]);
  });
});

describe("addUser and removeUser", () => {
  const membership = { id: 99, user_id: 5, organization_id: 12, default: true };

  test("addUser posts a membership, with `default` only when asked", async () => {
    const bodies: unknown[] = [];
    nock(BASE)
      .post("/api/v2/organization_memberships", (body) => bodies.push(body) > 0)
      .twice()
      .reply(201, { organization_membership: membership });

    expect(await client().addUser(12, 5)).toEqual(membership);
    await client().addUser(12, 5, { default: false });
    expect(bodies).toEqual([
      { organization_membership: { user_id: 5, organization_id: 12 } },
      { organization_membership: { user_id: 5, organization_id: 12, default: false } },
    ]);
  });

  test("removeUser deletes the user's membership of the organization; a missing one is a NotFoundError", async () => {
    nock(BASE).delete("/api/v2/users/5/organizations/12").reply(204);
    nock(BASE)
      .delete("/api/v2/users/5/organizations/13")
      .reply(404, { error: "RecordNotFound", description: "Not found" });

    await expect(client().removeUser(12, 5)).resolves.toBeUndefined();
    await expect(client().removeUser(13, 5)).rejects.toSatisfy(isNotFoundError);
  });

  test("the helpers are under `organizations` on a multi-domain client", async () => {
    nock(BASE)
      .get("/api/v2/organizations/search")
      .query({ name: "Acme" })
      .reply(200, { organizations: [organization(7, "Acme")], next_page: null, previous_page: null, count: 1 });
    const zendesk = createZendeskClient({ ...options, domains: [organizations] });
    expect((await zendesk.organizations.findByName("Acme"))?.id).toBe(7);
  });
});

describe("bulk helpers from the spec", () => {
  /** Answers each job request with a job that is complete on its first poll, results made by `results`. */
  function fakeJobs(
    method: "post" | "put" | "delete",
    path: string,
    results: (request: URL, body: unknown) => unknown[],
  ) {
    const jobs = new Map<string, unknown[]>();
    const requests: { query: URLSearchParams; body: unknown }[] = [];
    nock(BASE)
      .persist()
      .intercept((uri) => uri.split("?")[0] === path, method.toUpperCase())
      .reply((uri, body) => {
        const url = new URL(uri, BASE);
        requests.push({ query: url.searchParams, body });
        const id = `job${jobs.size + 1}`;
        jobs.set(id, results(url, body));
        return [
          200,
          {
            job_status: {
              id,
              url: `${BASE}/api/v2/job_statuses/${id}.json`,
              status: "queued",
              total: null,
              progress: null,
              message: null,
              results: null,
            },
          },
        ];
      });
    nock(BASE)
      .persist()
      .get(/^\/api\/v2\/job_statuses\/job\d+$/)
      .reply((uri) => {
        const id = uri.split("/").pop() as string;
        return [
          200,
          {
            job_status: {
              id,
              url: `${BASE}${uri}.json`,
              status: "completed",
              total: 1,
              progress: 1,
              message: "Completed",
              results: jobs.get(id),
            },
          },
        ];
      });
    return requests;
  }

  test("createMany sends 250 organizations in three jobs and matches results by index", async () => {
    let next = 1000;
    const requests = fakeJobs("post", "/api/v2/organizations/create_many", (_url, body) =>
      (body as { organizations: { name: string }[] }).organizations.map((item, index) =>
        item.name === ""
          ? { index, error: "OrganizationCreateFailed", details: "Name: cannot be blank" }
          : { index, id: next++ },
      ),
    );
    const input = Array.from({ length: 250 }, (_, i) => ({ name: i === 130 ? "" : `Org ${i}` }));
    const results = await client().createMany(input, { wait: FAST_WAIT });
    nock.cleanAll();

    expect(requests.map((r) => (r.body as { organizations: unknown[] }).organizations.length)).toEqual([100, 100, 50]);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(results.filter((r) => !r.success).map((r) => r.index)).toEqual([130]);
    expect(results[131]?.id).toBe(1130);
  });

  test("destroyManyByExternalId sends the external ids comma-separated and matches results on them", async () => {
    const requests = fakeJobs("delete", "/api/v2/organizations/destroy_many", (url) =>
      (url.searchParams.get("external_ids") ?? "")
        .split(",")
        .reverse()
        .map((externalId) =>
          externalId === "gone"
            ? {
                external_id: externalId,
                action: "delete",
                success: false,
                status: "Failed",
                error: "OrganizationDeleteFailed",
              }
            : { id: 5, external_id: externalId, action: "delete", success: true, status: "Deleted" },
        ),
    );
    const results = await client().destroyManyByExternalId(["acme", "gone"], { wait: FAST_WAIT });
    nock.cleanAll();

    expect(requests.map((r) => r.query.get("external_ids"))).toEqual(["acme,gone"]);
    expect(results.map((r) => [r.index, r.success, r.external_id])).toEqual([
      [0, true, "acme"],
      [1, false, "gone"],
    ]);
  });
});
