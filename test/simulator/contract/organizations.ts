/** The organizations routes in the contract scenario: each hand-written route is requested and its answer validated. */
import type { Loose } from "../test-helpers.js";
import { type DomainContract, get, type Step } from "./step.js";

// Values captured along the way.
const saved = {
  seededName: "",
  organizationId: 0,
  otherOrganizationId: 0,
  membershipId: 0,
  jobId: "",
  createdIds: [] as number[],
  membershipIds: [] as number[],
  cursor: "",
};

const post = (step: Omit<Step, "method">) => get(step, "POST");
const put = (step: Omit<Step, "method">) => get(step, "PUT");
const del = (step: Omit<Step, "method">) => get(step, "DELETE");
const org =
  (suffix = "") =>
  () =>
    `/api/v2/organizations/${saved.organizationId}${suffix}`;
const poll = (name: string, after?: (body: Loose) => void): Step =>
  get({ name, path: () => `/api/v2/job_statuses/${saved.jobId}`, after });
const keepJob = (body: Loose) => {
  saved.jobId = body.job_status.id;
};
const ids = (body: Loose): number[] =>
  (body.job_status.results as { id?: number; success?: boolean }[])
    .filter((result) => result.success && typeof result.id === "number")
    .map((result) => result.id as number);

const steps: Step[] = [
  // Organizations
  get({
    name: "list organizations (cursor)",
    path: "/api/v2/organizations?page[size]=2",
    after: (b) => {
      saved.cursor = b.meta.after_cursor;
      saved.seededName = b.organizations[0].name;
    },
  }),
  get({
    name: "list organizations (next cursor page)",
    path: () => `/api/v2/organizations?page[size]=2&page[after]=${saved.cursor}`,
  }),
  get({ name: "list organizations (offset)", path: "/api/v2/organizations?page=2&per_page=2" }),
  get({ name: "count organizations", path: "/api/v2/organizations/count" }),
  post({
    name: "create an organization",
    path: "/api/v2/organizations",
    status: 201,
    body: {
      organization: {
        name: "Contract Org",
        external_id: "contract-org",
        domain_names: ["contract.example.com"],
        tags: ["contract"],
        organization_fields: { region: "eu", seats: 12 },
      },
    },
    after: (b) => {
      saved.organizationId = b.organization.id;
    },
  }),
  post({
    name: "create an organization: name taken",
    path: "/api/v2/organizations",
    status: 422,
    body: { organization: { name: "Contract Org" } },
  }),
  post({
    name: "create an organization: no name",
    path: "/api/v2/organizations",
    status: 422,
    body: { organization: {} },
  }),
  get({ name: "show an organization", path: org() }),
  get({ name: "show an organization: missing", path: "/api/v2/organizations/999999", status: 404 }),
  put({
    name: "update an organization",
    path: org(),
    body: { organization: { notes: "Checked by the contract", shared_tickets: true } },
  }),
  put({
    name: "update an organization: name taken",
    path: org(),
    status: 422,
    body: () => ({ organization: { name: saved.seededName } }),
  }),
  get({
    name: "show many organizations by id",
    path: () => `/api/v2/organizations/show_many?ids=1,${saved.organizationId}`,
  }),
  get({
    name: "show many organizations by external id",
    path: "/api/v2/organizations/show_many?external_ids=contract-org",
  }),
  get({ name: "search organizations by external id", path: "/api/v2/organizations/search?external_id=CONTRACT-ORG" }),
  get({ name: "search organizations by name", path: "/api/v2/organizations/search?name=Contract%20Org" }),
  get({ name: "search organizations: nothing to match", path: "/api/v2/organizations/search", status: 400 }),
  get({ name: "autocomplete organizations", path: "/api/v2/organizations/autocomplete?name=con" }),
  get({
    name: "autocomplete organizations: too short",
    path: "/api/v2/organizations/autocomplete?name=c",
    status: 400,
  }),
  post({
    name: "create or update an organization (update)",
    path: "/api/v2/organizations/create_or_update",
    status: 200,
    body: { organization: { external_id: "contract-org", details: "1 Contract Street" } },
  }),
  post({
    name: "create or update an organization (create)",
    path: "/api/v2/organizations/create_or_update",
    status: 201,
    body: { organization: { name: "Contract Upsert", external_id: "contract-upsert" } },
    after: (b) => {
      saved.otherOrganizationId = b.organization.id;
    },
  }),
  get({ name: "organization related information", path: org("/related") }),
  // Tags
  get({ name: "list organization tags", path: org("/tags") }),
  post({ name: "set organization tags", path: org("/tags"), body: { tags: ["gold", "emea"] } }),
  put({ name: "add organization tags", path: org("/tags"), body: { tags: ["renewal"] } }),
  del({ name: "remove organization tags", path: org("/tags"), status: 204, body: { tags: ["emea"] } }),
  get({ name: "list organization tags: missing", path: "/api/v2/organizations/999999/tags", status: 404 }),
  // Users and memberships
  get({ name: "list an organization's users", path: "/api/v2/organizations/1/users?page[size]=2" }),
  get({ name: "list an organization's users (offset)", path: "/api/v2/organizations/1/users?per_page=2" }),
  get({ name: "list an organization's users by role", path: "/api/v2/organizations/1/users?role=end-user" }),
  get({ name: "list an organization's users: missing", path: "/api/v2/organizations/999999/users", status: 404 }),
  get({ name: "list an organization's memberships", path: "/api/v2/organizations/1/organization_memberships" }),
  get({ name: "list memberships", path: "/api/v2/organization_memberships?page[size]=3" }),
  post({
    name: "create a membership",
    path: "/api/v2/organization_memberships",
    status: 201,
    body: () => ({ organization_membership: { user_id: 3, organization_id: saved.organizationId } }),
    after: (b) => {
      saved.membershipId = b.organization_membership.id;
    },
  }),
  post({
    name: "create a membership: exists",
    path: "/api/v2/organization_memberships",
    status: 422,
    body: () => ({ organization_membership: { user_id: 3, organization_id: saved.organizationId } }),
  }),
  get({ name: "show a membership", path: () => `/api/v2/organization_memberships/${saved.membershipId}` }),
  get({ name: "list a user's organizations", path: "/api/v2/users/3/organizations" }),
  get({ name: "list a user's memberships", path: "/api/v2/users/3/organization_memberships" }),
  put({
    name: "make a membership the default",
    path: () => `/api/v2/users/3/organization_memberships/${saved.membershipId}/make_default`,
  }),
  put({
    name: "make an organization the default: not a member",
    path: () => `/api/v2/users/3/organizations/${saved.otherOrganizationId}/make_default`,
    status: 404,
  }),
  put({
    name: "make an organization the default (a member of it)",
    path: () => `/api/v2/users/3/organizations/${saved.organizationId}/make_default`,
  }),
  del({
    name: "take a user out of an organization",
    path: () => `/api/v2/users/3/organizations/${saved.organizationId}`,
    status: 204,
  }),
  post({
    name: "create a membership to delete",
    path: "/api/v2/organization_memberships",
    status: 201,
    body: () => ({ organization_membership: { user_id: 4, organization_id: saved.organizationId, default: false } }),
    after: (b) => {
      saved.membershipId = b.organization_membership.id;
    },
  }),
  del({
    name: "delete a membership",
    path: () => `/api/v2/organization_memberships/${saved.membershipId}`,
    status: 204,
  }),
  get({ name: "show a membership: missing", path: "/api/v2/organization_memberships/999999", status: 404 }),
  post({
    name: "create a membership through the user",
    path: "/api/v2/users/7/organization_memberships",
    status: 201,
    body: () => ({ organization_membership: { organization_id: saved.organizationId } }),
    after: (b) => {
      saved.membershipId = b.organization_membership.id;
    },
  }),
  post({
    name: "create a membership through the user: another user in the body",
    path: "/api/v2/users/7/organization_memberships",
    status: 422,
    body: () => ({ organization_membership: { user_id: 8, organization_id: saved.organizationId } }),
  }),
  get({
    name: "show a user's membership",
    path: () => `/api/v2/users/7/organization_memberships/${saved.membershipId}`,
  }),
  get({
    name: "show a user's membership: someone else's",
    path: () => `/api/v2/users/8/organization_memberships/${saved.membershipId}`,
    status: 404,
  }),
  del({
    name: "delete a user's membership",
    path: () => `/api/v2/users/7/organization_memberships/${saved.membershipId}`,
    status: 204,
  }),
  // Bulk jobs
  post({
    name: "create many organizations",
    path: "/api/v2/organizations/create_many",
    body: { organizations: [{ name: "Bulk Org A" }, { name: "Contract Org" }, { name: "Bulk Org B" }] },
    after: keepJob,
  }),
  poll("job: create many organizations"),
  poll("job: create many organizations completed", (b) => {
    saved.createdIds = ids(b);
  }),
  put({
    name: "update many organizations (ids)",
    path: () => `/api/v2/organizations/update_many?ids=${saved.createdIds.join(",")},999999`,
    body: { organization: { notes: "Bulk" } },
    after: keepJob,
  }),
  poll("job: update many organizations"),
  poll("job: update many organizations completed"),
  put({
    name: "update many organizations (items)",
    path: "/api/v2/organizations/update_many",
    body: () => ({ organizations: saved.createdIds.map((id) => ({ id, tags: ["bulk"] })) }),
    after: keepJob,
  }),
  post({
    name: "create many memberships",
    path: "/api/v2/organization_memberships/create_many",
    body: () => ({
      organization_memberships: [
        { user_id: 5, organization_id: saved.createdIds[0] },
        { user_id: 5, organization_id: 999999 },
        { user_id: 6, organization_id: saved.createdIds[0] },
      ],
    }),
    after: keepJob,
  }),
  poll("job: create many memberships"),
  poll("job: create many memberships completed", (b) => {
    saved.membershipIds = ids(b);
  }),
  del({
    name: "destroy many memberships",
    path: () => `/api/v2/organization_memberships/destroy_many?ids=${saved.membershipIds.join(",")}`,
    after: keepJob,
  }),
  poll("job: destroy many memberships"),
  poll("job: destroy many memberships completed"),
  del({
    name: "destroy many organizations (ids)",
    path: () => `/api/v2/organizations/destroy_many?ids=${saved.createdIds.join(",")}`,
    after: keepJob,
  }),
  poll("job: destroy many organizations"),
  poll("job: destroy many organizations completed"),
  del({
    name: "destroy many organizations (external ids)",
    path: "/api/v2/organizations/destroy_many?external_ids=contract-upsert,nothing-here",
    after: keepJob,
  }),
  poll("job: destroy many organizations by external id"),
  poll("job: destroy many organizations by external id completed"),
  del({ name: "delete an organization", path: org(), status: 204 }),
  del({ name: "delete an organization: missing", path: org(), status: 404 }),
];

export const contract: DomainContract = {
  steps,
  samples: { organization_id: "1" },
};
