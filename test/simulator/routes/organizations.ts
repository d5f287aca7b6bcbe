/**
 * Organizations over the store's organizations table (create, read, update, delete, lookups, tags, bulk jobs), and
 * organization memberships over organizations-state.ts, which keeps them in line with the users table: the
 * organization's users are those with a membership of it. Merges, organization fields and subscriptions are left to
 * the generic layer.
 */
import { isoSeconds } from "../clock.js";
import { badRequest, detail, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import type { OrganizationRow, UserRow } from "../models.js";
import { type OrganizationMembershipRow, organizationFieldValues, organizationsOf } from "../organizations-state.js";
import {
  arraySource,
  cursorPage,
  isReply,
  offsetPage,
  type PageRequest,
  readPageRequest,
  tablePage,
} from "../pagination.js";
import { organizationJson, userJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { Store } from "../store.js";
import type { RequestContext } from "../types.js";
import {
  arrayProperty,
  BULK_LIMIT,
  idsQuery,
  intParam,
  missingParameter,
  objectProperty,
  startJob,
  tooMany,
} from "./common.js";

export function registerOrganizationRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/organizations", listOrganizations)
    .add("POST", "/api/v2/organizations", createOrganization)
    .add("GET", "/api/v2/organizations/count", countOrganizations)
    .add("GET", "/api/v2/organizations/show_many", showMany)
    .add("GET", "/api/v2/organizations/search", search)
    .add("GET", "/api/v2/organizations/autocomplete", autocomplete)
    .add("POST", "/api/v2/organizations/create_many", createMany)
    .add("POST", "/api/v2/organizations/create_or_update", createOrUpdate)
    .add("PUT", "/api/v2/organizations/update_many", updateMany)
    .add("DELETE", "/api/v2/organizations/destroy_many", destroyMany)
    .add("GET", "/api/v2/organizations/{organization_id}", showOrganization)
    .add("PUT", "/api/v2/organizations/{organization_id}", updateOrganization)
    .add("DELETE", "/api/v2/organizations/{organization_id}", deleteOrganization)
    .add("GET", "/api/v2/organizations/{organization_id}/related", related)
    .add("GET", "/api/v2/organizations/{organization_id}/tags", listTags)
    .add("POST", "/api/v2/organizations/{organization_id}/tags", (ctx) => changeTags(ctx, "set"))
    .add("PUT", "/api/v2/organizations/{organization_id}/tags", (ctx) => changeTags(ctx, "add"))
    .add("DELETE", "/api/v2/organizations/{organization_id}/tags", (ctx) => changeTags(ctx, "remove"))
    .add("GET", "/api/v2/organizations/{organization_id}/users", listUsers)
    .add("GET", "/api/v2/organizations/{organization_id}/organization_memberships", listOrganizationMemberships)
    .add("GET", "/api/v2/users/{user_id}/organizations", listUserOrganizations)
    .add("GET", "/api/v2/users/{user_id}/organization_memberships", listUserMemberships)
    .add("POST", "/api/v2/users/{user_id}/organization_memberships", createUserMembership)
    .add("GET", "/api/v2/users/{user_id}/organization_memberships/{organization_membership_id}", showUserMembership)
    .add(
      "DELETE",
      "/api/v2/users/{user_id}/organization_memberships/{organization_membership_id}",
      deleteUserMembership,
    )
    .add("GET", "/api/v2/organization_memberships", listMemberships)
    .add("POST", "/api/v2/organization_memberships", createMembership)
    .add("POST", "/api/v2/organization_memberships/create_many", createManyMemberships)
    .add("DELETE", "/api/v2/organization_memberships/destroy_many", destroyManyMemberships)
    .add("GET", "/api/v2/organization_memberships/{organization_membership_id}", showMembership)
    .add("DELETE", "/api/v2/organization_memberships/{organization_membership_id}", deleteMembership)
    .add(
      "PUT",
      "/api/v2/users/{user_id}/organization_memberships/{organization_membership_id}/make_default",
      makeMembershipDefault,
    )
    .add("DELETE", "/api/v2/users/{user_id}/organizations/{organization_id}", unassignOrganization)
    .add("PUT", "/api/v2/users/{user_id}/organizations/{organization_id}/make_default", makeOrganizationDefault);
}

// Shared --------------------------------------------------------------------------------------------------------

function store(ctx: RequestContext): Store {
  return ctx.sim.store;
}

function findOrganization(ctx: RequestContext): OrganizationRow | undefined {
  const id = intParam(ctx, "organization_id");
  return id === undefined ? undefined : store(ctx).organizations.get(id);
}

function findUser(ctx: RequestContext): UserRow | undefined {
  const id = intParam(ctx, "user_id");
  return id === undefined ? undefined : store(ctx).users.get(id);
}

/** The organization's JSON, with the custom field values set through the API. */
function present(ctx: RequestContext, row: OrganizationRow) {
  const values = organizationFieldValues(store(ctx)).get(row.id);
  return { ...organizationJson(ctx.origin, row), organization_fields: values ?? {} };
}

function membershipJson(ctx: RequestContext, row: OrganizationMembershipRow) {
  const organization = store(ctx).organizations.getAny(row.organizationId);
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/organization_memberships/${row.id}.json`,
    user_id: row.userId,
    organization_id: row.organizationId,
    // Zendesk sends null, not false, for a membership that is not the default.
    default: row.isDefault ? true : null,
    organization_name: organization?.name ?? "",
    view_tickets: organization?.sharedTickets ?? false,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

/** One page of an in-memory list in id order, by cursor or offset as the request asks. */
function listPage<T extends { id: number }>(
  ctx: RequestContext,
  rows: readonly T[],
  property: string,
  toJson: (row: T) => unknown,
): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  return pageOf(ctx, request, rows, property, toJson);
}

function pageOf<T extends { id: number }>(
  ctx: RequestContext,
  request: PageRequest,
  rows: readonly T[],
  property: string,
  toJson: (row: T) => unknown,
): Reply {
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(rows, (row) => [row.id]),
    );
    if (isReply(page)) return page;
    return json(200, { [property]: page.items.map(toJson), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end));
  return json(200, {
    [property]: page.items.map(toJson),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

/** A comma-separated list of external ids from the query, or a 400 reply. */
function externalIdsQuery(ctx: RequestContext): string[] | Reply {
  const values = (ctx.query.get("external_ids") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (values.length === 0) return badRequest("InvalidValue", "Parameter external_ids must list at least one id");
  if (values.length > BULK_LIMIT) return tooMany("external_ids");
  return values;
}

const sameText = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

function byExternalId(s: Store, externalId: string): OrganizationRow | undefined {
  for (const row of s.organizations.all()) if (sameText(row.externalId, externalId)) return row;
  return undefined;
}

// Validation and writes ---------------------------------------------------------------------------------------------

type Changes = Partial<Omit<OrganizationRow, "id" | "createdAt" | "updatedAt" | "deleted">>;

interface Prepared {
  changes: Changes;
  fields?: Record<string, unknown>;
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** Reads an organization input; `existing` is the organization being changed (undefined for a create). */
function prepare(s: Store, input: Record<string, unknown>, existing?: OrganizationRow): Prepared | ValidationDetails {
  const details: ValidationDetails = {};
  const changes: Changes = {};
  const {
    name,
    external_id,
    details: text,
    notes,
    domain_names,
    group_id,
    shared_tickets,
    shared_comments,
    tags,
  } = input;
  if (name !== undefined || !existing) {
    if (typeof name !== "string" || name.trim() === "") {
      detail(details, "name", "BlankValue", "Name: cannot be blank");
    } else {
      const taken = [...s.organizations.all()].some((row) => row.id !== existing?.id && sameText(row.name, name));
      if (taken) detail(details, "name", "DuplicateValue", "Name: has already been taken");
      else changes.name = name.trim();
    }
  }
  if (external_id !== undefined) {
    if (external_id !== null && typeof external_id !== "string") {
      detail(details, "external_id", "InvalidValue", "External ID: must be a string");
    } else if (
      external_id !== null &&
      byExternalId(s, external_id) &&
      byExternalId(s, external_id)?.id !== existing?.id
    ) {
      detail(details, "external_id", "DuplicateValue", "External ID: has already been taken");
    } else changes.externalId = external_id === "" ? null : external_id;
  }
  for (const [key, value, set] of [
    ["details", text, (v: string | null) => (changes.details = v)],
    ["notes", notes, (v: string | null) => (changes.notes = v)],
  ] as const) {
    if (value === undefined) continue;
    if (value !== null && typeof value !== "string") detail(details, key, "InvalidValue", `${key}: must be text`);
    else set(value);
  }
  if (domain_names !== undefined) {
    if (isStringList(domain_names)) changes.domainNames = domain_names;
    else detail(details, "domain_names", "InvalidValue", "Domain names: must be a list of domains");
  }
  if (tags !== undefined) {
    if (isStringList(tags)) changes.tags = normalizeTags(tags);
    else detail(details, "tags", "InvalidValue", "Tags: must be a list of tags");
  }
  if (group_id !== undefined) {
    if (group_id === null || (typeof group_id === "number" && Number.isInteger(group_id))) changes.groupId = group_id;
    else detail(details, "group_id", "InvalidValue", "Group: is invalid");
  }
  if (shared_tickets !== undefined) {
    if (typeof shared_tickets === "boolean") changes.sharedTickets = shared_tickets;
    else detail(details, "shared_tickets", "InvalidValue", "Shared tickets: must be true or false");
  }
  if (shared_comments !== undefined) {
    if (typeof shared_comments === "boolean") changes.sharedComments = shared_comments;
    else detail(details, "shared_comments", "InvalidValue", "Shared comments: must be true or false");
  }
  const fields = objectProperty(input, "organization_fields");
  if (input.organization_fields !== undefined && input.organization_fields !== null && !fields) {
    detail(details, "organization_fields", "InvalidValue", "Organization fields: must be an object");
  }
  if (hasDetails(details)) return details;
  return fields ? { changes, fields } : { changes };
}

function isPrepared(value: Prepared | ValidationDetails): value is Prepared {
  return "changes" in value && typeof value.changes === "object" && !Array.isArray(value.changes);
}

function describe(details: ValidationDetails): string {
  return Object.values(details)
    .flat()
    .map((item) => item.description)
    .join("; ");
}

function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, "_")).filter((tag) => tag !== ""))];
}

function commit(s: Store, prepared: Prepared, existing?: OrganizationRow): OrganizationRow {
  const now = s.now();
  const fieldValues = organizationFieldValues(s);
  const row = existing
    ? { ...existing, ...prepared.changes, updatedAt: now }
    : s.organizations.insert((id) => ({
        id,
        name: prepared.changes.name ?? `Organization ${id}`,
        externalId: null,
        details: null,
        notes: null,
        domainNames: [],
        groupId: null,
        sharedTickets: false,
        sharedComments: false,
        tags: [],
        ...prepared.changes,
        createdAt: now,
        updatedAt: now,
      }));
  if (existing) s.organizations.put(row);
  if (prepared.fields) {
    fieldValues.set(row.id, { ...(fieldValues.get(row.id) ?? {}), ...prepared.fields });
  }
  return row;
}

function destroy(s: Store, row: OrganizationRow): void {
  organizationsOf(s).dropOrganization(row.id);
  s.organizations.put({ ...row, deleted: true, updatedAt: s.now() });
}

// Organizations --------------------------------------------------------------------------------------------------

function listOrganizations(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const toJson = (row: OrganizationRow) => present(ctx, row);
  return tablePage(ctx, request, store(ctx).organizations, "organizations", toJson);
}

function createOrganization(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "organization");
  if (!input) return missingParameter("organization");
  const prepared = prepare(store(ctx), input);
  if (!isPrepared(prepared)) return recordInvalid(prepared);
  const row = commit(store(ctx), prepared);
  return json(
    201,
    { organization: present(ctx, row) },
    { Location: `${ctx.origin}/api/v2/organizations/${row.id}.json` },
  );
}

function countOrganizations(ctx: RequestContext): Reply {
  return json(200, { count: { value: store(ctx).organizations.size, refreshed_at: isoSeconds(store(ctx).now()) } });
}

function showMany(ctx: RequestContext): Reply {
  const s = store(ctx);
  let rows: (OrganizationRow | undefined)[];
  if (ctx.query.has("ids")) {
    const ids = idsQuery(ctx);
    if (isReply(ids)) return ids;
    rows = ids.map((id) => s.organizations.get(id));
  } else if (ctx.query.has("external_ids")) {
    const externalIds = externalIdsQuery(ctx);
    if (isReply(externalIds)) return externalIds;
    rows = externalIds.map((externalId) => byExternalId(s, externalId));
  } else {
    return missingParameter("ids");
  }
  const found = rows.filter((row): row is OrganizationRow => row !== undefined);
  return json(200, { organizations: found.map((row) => present(ctx, row)) });
}

function search(ctx: RequestContext): Reply {
  const externalId = ctx.query.get("external_id");
  const name = ctx.query.get("name");
  if (!externalId && !name) return missingParameter("name or external_id");
  const rows = [...store(ctx).organizations.all()].filter((row) =>
    externalId ? sameText(row.externalId, externalId) : row.name === name,
  );
  return offsetList(ctx, rows);
}

function autocomplete(ctx: RequestContext): Reply {
  const given = ctx.query.get("name");
  const name = (given ?? "").trim().toLowerCase();
  // Without a name the list is empty; a name too short to search by is refused.
  if (given !== null && name.length < 2) {
    return badRequest("InvalidValue", "Parameter name must have at least 2 characters");
  }
  const rows =
    given === null ? [] : [...store(ctx).organizations.all()].filter((row) => row.name.toLowerCase().startsWith(name));
  return offsetList(ctx, rows);
}

/** An offset page of organizations (search and autocomplete page by offset only). */
function offsetList(ctx: RequestContext, rows: OrganizationRow[]): Reply {
  const request = readPageRequest(
    new URLSearchParams({ page: ctx.query.get("page") ?? "1", per_page: ctx.query.get("per_page") ?? "100" }),
  );
  if (isReply(request) || request.mode !== "offset") return badRequest("InvalidPaginationParameter", "Invalid paging");
  return pageOf(ctx, request, rows, "organizations", (row) => present(ctx, row));
}

function showOrganization(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  return row ? json(200, { organization: present(ctx, row) }) : notFound();
}

function updateOrganization(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  if (!row) return notFound();
  const input = objectProperty(ctx.body, "organization");
  if (!input) return missingParameter("organization");
  const prepared = prepare(store(ctx), input, row);
  if (!isPrepared(prepared)) return recordInvalid(prepared);
  return json(200, { organization: present(ctx, commit(store(ctx), prepared, row)) });
}

function deleteOrganization(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  if (!row) return notFound();
  destroy(store(ctx), row);
  return noContent();
}

function createOrUpdate(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "organization");
  if (!input) return missingParameter("organization");
  const s = store(ctx);
  const byId = typeof input.id === "number" ? s.organizations.get(input.id) : undefined;
  const existing = byId ?? (typeof input.external_id === "string" ? byExternalId(s, input.external_id) : undefined);
  const { id: _id, ...changes } = input;
  const prepared = prepare(s, changes, existing);
  if (!isPrepared(prepared)) return recordInvalid(prepared);
  const row = commit(s, prepared, existing);
  return json(existing ? 200 : 201, { organization: present(ctx, row) });
}

function related(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  if (!row) return notFound();
  let tickets = 0;
  for (const ticket of store(ctx).tickets.all()) if (ticket.organizationId === row.id) tickets++;
  const users = organizationsOf(store(ctx)).membersOf(row.id).length;
  return json(200, { organization_related: { tickets_count: tickets, users_count: users } });
}

// Tags ------------------------------------------------------------------------------------------------------------

function listTags(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  return row ? json(200, { tags: row.tags }) : notFound();
}

function changeTags(ctx: RequestContext, how: "set" | "add" | "remove"): Reply {
  const row = findOrganization(ctx);
  if (!row) return notFound();
  const given = arrayProperty(ctx.body, "tags");
  if (!given) return missingParameter("tags");
  if (!isStringList(given)) {
    const details: ValidationDetails = {};
    detail(details, "tags", "InvalidValue", "Tags: must be a list of tags");
    return recordInvalid(details);
  }
  const tags = normalizeTags(given);
  const next =
    how === "set"
      ? tags
      : how === "add"
        ? normalizeTags([...row.tags, ...tags])
        : row.tags.filter((tag) => !tags.includes(tag));
  store(ctx).organizations.put({ ...row, tags: next, updatedAt: store(ctx).now() });
  return how === "remove" ? noContent() : json(200, { tags: next });
}

// Users and memberships ---------------------------------------------------------------------------------------------

function listUsers(ctx: RequestContext): Reply {
  const row = findOrganization(ctx);
  if (!row) return notFound();
  const role = ctx.query.get("role");
  const users = organizationsOf(store(ctx))
    .membersOf(row.id)
    .filter((user) => role === null || user.role === role);
  return listPage(ctx, users, "users", (user) => userJson(ctx.origin, user));
}

function listUserOrganizations(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (!user) return notFound();
  const rows = organizationsOf(store(ctx)).organizationsOf(user.id);
  return listPage(ctx, rows, "organizations", (row) => present(ctx, row));
}

function listMemberships(ctx: RequestContext): Reply {
  const rows = organizationsOf(store(ctx)).list();
  return listPage(ctx, rows, "organization_memberships", (row) => membershipJson(ctx, row));
}

function listUserMemberships(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (!user) return notFound();
  const rows = organizationsOf(store(ctx)).list({ userId: user.id });
  return listPage(ctx, rows, "organization_memberships", (row) => membershipJson(ctx, row));
}

function listOrganizationMemberships(ctx: RequestContext): Reply {
  const organization = findOrganization(ctx);
  if (!organization) return notFound();
  const rows = organizationsOf(store(ctx)).list({ organizationId: organization.id });
  return listPage(ctx, rows, "organization_memberships", (row) => membershipJson(ctx, row));
}

const REFUSALS = {
  user: ["user_id", "InvalidValue", "User: is invalid"],
  organization: ["organization_id", "InvalidValue", "Organization: is invalid"],
  exists: ["user_id", "DuplicateValue", "User: is already a member of this organization"],
} as const;

/** Reads `{ user_id, organization_id, default? }` and makes the membership, or says why not. */
function addMembership(s: Store, item: unknown): OrganizationMembershipRow | ValidationDetails {
  const input = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
  const details: ValidationDetails = {};
  const { user_id: userId, organization_id: organizationId, default: makeDefault } = input;
  if (typeof userId !== "number") detail(details, "user_id", "BlankValue", "User: cannot be blank");
  if (typeof organizationId !== "number") {
    detail(details, "organization_id", "BlankValue", "Organization: cannot be blank");
  }
  if (makeDefault !== undefined && typeof makeDefault !== "boolean") {
    detail(details, "default", "InvalidValue", "Default: must be true or false");
  }
  if (hasDetails(details)) return details;
  const result = organizationsOf(s).add(userId as number, organizationId as number, makeDefault === true);
  if (typeof result !== "string") return result;
  const [field, error, description] = REFUSALS[result];
  detail(details, field, error, description);
  return details;
}

function createMembership(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "organization_membership");
  if (!input) return missingParameter("organization_membership");
  const result = addMembership(store(ctx), input);
  if (!("id" in result && typeof result.id === "number")) return recordInvalid(result as ValidationDetails);
  const row = result as OrganizationMembershipRow;
  return json(
    201,
    { organization_membership: membershipJson(ctx, row) },
    { Location: `${ctx.origin}/api/v2/organization_memberships/${row.id}.json` },
  );
}

/** `POST /users/{user_id}/organization_memberships`: the user comes from the path (a different body `user_id` is refused). */
function createUserMembership(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (!user) return notFound();
  const input = objectProperty(ctx.body, "organization_membership");
  if (!input) return missingParameter("organization_membership");
  if (input.user_id !== undefined && input.user_id !== user.id) {
    const details: ValidationDetails = {};
    detail(details, "user_id", "InvalidValue", "User: does not match the user of the path");
    return recordInvalid(details);
  }
  const result = addMembership(store(ctx), { ...input, user_id: user.id });
  if (!("id" in result && typeof result.id === "number")) return recordInvalid(result as ValidationDetails);
  const row = result as OrganizationMembershipRow;
  return json(
    201,
    { organization_membership: membershipJson(ctx, row) },
    { Location: `${ctx.origin}/api/v2/organization_memberships/${row.id}.json` },
  );
}

/** The path's membership when it belongs to the path's user. */
function findUserMembership(ctx: RequestContext): OrganizationMembershipRow | undefined {
  const user = findUser(ctx);
  const row = findMembership(ctx);
  return user && row && row.userId === user.id ? row : undefined;
}

function showUserMembership(ctx: RequestContext): Reply {
  const row = findUserMembership(ctx);
  return row ? json(200, { organization_membership: membershipJson(ctx, row) }) : notFound();
}

function deleteUserMembership(ctx: RequestContext): Reply {
  const row = findUserMembership(ctx);
  if (!row) return notFound();
  organizationsOf(store(ctx)).remove(row);
  return noContent();
}

function findMembership(ctx: RequestContext): OrganizationMembershipRow | undefined {
  const id = intParam(ctx, "organization_membership_id");
  return id === undefined ? undefined : organizationsOf(store(ctx)).get(id);
}

function showMembership(ctx: RequestContext): Reply {
  const row = findMembership(ctx);
  return row ? json(200, { organization_membership: membershipJson(ctx, row) }) : notFound();
}

function deleteMembership(ctx: RequestContext): Reply {
  const row = findMembership(ctx);
  if (!row) return notFound();
  organizationsOf(store(ctx)).remove(row);
  return noContent();
}

function makeMembershipDefault(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  const row = findMembership(ctx);
  if (!user || !row || row.userId !== user.id) return notFound();
  const state = organizationsOf(store(ctx));
  state.makeDefault(row);
  const rows = state.list({ userId: user.id });
  return json(200, { organization_memberships: rows.map((item) => membershipJson(ctx, item)) });
}

function unassignOrganization(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  const organization = findOrganization(ctx);
  if (!user || !organization) return notFound();
  const state = organizationsOf(store(ctx));
  const row = state.find(user.id, organization.id);
  if (!row) return notFound();
  state.remove(row);
  return noContent();
}

function makeOrganizationDefault(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  const organization = findOrganization(ctx);
  if (!user || !organization) return notFound();
  const state = organizationsOf(store(ctx));
  const row = state.find(user.id, organization.id);
  if (!row) return notFound();
  state.makeDefault(row);
  return json(200, { organization_membership: membershipJson(ctx, row) });
}

// Bulk jobs -------------------------------------------------------------------------------------------------------

const failed = (index: number, action: string, error: string, details: string, extra: object = {}) => ({
  index,
  ...extra,
  action,
  success: false,
  status: "Failed",
  error,
  details,
});

function createMany(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "organizations");
  if (!items) return missingParameter("organizations");
  if (items.length > BULK_LIMIT) return tooMany("organizations");
  const s = store(ctx);
  return startJob(ctx, "bulk_create_job", items.length, () =>
    items.map((item, index) => {
      const input = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
      const prepared = prepare(s, input);
      if (!isPrepared(prepared)) return failed(index, "create", "OrganizationCreateFailed", describe(prepared));
      const row = commit(s, prepared);
      return { index, id: row.id, action: "create", success: true, status: "Created" };
    }),
  );
}

function updateMany(ctx: RequestContext): Reply {
  const s = store(ctx);
  type Target = { find: () => OrganizationRow | undefined; key: object; input: Record<string, unknown> };
  let targets: Target[];
  if (ctx.query.has("ids") || ctx.query.has("external_ids")) {
    const input = objectProperty(ctx.body, "organization");
    if (!input) return missingParameter("organization");
    if (ctx.query.has("ids")) {
      const ids = idsQuery(ctx);
      if (isReply(ids)) return ids;
      targets = ids.map((id) => ({ find: () => s.organizations.get(id), key: { id }, input }));
    } else {
      const externalIds = externalIdsQuery(ctx);
      if (isReply(externalIds)) return externalIds;
      targets = externalIds.map((externalId) => ({
        find: () => byExternalId(s, externalId),
        key: { external_id: externalId },
        input,
      }));
    }
  } else {
    const items = arrayProperty(ctx.body, "organizations");
    if (!items) return missingParameter("organizations");
    if (items.length > BULK_LIMIT) return tooMany("organizations");
    targets = items.map((item) => {
      const { id, ...input } = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
      return { find: () => (typeof id === "number" ? s.organizations.get(id) : undefined), key: { id }, input };
    });
  }
  return startJob(ctx, "bulk_update_job", targets.length, () =>
    targets.map(({ find, key, input }, index) => {
      const row = find();
      if (!row) return failed(index, "update", "OrganizationUpdateFailed", "Organization not found", key);
      const prepared = prepare(s, input, row);
      if (!isPrepared(prepared)) {
        return failed(index, "update", "OrganizationUpdateFailed", describe(prepared), { id: row.id });
      }
      commit(s, prepared, row);
      return { index, id: row.id, action: "update", success: true, status: "Updated" };
    }),
  );
}

function destroyMany(ctx: RequestContext): Reply {
  const s = store(ctx);
  let targets: { find: () => OrganizationRow | undefined; key: { id?: number; external_id?: string } }[];
  if (ctx.query.has("external_ids") && !ctx.query.has("ids")) {
    const externalIds = externalIdsQuery(ctx);
    if (isReply(externalIds)) return externalIds;
    targets = externalIds.map((externalId) => ({
      find: () => byExternalId(s, externalId),
      key: { external_id: externalId },
    }));
  } else {
    const ids = idsQuery(ctx);
    if (isReply(ids)) return ids;
    targets = ids.map((id) => ({ find: () => s.organizations.get(id), key: { id } }));
  }
  return startJob(ctx, "bulk_delete_job", targets.length, () =>
    targets.map(({ find, key }, index) => {
      const row = find();
      if (!row) return failed(index, "delete", "OrganizationDeleteFailed", "Organization not found", key);
      destroy(s, row);
      return { index, ...key, id: row.id, action: "delete", success: true, status: "Deleted" };
    }),
  );
}

function createManyMemberships(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "organization_memberships");
  if (!items) return missingParameter("organization_memberships");
  if (items.length > BULK_LIMIT) return tooMany("organization_memberships");
  const s = store(ctx);
  return startJob(ctx, "bulk_create_job", items.length, () =>
    items.map((item, index) => {
      const result = addMembership(s, item);
      if (!("id" in result && typeof result.id === "number")) {
        return failed(index, "create", "OrganizationMembershipCreateFailed", describe(result as ValidationDetails));
      }
      return { index, id: result.id, action: "create", success: true, status: "Created" };
    }),
  );
}

function destroyManyMemberships(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const s = store(ctx);
  return startJob(ctx, "bulk_delete_job", ids.length, () =>
    ids.map((id, index) => {
      const state = organizationsOf(s);
      const row = state.get(id);
      if (!row) return failed(index, "delete", "OrganizationMembershipDeleteFailed", "Membership not found", { id });
      state.remove(row);
      return { index, id, action: "delete", success: true, status: "Deleted" };
    }),
  );
}
