/** The users routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { type DomainContract, get, type Step } from "./step.js";

// Values captured along the way.
const saved = {
  userId: 0,
  upsertedId: 0,
  mergedId: 0,
  jobId: "",
  primaryIdentityId: 0,
  identityId: 0,
  cursor: "",
};

const email = "contract.person@example.com";
const poll = (name: string): Step => get({ name, path: () => `/api/v2/job_statuses/${saved.jobId}` });
const keepJob = (b: { job_status: { id: string } }) => {
  saved.jobId = b.job_status.id;
};

const steps: Step[] = [
  // Reading
  get({
    name: "list users (cursor)",
    path: "/api/v2/users?page[size]=2",
    after: (b) => (saved.cursor = b.meta.after_cursor),
  }),
  get({ name: "list users (next cursor page)", path: () => `/api/v2/users?page[size]=2&page[after]=${saved.cursor}` }),
  get({ name: "list users (offset)", path: "/api/v2/users?page=2&per_page=3" }),
  get({ name: "list users by role", path: "/api/v2/users?role=agent" }),
  get({ name: "count users", path: "/api/v2/users/count?role=end-user" }),
  get({ name: "show the current user", path: "/api/v2/users/me" }),
  get({ name: "show a user: missing", path: "/api/v2/users/999999", status: 404 }),

  // Writing one at a time
  get(
    {
      name: "create a user",
      path: "/api/v2/users",
      status: 201,
      body: {
        user: {
          name: "Contract Person",
          email,
          external_id: "contract-ext-1",
          tags: ["contract"],
          notes: "Made by the contract scenario.",
          user_fields: { plan: "gold" },
          identities: [{ type: "phone_number", value: "+15550100" }],
        },
      },
      after: (b) => (saved.userId = b.user.id),
    },
    "POST",
  ),
  get(
    { name: "create a user: no name", path: "/api/v2/users", status: 422, body: { user: { email: "x@example.com" } } },
    "POST",
  ),
  get(
    {
      name: "create a user: email taken",
      path: "/api/v2/users",
      status: 422,
      body: { user: { name: "Again", email } },
    },
    "POST",
  ),
  get({ name: "show a user", path: () => `/api/v2/users/${saved.userId}` }),
  get({ name: "list users by external id", path: "/api/v2/users?external_id=CONTRACT-EXT-1" }),
  get(
    {
      name: "update a user",
      path: () => `/api/v2/users/${saved.userId}`,
      body: { user: { alias: "CP", email: "contract.second@example.com", phone: "+15550111" } },
    },
    "PUT",
  ),
  get({ name: "show many users", path: () => `/api/v2/users/show_many?ids=1,2,${saved.userId}` }),
  get({ name: "show many users by external id", path: "/api/v2/users/show_many?external_ids=contract-ext-1" }),
  get({ name: "search users by email", path: `/api/v2/users/search?query=${encodeURIComponent(`email:"${email}"`)}` }),
  get({ name: "search users by external id", path: "/api/v2/users/search?external_id=contract-ext-1" }),
  get({ name: "autocomplete users", path: "/api/v2/users/autocomplete?name=Contract" }),
  get(
    {
      name: "create or update a user (update)",
      path: "/api/v2/users/create_or_update",
      body: { user: { email, details: "Main street 1" } },
    },
    "POST",
  ),
  get(
    {
      name: "create or update a user (create)",
      path: "/api/v2/users/create_or_update",
      status: 201,
      body: { user: { name: "Merge Source", email: "merge.source@example.com" } },
      after: (b) => (saved.mergedId = b.user.id),
    },
    "POST",
  ),

  // Jobs
  get(
    {
      name: "create many users",
      path: "/api/v2/users/create_many",
      body: {
        users: [
          { name: "Bulk One", email: "bulk.one@example.com" },
          { name: "Bulk Bad", email: "not-an-email" },
        ],
      },
      after: keepJob,
    },
    "POST",
  ),
  poll("create many users: working"),
  poll("create many users: completed"),
  get(
    {
      name: "create or update many users",
      path: "/api/v2/users/create_or_update_many",
      body: {
        users: [
          { name: "Bulk One Renamed", email: "bulk.one@example.com" },
          { name: "Bulk Two", external_id: "bulk-two" },
        ],
      },
      after: keepJob,
    },
    "POST",
  ),
  poll("create or update many users: working"),
  poll("create or update many users: completed"),
  get(
    {
      name: "update many users (same changes)",
      path: () => `/api/v2/users/update_many?ids=${saved.userId},999999`,
      body: { user: { tags: ["bulk"] } },
    },
    "PUT",
  ),
  get(
    {
      name: "update many users (each its own)",
      path: "/api/v2/users/update_many",
      body: () => ({ users: [{ id: saved.userId, notes: "Changed in bulk" }] }),
    },
    "PUT",
  ),
  get(
    { name: "destroy many users", path: "/api/v2/users/destroy_many?external_ids=bulk-two", after: keepJob },
    "DELETE",
  ),
  poll("destroy many users: working"),
  poll("destroy many users: completed"),

  // Tags
  get({ name: "list user tags", path: () => `/api/v2/users/${saved.userId}/tags` }),
  get(
    {
      name: "set user tags",
      path: () => `/api/v2/users/${saved.userId}/tags`,
      status: 201,
      body: { tags: ["a", "b"] },
    },
    "POST",
  ),
  get({ name: "add user tags", path: () => `/api/v2/users/${saved.userId}/tags`, body: { tags: ["c"] } }, "PUT"),
  get({ name: "remove user tags", path: () => `/api/v2/users/${saved.userId}/tags`, body: { tags: ["a"] } }, "DELETE"),

  // Identities
  get({
    name: "list identities",
    path: () => `/api/v2/users/${saved.userId}/identities`,
    after: (b) => (saved.primaryIdentityId = b.identities[0].id),
  }),
  get({
    name: "list identities (cursor, by type)",
    path: () => `/api/v2/users/${saved.userId}/identities?type[]=email&page[size]=1`,
  }),
  get(
    {
      name: "create an identity",
      path: () => `/api/v2/users/${saved.userId}/identities`,
      status: 201,
      body: { identity: { type: "email", value: "contract.third@example.com" } },
      after: (b) => (saved.identityId = b.identity.id),
    },
    "POST",
  ),
  get(
    {
      name: "create an identity: address taken",
      path: () => `/api/v2/users/${saved.userId}/identities`,
      status: 422,
      body: { identity: { type: "email", value: "bulk.one@example.com" } },
    },
    "POST",
  ),
  get({ name: "show an identity", path: () => `/api/v2/users/${saved.userId}/identities/${saved.identityId}` }),
  get(
    {
      name: "update an identity",
      path: () => `/api/v2/users/${saved.userId}/identities/${saved.identityId}`,
      body: { identity: { value: "contract.fourth@example.com" } },
    },
    "PUT",
  ),
  get(
    { name: "verify an identity", path: () => `/api/v2/users/${saved.userId}/identities/${saved.identityId}/verify` },
    "PUT",
  ),
  get(
    {
      name: "request verification",
      path: () => `/api/v2/users/${saved.userId}/identities/${saved.identityId}/request_verification`,
    },
    "PUT",
  ),
  get(
    {
      name: "make an identity primary",
      path: () => `/api/v2/users/${saved.userId}/identities/${saved.identityId}/make_primary`,
    },
    "PUT",
  ),
  get(
    {
      name: "delete an identity",
      path: () => `/api/v2/users/${saved.userId}/identities/${saved.primaryIdentityId}`,
      status: 204,
    },
    "DELETE",
  ),
  get({
    name: "show an identity: missing",
    path: () => `/api/v2/users/${saved.userId}/identities/${saved.primaryIdentityId}`,
    status: 404,
  }),

  // Passwords
  get(
    { name: "set a password", path: () => `/api/v2/users/${saved.userId}/password`, body: { password: "s3cret-pass" } },
    "POST",
  ),
  get(
    {
      name: "set a password: too short",
      path: () => `/api/v2/users/${saved.userId}/password`,
      status: 422,
      body: { password: "abc" },
    },
    "POST",
  ),
  get(
    {
      name: "change own password",
      path: "/api/v2/users/1/password",
      body: { previous_password: "sim-password", password: "new-sim-password" },
    },
    "PUT",
  ),

  // Merge, delete, deleted users
  get(
    {
      name: "merge users",
      path: () => `/api/v2/users/${saved.mergedId}/merge`,
      body: () => ({ user: { id: saved.userId } }),
    },
    "PUT",
  ),
  get({ name: "merge users: an agent", path: "/api/v2/users/2/merge", status: 422, body: { user: { id: 3 } } }, "PUT"),
  get({ name: "list deleted users", path: "/api/v2/deleted_users" }),
  get({ name: "list deleted users (cursor)", path: "/api/v2/deleted_users?page[size]=1" }),
  get({ name: "count deleted users", path: "/api/v2/deleted_users/count" }),
  get({ name: "show a deleted user", path: () => `/api/v2/deleted_users/${saved.mergedId}` }),
  get({ name: "permanently delete a user", path: () => `/api/v2/deleted_users/${saved.mergedId}` }, "DELETE"),
  get({ name: "show a deleted user: erased", path: () => `/api/v2/deleted_users/${saved.mergedId}`, status: 404 }),
  get({ name: "delete a user", path: () => `/api/v2/users/${saved.userId}` }, "DELETE"),
];

export const contract: DomainContract = {
  steps,
  samples: { user_id: "3" },
};
