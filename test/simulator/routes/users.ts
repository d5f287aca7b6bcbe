/**
 * The users routes where behaviour matters: users over the store's seeded `users` table (list, show, search,
 * autocomplete, writes alone and in jobs, merge, deletion and the deleted users list), identities, passwords and
 * tags. User fields, related counts, compliance deletion statuses, password requirements, logout_many and
 * request_create are left to the generic layer.
 */
import { isoSeconds } from "../clock.js";
import { detail, forbidden, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import type { UserRole, UserRow } from "../models.js";
import {
  arraySource,
  cursorPage,
  isReply,
  offsetPage,
  type PageRequest,
  readPageRequest,
  tablePage,
} from "../pagination.js";
import { userJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { Store } from "../store.js";
import type { RequestContext } from "../types.js";
import { type IdentityRow, type IdentityType, usersOf } from "../users-state.js";
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

export function registerUserRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/users", listUsers)
    .add("POST", "/api/v2/users", createUser)
    .add("GET", "/api/v2/users/count", countUsers)
    .add("GET", "/api/v2/users/me", showMe)
    .add("GET", "/api/v2/users/show_many", showMany)
    .add("GET", "/api/v2/users/search", searchUsers)
    .add("GET", "/api/v2/users/autocomplete", autocomplete)
    .add("POST", "/api/v2/users/create_or_update", createOrUpdate)
    .add("POST", "/api/v2/users/create_many", createMany)
    .add("POST", "/api/v2/users/create_or_update_many", createOrUpdateMany)
    .add("PUT", "/api/v2/users/update_many", updateMany)
    .add("DELETE", "/api/v2/users/destroy_many", destroyMany)
    .add("GET", "/api/v2/users/{user_id}", showUser)
    .add("PUT", "/api/v2/users/{user_id}", updateUser)
    .add("DELETE", "/api/v2/users/{user_id}", deleteUser)
    .add("PUT", "/api/v2/users/{user_id}/merge", mergeUsers)
    .add("GET", "/api/v2/users/{user_id}/tags", listTags)
    .add("POST", "/api/v2/users/{user_id}/tags", (ctx) => changeTags(ctx, "set"))
    .add("PUT", "/api/v2/users/{user_id}/tags", (ctx) => changeTags(ctx, "add"))
    .add("DELETE", "/api/v2/users/{user_id}/tags", (ctx) => changeTags(ctx, "remove"))
    .add("GET", "/api/v2/users/{user_id}/identities", listIdentities)
    .add("POST", "/api/v2/users/{user_id}/identities", createIdentity)
    .add("GET", "/api/v2/users/{user_id}/identities/{user_identity_id}", showIdentity)
    .add("PUT", "/api/v2/users/{user_id}/identities/{user_identity_id}", updateIdentity)
    .add("DELETE", "/api/v2/users/{user_id}/identities/{user_identity_id}", deleteIdentity)
    .add("PUT", "/api/v2/users/{user_id}/identities/{user_identity_id}/make_primary", makePrimary)
    .add("PUT", "/api/v2/users/{user_id}/identities/{user_identity_id}/verify", verifyIdentity)
    .add("PUT", "/api/v2/users/{user_id}/identities/{user_identity_id}/request_verification", requestVerification)
    .add("POST", "/api/v2/users/{user_id}/password", setPassword)
    .add("PUT", "/api/v2/users/{user_id}/password", changePassword)
    .add("GET", "/api/v2/deleted_users", listDeletedUsers)
    .add("GET", "/api/v2/deleted_users/count", countDeletedUsers)
    .add("GET", "/api/v2/deleted_users/{deleted_user_id}", showDeletedUser)
    .add("DELETE", "/api/v2/deleted_users/{deleted_user_id}", eraseDeletedUser);
}

// Helpers ---------------------------------------------------------------------------------------------------------

const ROLES: readonly UserRole[] = ["end-user", "agent", "admin"];
const IDENTITY_TYPES: readonly IdentityType[] = [
  "email",
  "twitter",
  "facebook",
  "google",
  "phone_number",
  "agent_forwarding",
  "any_channel",
  "foreign",
  "sdk",
];
/** Properties kept beside the row (laid over userJson), as Zendesk names them. */
const EXTRA_PROPERTIES = [
  "alias",
  "details",
  "notes",
  "signature",
  "custom_role_id",
  "default_group_id",
  "moderator",
  "only_private_comments",
  "restricted_agent",
  "shared_phone_number",
  "ticket_restriction",
] as const;
const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;

const store = (ctx: RequestContext): Store => ctx.sim.store;
const state = (ctx: RequestContext) => usersOf(store(ctx));

function present(ctx: RequestContext, row: UserRow) {
  const extras = state(ctx).extras.get(row.id) ?? {};
  // A user made without an address (a phone-only one, say) has no email: null, as Zendesk sends it.
  return { ...userJson(ctx.origin, row), ...(row.email ? {} : { email: null }), ...extras };
}

function findUser(ctx: RequestContext, name = "user_id"): UserRow | undefined {
  const id = intParam(ctx, name);
  return id === undefined ? undefined : store(ctx).users.get(id);
}

function countBody(value: number, ctx: RequestContext) {
  return { count: { value, refreshed_at: isoSeconds(store(ctx).now()) } };
}

/** A page of users in the style the request asks for. `rows` undefined: every live user, from the table. */
function userPage(ctx: RequestContext, request: PageRequest, rows?: UserRow[]): Reply {
  return tablePage(ctx, request, store(ctx).users, "users", (row: UserRow) => present(ctx, row), rows);
}

/** Live users matching the role filters of a list or count request. */
function roleFiltered(ctx: RequestContext): UserRow[] | undefined {
  const roles = [...ctx.query.getAll("role"), ...ctx.query.getAll("role[]")].flatMap((value) => value.split(","));
  const permissionSet = ctx.query.get("permission_set");
  if (roles.length === 0 && permissionSet === null) return undefined;
  return [...store(ctx).users.all()].filter(
    (row) => (roles.length === 0 || roles.includes(row.role)) && (permissionSet === null || row.role !== "end-user"),
  );
}

// Writes ------------------------------------------------------------------------------------------------------------

type Input = Record<string, unknown>;
type Prepared = { ok: true; apply: () => UserRow } | { ok: false; details: ValidationDetails; notFound?: boolean };

/**
 * Checks a user input against the store (and `existing`, for an update) and returns how to apply it. Creating
 * needs `name`; an email must look like one and not be held by another user; an external id must be free.
 */
function prepareUserWrite(s: Store, input: Input, existing?: UserRow): Prepared {
  const users = usersOf(s);
  const details: ValidationDetails = {};
  const name = input.name;
  if (existing === undefined || name !== undefined) {
    if (typeof name !== "string" || name.trim() === "") detail(details, "name", "BlankValue", "Name: cannot be blank");
  }
  const email = input.email;
  if (email !== undefined && email !== null) {
    if (typeof email !== "string" || !EMAIL.test(email)) {
      detail(details, "email", "InvalidValue", `Email: ${String(email)} is not properly formatted`);
    } else {
      const holder = users.userByEmail(email);
      if (holder && holder.id !== existing?.id) {
        detail(details, "email", "DuplicateValue", `Email: ${email} is already being used by another user`);
      }
    }
  }
  const externalId = input.external_id;
  if (typeof externalId === "string" && externalId !== "") {
    const holder = users.userByExternalId(externalId);
    if (holder && holder.id !== existing?.id) {
      detail(details, "external_id", "DuplicateValue", `External ID: ${externalId} has already been taken`);
    }
  }
  const role = input.role;
  if (role !== undefined && !ROLES.includes(role as UserRole)) {
    detail(details, "role", "InvalidValue", `Role: ${String(role)} is not a role`);
  }
  const tags = input.tags;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === "string"))) {
    detail(details, "tags", "InvalidValue", "Tags: must be a list of strings");
  }
  const organizationId = input.organization_id;
  if (organizationId !== undefined && organizationId !== null) {
    if (typeof organizationId !== "number" || !s.organizations.has(organizationId)) {
      detail(details, "organization_id", "InvalidValue", "Organization: not found");
    }
  }
  if (hasDetails(details)) return { ok: false, details };

  return {
    ok: true,
    apply: () => {
      const now = s.now();
      const changes: Partial<UserRow> = { updatedAt: now };
      if (typeof name === "string") changes.name = name;
      if (role !== undefined) changes.role = role as UserRole;
      if (organizationId !== undefined) changes.organizationId = organizationId as number | null;
      if (externalId !== undefined) changes.externalId = (externalId as string | null) || null;
      if (input.phone !== undefined) changes.phone = (input.phone as string | null) ?? null;
      if (typeof input.time_zone === "string") changes.timeZone = input.time_zone;
      if (typeof input.locale === "string") changes.locale = input.locale;
      if (Array.isArray(tags)) changes.tags = tags as string[];
      if (typeof input.suspended === "boolean") changes.suspended = input.suspended;
      let row: UserRow;
      if (existing) {
        // On an update a new address becomes a further email identity; the primary stays.
        if (typeof email === "string" && existing.email) {
          if (!users.emailsOf(existing).some((value) => value.toLowerCase() === email.toLowerCase())) {
            users.identitiesOf(existing.id);
            users.addIdentity(existing.id, { type: "email", value: email, verified: false, primary: false });
          }
        } else if (typeof email === "string") {
          changes.email = email;
        }
        row = { ...(s.users.get(existing.id) ?? existing), ...changes };
        s.users.put(row);
      } else {
        row = s.users.insert((id) => ({
          id,
          name: String(name),
          email: typeof email === "string" ? email : "",
          role: "end-user",
          organizationId: null,
          externalId: null,
          phone: null,
          timeZone: "Eastern Time (US & Canada)",
          ianaTimeZone: "America/New_York",
          locale: "en-US",
          tags: [],
          verified: input.verified === true,
          suspended: false,
          lastLoginAt: null,
          createdAt: now,
          ...changes,
          updatedAt: now,
        }));
        const identities = input.identities;
        if (Array.isArray(identities)) {
          for (const identity of identities) {
            if (typeof identity !== "object" || identity === null) continue;
            const { type, value } = identity as Input;
            if (IDENTITY_TYPES.includes(type as IdentityType) && typeof value === "string") {
              users.identitiesOf(row.id);
              users.addIdentity(row.id, { type: type as IdentityType, value, verified: false, primary: false });
            }
          }
        }
      }
      const extras = { ...(users.extras.get(row.id) ?? {}) };
      for (const key of EXTRA_PROPERTIES) if (input[key] !== undefined) extras[key] = input[key];
      if (typeof input.user_fields === "object" && input.user_fields !== null) {
        extras.user_fields = { ...((extras.user_fields as Input | undefined) ?? {}), ...(input.user_fields as Input) };
      }
      users.extras.set(row.id, extras);
      users.index(row);
      return row;
    },
  };
}

/** Validation details as one sentence, for a job result's `details`. */
function describe(details: ValidationDetails): string {
  return Object.values(details)
    .flat()
    .map((item) => item.description)
    .join("; ");
}

/** The user an upsert input names: by external id first, then by email. */
function matchUpsert(s: Store, input: Input): UserRow | undefined {
  const users = usersOf(s);
  if (typeof input.external_id === "string" && input.external_id !== "") {
    const row = users.userByExternalId(input.external_id);
    if (row) return row;
  }
  return typeof input.email === "string" && input.email !== "" ? users.userByEmail(input.email) : undefined;
}

function softDelete(s: Store, row: UserRow): UserRow {
  const deleted = { ...row, deleted: true, updatedAt: s.now() };
  s.users.put(deleted);
  return deleted;
}

// Users -------------------------------------------------------------------------------------------------------------

function listUsers(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const externalId = ctx.query.get("external_id");
  if (externalId !== null) {
    const row = state(ctx).userByExternalId(externalId);
    return userPage(ctx, request, row ? [row] : []);
  }
  return userPage(ctx, request, roleFiltered(ctx));
}

function countUsers(ctx: RequestContext): Reply {
  return json(200, countBody(roleFiltered(ctx)?.length ?? store(ctx).users.size, ctx));
}

function showMe(ctx: RequestContext): Reply {
  const row = store(ctx).users.get(store(ctx).currentUserId);
  if (!row) return notFound();
  return json(200, { user: { ...present(ctx, row), authenticity_token: "sim-csrf-token" } });
}

function showMany(ctx: RequestContext): Reply {
  let rows: (UserRow | undefined)[];
  if (ctx.query.has("external_ids")) {
    const values = (ctx.query.get("external_ids") ?? "").split(",").filter((value) => value !== "");
    if (values.length > BULK_LIMIT) return tooMany("external_ids");
    rows = values.map((value) => state(ctx).userByExternalId(value));
  } else {
    const ids = idsQuery(ctx);
    if (isReply(ids)) return ids;
    rows = ids.map((id) => store(ctx).users.get(id));
  }
  const found = rows.filter((row): row is UserRow => row !== undefined);
  return json(200, { users: found.map((row) => present(ctx, row)) });
}

/** `email:x`, `name:"a b"`, bare words and quoted phrases of Zendesk's search syntax. */
function parseQuery(query: string): { key?: string; value: string }[] {
  const terms: { key?: string; value: string }[] = [];
  const pattern = /(?:([a-z_]+):)?(?:"((?:[^"\\]|\\.)*)"|(\S+))/gi;
  for (const match of query.matchAll(pattern)) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    terms.push({ key: match[1]?.toLowerCase(), value: value.toLowerCase() });
  }
  return terms;
}

function matchesTerm(ctx: RequestContext, row: UserRow, term: { key?: string; value: string }): boolean {
  const emails = state(ctx)
    .emailsOf(row)
    .map((value) => value.toLowerCase());
  const extras = state(ctx).extras.get(row.id) ?? {};
  switch (term.key) {
    case "email":
      return emails.some((value) => value.includes(term.value));
    case "name":
      return row.name.toLowerCase().includes(term.value);
    case "external_id":
      return row.externalId?.toLowerCase() === term.value;
    case "role":
      return row.role === term.value;
    case "tags":
    case "tag":
      return row.tags.includes(term.value);
    case "organization_id":
      return String(row.organizationId) === term.value;
    case undefined:
      return (
        row.name.toLowerCase().includes(term.value) ||
        emails.some((value) => value.includes(term.value)) ||
        String(extras.notes ?? "")
          .toLowerCase()
          .includes(term.value) ||
        (row.phone ?? "").includes(term.value)
      );
    default:
      return false;
  }
}

function searchUsers(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const externalId = ctx.query.get("external_id");
  if (externalId !== null) {
    const row = state(ctx).userByExternalId(externalId);
    return userPage(ctx, request, row ? [row] : []);
  }
  const terms = parseQuery(ctx.query.get("query") ?? "");
  const rows = [...store(ctx).users.all()].filter((row) => terms.every((term) => matchesTerm(ctx, row, term)));
  return userPage(ctx, request, rows);
}

function autocomplete(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const prefix = (ctx.query.get("name") ?? "").trim().toLowerCase();
  const rows = [...store(ctx).users.all()].filter((row) => row.name.toLowerCase().startsWith(prefix));
  if (request.mode === "cursor") return userPage(ctx, { mode: "offset", page: 1, perPage: request.size }, rows);
  return userPage(ctx, request, rows);
}

function showUser(ctx: RequestContext): Reply {
  const id = intParam(ctx, "user_id");
  // A deleted user is still shown (inactive) until it is permanently deleted.
  const row = id === undefined ? undefined : store(ctx).users.getAny(id);
  if (!row || state(ctx).erased.has(row.id)) return notFound();
  return json(200, { user: present(ctx, row) });
}

function createUser(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "user");
  if (!input) return missingParameter("user");
  const prepared = prepareUserWrite(store(ctx), input);
  if (!prepared.ok) return recordInvalid(prepared.details);
  const row = prepared.apply();
  return json(201, { user: present(ctx, row) }, { Location: `${ctx.origin}/api/v2/users/${row.id}.json` });
}

function updateUser(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  const input = objectProperty(ctx.body, "user");
  if (!input) return missingParameter("user");
  const prepared = prepareUserWrite(store(ctx), input, row);
  if (!prepared.ok) return recordInvalid(prepared.details);
  return json(200, { user: present(ctx, prepared.apply()) });
}

function deleteUser(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  if (row.id === store(ctx).currentUserId) return forbidden();
  return json(200, { user: present(ctx, softDelete(store(ctx), row)) });
}

function createOrUpdate(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "user");
  if (!input) return missingParameter("user");
  const existing = matchUpsert(store(ctx), input);
  const prepared = prepareUserWrite(store(ctx), input, existing);
  if (!prepared.ok) return recordInvalid(prepared.details);
  return json(existing ? 200 : 201, { user: present(ctx, prepared.apply()) });
}

function mergeUsers(ctx: RequestContext): Reply {
  const source = findUser(ctx);
  if (!source) return notFound();
  const into = objectProperty(ctx.body, "user");
  if (!into) return missingParameter("user");
  const s = store(ctx);
  const target = typeof into.id === "number" ? s.users.get(into.id) : undefined;
  if (!target) return notFound();
  const details: ValidationDetails = {};
  if (target.id === source.id) detail(details, "base", "InvalidValue", "A user cannot be merged into itself");
  if (source.role !== "end-user" || target.role !== "end-user") {
    detail(details, "base", "InvalidValue", "Only end users can be merged");
  }
  if (hasDetails(details)) return recordInvalid(details);
  const users = usersOf(s);
  users.identitiesOf(target.id);
  users.moveIdentities(source.id, target.id);
  // Tickets the source requested are now the target's.
  const now = s.now();
  for (const ticket of [...s.tickets.all()]) {
    if (ticket.requesterId === source.id) s.putTicket({ ...ticket, requesterId: target.id, updatedAt: now });
  }
  softDelete(s, source);
  const kept = { ...(s.users.get(target.id) ?? target), updatedAt: now };
  s.users.put(kept);
  return json(200, { user: present(ctx, kept) });
}

// Tags --------------------------------------------------------------------------------------------------------------

function listTags(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  return row ? json(200, { tags: row.tags }) : notFound();
}

function changeTags(ctx: RequestContext, how: "set" | "add" | "remove"): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  const tags = arrayProperty(ctx.body, "tags");
  if (!tags) return missingParameter("tags");
  if (!tags.every((tag) => typeof tag === "string" && tag.trim() !== "" && !/\s/.test(tag.trim()))) {
    return recordInvalid({ tags: [{ error: "InvalidValue", description: "Tags: each tag must be one word" }] });
  }
  const given = (tags as string[]).map((tag) => tag.trim().toLowerCase());
  const next =
    how === "set"
      ? [...new Set(given)]
      : how === "add"
        ? [...new Set([...row.tags, ...given])]
        : row.tags.filter((tag) => !given.includes(tag));
  const updated = { ...row, tags: next, updatedAt: store(ctx).now() };
  store(ctx).users.put(updated);
  return json(how === "set" ? 201 : 200, { tags: updated.tags });
}

// Identities ----------------------------------------------------------------------------------------------------------

function identityJson(ctx: RequestContext, identity: IdentityRow) {
  const email = identity.type === "email";
  return {
    url: `${ctx.origin}/api/v2/users/${identity.userId}/identities/${identity.id}.json`,
    id: identity.id,
    user_id: identity.userId,
    type: identity.type,
    value: identity.value,
    verified: identity.verified,
    primary: identity.primary,
    verification_method: identity.verified ? ("full" as const) : ("none" as const),
    created_at: isoSeconds(identity.createdAt),
    updated_at: isoSeconds(identity.updatedAt),
    ...(email ? { deliverable_state: "deliverable", undeliverable_count: 0 } : {}),
  };
}

function findIdentity(ctx: RequestContext): { row: UserRow; identity: IdentityRow } | undefined {
  const row = findUser(ctx);
  const identityId = intParam(ctx, "user_identity_id");
  if (!row || identityId === undefined) return undefined;
  const identity = state(ctx)
    .identitiesOf(row.id)
    .find((item) => item.id === identityId);
  return identity ? { row, identity } : undefined;
}

function listIdentities(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const types = ctx.query.getAll("type[]").flatMap((value) => value.split(","));
  const list = state(ctx)
    .identitiesOf(row.id)
    .filter((identity) => types.length === 0 || types.includes(identity.type));
  const toJson = (identity: IdentityRow) => identityJson(ctx, identity);
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(list, (_identity) => [list.indexOf(_identity)]),
    );
    if (isReply(page)) return page;
    return json(200, { identities: page.items.map(toJson), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, list.length, (start, end) => list.slice(start, end));
  return json(200, {
    identities: page.items.map(toJson),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function createIdentity(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  const input = objectProperty(ctx.body, "identity");
  if (!input) return missingParameter("identity");
  const details: ValidationDetails = {};
  const type = input.type as IdentityType;
  const value = input.value;
  if (!IDENTITY_TYPES.includes(type)) detail(details, "type", "InvalidValue", "Type: is not an identity type");
  if (typeof value !== "string" || value.trim() === "") {
    detail(details, "value", "BlankValue", "Value: cannot be blank");
  } else if (type === "email") {
    if (!EMAIL.test(value)) detail(details, "value", "InvalidValue", `Value: ${value} is not properly formatted`);
    else if (state(ctx).userByEmail(value)) {
      detail(details, "value", "DuplicateValue", `Value: ${value} is already being used by another user`);
    }
  }
  if (hasDetails(details)) return recordInvalid(details);
  const identity = state(ctx).addIdentity(row.id, {
    type,
    value: String(value),
    verified: input.verified === true,
    primary: input.primary === true,
  });
  return json(201, { identity: identityJson(ctx, identity) });
}

function showIdentity(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  return found ? json(200, { identity: identityJson(ctx, found.identity) }) : notFound();
}

function updateIdentity(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  if (!found) return notFound();
  const input = objectProperty(ctx.body, "identity");
  if (!input) return missingParameter("identity");
  const { identity } = found;
  if (input.value !== undefined) {
    const value = input.value;
    if (typeof value !== "string" || (identity.type === "email" && !EMAIL.test(value))) {
      return recordInvalid({ value: [{ error: "InvalidValue", description: "Value: is not properly formatted" }] });
    }
    const holder = identity.type === "email" ? state(ctx).userByEmail(value) : undefined;
    if (holder && holder.id !== found.row.id) {
      return recordInvalid({ value: [{ error: "DuplicateValue", description: `Value: ${value} is already used` }] });
    }
    identity.value = value;
    if (identity.type === "email" && identity.primary) {
      const row = { ...found.row, email: value, updatedAt: store(ctx).now() };
      store(ctx).users.put(row);
      state(ctx).index(row);
    }
  }
  if (typeof input.verified === "boolean") identity.verified = input.verified;
  identity.updatedAt = store(ctx).now();
  return json(200, { identity: identityJson(ctx, identity) });
}

function deleteIdentity(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  if (!found) return notFound();
  const { row, identity } = found;
  if (identity.type === "email" && identity.primary) {
    const next = state(ctx)
      .identitiesOf(row.id)
      .find((item) => item.type === "email" && item.id !== identity.id);
    if (!next) {
      return recordInvalid({
        base: [{ error: "InvalidValue", description: "The only email identity of a user cannot be removed" }],
      });
    }
    state(ctx).makePrimary(row.id, next.id);
  }
  state(ctx).removeIdentity(row.id, identity.id);
  return noContent();
}

function makePrimary(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  if (!found) return notFound();
  state(ctx).makePrimary(found.row.id, found.identity.id);
  return json(200, {
    identities: state(ctx)
      .identitiesOf(found.row.id)
      .map((identity) => identityJson(ctx, identity)),
  });
}

function verifyIdentity(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  if (!found) return notFound();
  found.identity.verified = true;
  found.identity.updatedAt = store(ctx).now();
  return json(200, { identity: identityJson(ctx, found.identity) });
}

function requestVerification(ctx: RequestContext): Reply {
  const found = findIdentity(ctx);
  if (!found) return notFound();
  if (found.identity.type !== "email") {
    return recordInvalid({
      type: [{ error: "InvalidValue", description: "Only email identities can be verified by email" }],
    });
  }
  return { status: 200 };
}

// Passwords ---------------------------------------------------------------------------------------------------------

const MIN_PASSWORD = 6;

function weakPassword(): Reply {
  return recordInvalid({
    password: [{ error: "PasswordTooShort", description: `Password: must be at least ${MIN_PASSWORD} characters` }],
  });
}

function setPassword(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  const password = (ctx.body as Input | undefined)?.password;
  if (typeof password !== "string") return missingParameter("password");
  if (password.length < MIN_PASSWORD) return weakPassword();
  state(ctx).passwords.set(row.id, password);
  return { status: 200 };
}

function changePassword(ctx: RequestContext): Reply {
  const row = findUser(ctx);
  if (!row) return notFound();
  // Only one's own password changes this way.
  if (row.id !== store(ctx).currentUserId) return forbidden();
  const body = (ctx.body ?? {}) as Input;
  if (typeof body.password !== "string") return missingParameter("password");
  if (typeof body.previous_password !== "string") return missingParameter("previous_password");
  const current = state(ctx).passwords.get(row.id);
  if (current !== undefined && current !== body.previous_password) {
    return recordInvalid({
      previous_password: [{ error: "InvalidValue", description: "Previous password: is not correct" }],
    });
  }
  if (body.password.length < MIN_PASSWORD) return weakPassword();
  state(ctx).passwords.set(row.id, body.password);
  return { status: 200 };
}

// Deleted users -----------------------------------------------------------------------------------------------------

function deletedRows(ctx: RequestContext): UserRow[] {
  const s = store(ctx);
  const out: UserRow[] = [];
  for (let id = 1; id <= s.users.maxId; id++) {
    const row = s.users.getAny(id);
    if (row?.deleted && !state(ctx).erased.has(id)) out.push(row);
  }
  return out;
}

function deletedJson(ctx: RequestContext, row: UserRow) {
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/deleted_users/${row.id}.json`,
    name: row.name,
    email: row.email || null,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
    time_zone: row.timeZone,
    phone: row.phone,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: row.locale,
    organization_id: row.organizationId,
    role: row.role,
    active: false,
  };
}

function findDeleted(ctx: RequestContext): UserRow | undefined {
  const id = intParam(ctx, "deleted_user_id");
  const row = id === undefined ? undefined : store(ctx).users.getAny(id);
  return row?.deleted && !state(ctx).erased.has(row.id) ? row : undefined;
}

function listDeletedUsers(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const rows = deletedRows(ctx);
  const toJson = (row: UserRow) => deletedJson(ctx, row);
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(rows, (row) => [row.id]),
    );
    if (isReply(page)) return page;
    return json(200, { deleted_users: page.items.map(toJson), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end));
  return json(200, {
    deleted_users: page.items.map(toJson),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function countDeletedUsers(ctx: RequestContext): Reply {
  return json(200, countBody(deletedRows(ctx).length, ctx));
}

function showDeletedUser(ctx: RequestContext): Reply {
  const row = findDeleted(ctx);
  return row ? json(200, { deleted_user: deletedJson(ctx, row) }) : notFound();
}

function eraseDeletedUser(ctx: RequestContext): Reply {
  const row = findDeleted(ctx);
  if (!row) return notFound();
  state(ctx).erased.add(row.id);
  return json(200, { deleted_user: deletedJson(ctx, row) });
}

// Bulk jobs ---------------------------------------------------------------------------------------------------------

type Result = Record<string, unknown>;

function failed(index: number, action: string, error: string, details: string, id?: number): Result {
  return { index, ...(id === undefined ? {} : { id }), action, success: false, status: "Failed", error, details };
}

function createMany(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "users");
  if (!items) return missingParameter("users");
  if (items.length > BULK_LIMIT) return tooMany("users");
  const s = store(ctx);
  return startJob(ctx, "bulk_create_job", items.length, () =>
    items.map((item, index): Result => {
      const input = typeof item === "object" && item !== null ? (item as Input) : {};
      const prepared = prepareUserWrite(s, input);
      if (!prepared.ok) return failed(index, "create", "UserCreateFailed", describe(prepared.details));
      const row = prepared.apply();
      return { index, id: row.id, action: "create", success: true, status: "Created", email: row.email };
    }),
  );
}

function createOrUpdateMany(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "users");
  if (!items) return missingParameter("users");
  if (items.length > BULK_LIMIT) return tooMany("users");
  const s = store(ctx);
  return startJob(ctx, "bulk_create_or_update_job", items.length, () =>
    items.map((item, index): Result => {
      const input = typeof item === "object" && item !== null ? (item as Input) : {};
      const existing = matchUpsert(s, input);
      const action = existing ? "update" : "create";
      const prepared = prepareUserWrite(s, input, existing);
      if (!prepared.ok) {
        const error = existing ? "UserUpdateFailed" : "UserCreateFailed";
        return failed(index, action, error, describe(prepared.details), existing?.id);
      }
      const row = prepared.apply();
      return {
        index,
        id: row.id,
        action,
        success: true,
        status: existing ? "Updated" : "Created",
        ...(row.email ? { email: row.email } : {}),
        ...(row.externalId ? { external_id: row.externalId } : {}),
      };
    }),
  );
}

/** The ids (or external ids) of a bulk request's query, as user rows or the id that matched nobody. */
function idsOrExternalIds(ctx: RequestContext): { key: number | string; row?: UserRow }[] | Reply {
  if (ctx.query.has("external_ids")) {
    const values = (ctx.query.get("external_ids") ?? "").split(",").filter((value) => value !== "");
    if (values.length === 0) return missingParameter("external_ids");
    if (values.length > BULK_LIMIT) return tooMany("external_ids");
    return values.map((value) => ({ key: value, row: state(ctx).userByExternalId(value) }));
  }
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  return ids.map((id) => ({ key: id, row: store(ctx).users.get(id) }));
}

function updateMany(ctx: RequestContext): Reply {
  const s = store(ctx);
  let items: { key: unknown; row?: UserRow; input: Input }[];
  if (ctx.query.has("ids") || ctx.query.has("external_ids")) {
    const targets = idsOrExternalIds(ctx);
    if (isReply(targets)) return targets;
    const input = objectProperty(ctx.body, "user");
    if (!input) return missingParameter("user");
    items = targets.map((target) => ({ ...target, input }));
  } else {
    const list = arrayProperty(ctx.body, "users");
    if (!list) return missingParameter("users");
    if (list.length > BULK_LIMIT) return tooMany("users");
    items = list.map((item) => {
      const input = typeof item === "object" && item !== null ? (item as Input) : {};
      return { key: input.id, row: typeof input.id === "number" ? s.users.get(input.id) : undefined, input };
    });
  }
  return startJob(ctx, "bulk_update_job", items.length, () =>
    items.map(({ key, row, input }, index): Result => {
      const current = row ? s.users.get(row.id) : undefined;
      if (!current) {
        return failed(index, "update", "UserUpdateFailed", "User not found", typeof key === "number" ? key : undefined);
      }
      const { id: _id, ...changes } = input;
      const prepared = prepareUserWrite(s, changes, current);
      if (!prepared.ok) return failed(index, "update", "UserUpdateFailed", describe(prepared.details), current.id);
      prepared.apply();
      return { index, id: current.id, action: "update", success: true, status: "Updated" };
    }),
  );
}

function destroyMany(ctx: RequestContext): Reply {
  const targets = idsOrExternalIds(ctx);
  if (isReply(targets)) return targets;
  const s = store(ctx);
  return startJob(ctx, "bulk_delete_job", targets.length, () =>
    targets.map(({ key, row }, index): Result => {
      const current = row ? s.users.get(row.id) : undefined;
      if (!current || current.id === s.currentUserId) {
        const reason = current ? "The authenticated user cannot be deleted" : "User not found";
        return failed(index, "delete", "UserDeleteFailed", reason, typeof key === "number" ? key : current?.id);
      }
      softDelete(s, current);
      return { index, id: current.id, action: "delete", success: true, status: "Deleted" };
    }),
  );
}
