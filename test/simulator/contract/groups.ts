/** The groups routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { expect } from "vitest";
import type { Loose } from "../test-helpers.js";
import { type DomainContract, get, type Step } from "./step.js";

// The contract seeds 20 users: 1 (admin) and 2 are agents, 3 and up end users. Agent 1 is in 9001 and 9003, agent 2
// in 9001 and 9002, each with 9001 as the default.
const END_USER = 5;
const saved = { groupId: 0, membershipId: 0, createdId: 0, jobId: "" };

const steps: Step[] = [
  // Groups
  get({ name: "list groups (cursor)", path: "/api/v2/groups?page[size]=2" }),
  get({ name: "list groups (offset, without deleted)", path: "/api/v2/groups?per_page=2&exclude_deleted=true" }),
  get({ name: "list groups: bad page size", path: "/api/v2/groups?page[size]=500", status: 400 }),
  get({ name: "list groups: no credentials", path: "/api/v2/groups", auth: false, status: 401 }),
  get({ name: "count groups", path: "/api/v2/groups/count" }),
  get({ name: "list assignable groups", path: "/api/v2/groups/assignable" }),
  get(
    {
      name: "create a group",
      path: "/api/v2/groups",
      status: 201,
      body: { group: { name: "Contract team", description: "Checks the shapes", is_public: true } },
      after: (b) => (saved.groupId = b.group.id),
    },
    "POST",
  ),
  get(
    {
      name: "create a group: name taken",
      path: "/api/v2/groups",
      status: 422,
      body: { group: { name: "Contract team" } },
    },
    "POST",
  ),
  get({ name: "create a group: no body", path: "/api/v2/groups", status: 400, body: {} }, "POST"),
  get({ name: "show a group", path: () => `/api/v2/groups/${saved.groupId}` }),
  get({ name: "show a group: missing", path: "/api/v2/groups/999999", status: 404 }),
  get(
    {
      name: "update a group: make it private",
      path: () => `/api/v2/groups/${saved.groupId}`,
      body: { group: { description: "Private now", is_public: false } },
      after: (b) => expect(b.group.is_public).toBe(false),
    },
    "PUT",
  ),
  get(
    {
      name: "update a group: private back to public",
      path: () => `/api/v2/groups/${saved.groupId}`,
      status: 422,
      body: { group: { is_public: true } },
    },
    "PUT",
  ),
  get(
    { name: "update a group: missing", path: "/api/v2/groups/999999", status: 404, body: { group: { name: "x" } } },
    "PUT",
  ),

  // Memberships
  get(
    {
      name: "create a membership",
      path: "/api/v2/group_memberships",
      status: 201,
      body: () => ({ group_membership: { user_id: 2, group_id: saved.groupId } }),
      after: (b) => (saved.membershipId = b.group_membership.id),
    },
    "POST",
  ),
  get(
    {
      name: "create a membership: already a member",
      path: "/api/v2/group_memberships",
      status: 422,
      body: () => ({ group_membership: { user_id: 2, group_id: saved.groupId } }),
    },
    "POST",
  ),
  get(
    {
      name: "create a membership: an end user",
      path: "/api/v2/group_memberships",
      status: 422,
      body: () => ({ group_membership: { user_id: END_USER, group_id: saved.groupId } }),
    },
    "POST",
  ),
  get(
    {
      name: "create a membership: no such group",
      path: "/api/v2/group_memberships",
      status: 422,
      body: { group_membership: { user_id: 2, group_id: 999999 } },
    },
    "POST",
  ),
  get({ name: "list memberships (cursor)", path: "/api/v2/group_memberships?page[size]=2" }),
  get({ name: "list memberships (offset)", path: "/api/v2/group_memberships?per_page=2&page=2" }),
  get({ name: "show a membership", path: () => `/api/v2/group_memberships/${saved.membershipId}` }),
  get({ name: "show a membership: missing", path: "/api/v2/group_memberships/999999", status: 404 }),
  get({ name: "list assignable memberships", path: "/api/v2/group_memberships/assignable" }),
  get({
    name: "list a group's memberships",
    path: () => `/api/v2/groups/${saved.groupId}/memberships`,
    after: (b) => expect(b.group_memberships.map((m: Loose) => m.user_id)).toEqual([2]),
  }),
  get({ name: "list a group's memberships: missing group", path: "/api/v2/groups/999999/memberships", status: 404 }),
  get({
    name: "list a group's assignable memberships",
    path: () => `/api/v2/groups/${saved.groupId}/memberships/assignable?page[size]=1`,
  }),
  get({
    name: "list a group's users",
    path: () => `/api/v2/groups/${saved.groupId}/users`,
    after: (b) => expect(b.users.map((u: Loose) => u.id)).toEqual([2]),
  }),
  get({ name: "list a group's users: missing group", path: "/api/v2/groups/999999/users", status: 404 }),
  get({ name: "list a user's groups", path: "/api/v2/users/2/groups?page[size]=10" }),
  get({ name: "list a user's groups: missing user", path: "/api/v2/users/999999/groups", status: 404 }),
  get({ name: "list a user's memberships", path: "/api/v2/users/2/group_memberships" }),
  get(
    {
      name: "make a membership the default",
      path: () => `/api/v2/users/2/group_memberships/${saved.membershipId}/make_default`,
      after: (b) =>
        expect(b.group_memberships.filter((m: Loose) => m.default).map((m: Loose) => m.id)).toEqual([
          saved.membershipId,
        ]),
    },
    "PUT",
  ),
  get(
    {
      name: "make a membership the default: another user's",
      path: () => `/api/v2/users/1/group_memberships/${saved.membershipId}/make_default`,
      status: 404,
    },
    "PUT",
  ),
  get(
    {
      name: "create many memberships: one an end user",
      path: "/api/v2/group_memberships/create_many",
      body: () => ({
        group_memberships: [
          { user_id: 1, group_id: saved.groupId },
          { user_id: END_USER, group_id: saved.groupId },
        ],
      }),
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "POST",
  ),
  get({ name: "job status: create many memberships working", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  get({
    name: "job status: create many memberships completed",
    path: () => `/api/v2/job_statuses/${saved.jobId}`,
    after: (b) => {
      expect(b.job_status.results.map((r: Loose) => r.success)).toEqual([true, false]);
      saved.createdId = b.job_status.results[0].id;
    },
  }),
  get(
    {
      name: "create many memberships: too many",
      path: "/api/v2/group_memberships/create_many",
      status: 400,
      body: { group_memberships: Array.from({ length: 101 }, () => ({ user_id: 1, group_id: 9001 })) },
    },
    "POST",
  ),
  get(
    {
      name: "destroy many memberships",
      path: () => `/api/v2/group_memberships/destroy_many?ids=${saved.membershipId},999999`,
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "DELETE",
  ),
  get({ name: "job status: destroy many memberships", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  get({
    name: "job status: destroy many memberships completed",
    path: () => `/api/v2/job_statuses/${saved.jobId}`,
    after: (b) => expect(b.job_status.results.map((r: Loose) => r.success)).toEqual([true, false]),
  }),
  get(
    { name: "destroy many memberships: no ids", path: "/api/v2/group_memberships/destroy_many", status: 400 },
    "DELETE",
  ),
  get(
    { name: "delete a membership", path: () => `/api/v2/group_memberships/${saved.createdId}`, status: 204 },
    "DELETE",
  ),
  get(
    { name: "delete a membership: gone", path: () => `/api/v2/group_memberships/${saved.createdId}`, status: 404 },
    "DELETE",
  ),

  // The assignee field
  get({ name: "assignee field: groups", path: "/api/lotus/assignables/groups.json" }),
  get({ name: "assignee field: groups (offset)", path: "/api/lotus/assignables/groups.json?per_page=1&page=2" }),
  get({ name: "assignee field: a group's agents", path: "/api/lotus/assignables/groups/9001/agents.json" }),
  get({
    name: "assignee field: a missing group's agents",
    path: "/api/lotus/assignables/groups/999999/agents.json",
    status: 404,
  }),
  get({
    name: "assignee field: search",
    path: "/api/lotus/assignables/autocomplete.json?name=sup",
    after: (b) => expect(b.groups.map((g: Loose) => g.id)).toEqual([9001]),
  }),
  get({ name: "assignee field: search without a name", path: "/api/lotus/assignables/autocomplete.json", status: 400 }),

  // Deleting the group
  get({ name: "delete a group", path: () => `/api/v2/groups/${saved.groupId}`, status: 204 }, "DELETE"),
  get({
    name: "show a deleted group",
    path: () => `/api/v2/groups/${saved.groupId}`,
    after: (b) => expect(b.group.deleted).toBe(true),
  }),
  get(
    { name: "delete a group: already deleted", path: () => `/api/v2/groups/${saved.groupId}`, status: 404 },
    "DELETE",
  ),
];

export const contract: DomainContract = {
  steps,
  samples: { group_id: "9001" },
};
