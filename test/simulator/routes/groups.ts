/**
 * Groups, group memberships (one at a time and in bulk jobs), default groups, a group's members, a user's groups,
 * and the assignee field's groups and agents: every operation of the groups bundle, over the store's groups state
 * (groups-state.ts) and its users table.
 */
import { isoSeconds } from "../clock.js";
import { badRequest, detail, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import { type GroupMembershipRow, type GroupRow, type GroupsState, groupsOf } from "../groups-state.js";
import type { UserRow } from "../models.js";
import { arraySource, cursorPage, isReply, offsetPage, readPageRequest } from "../pagination.js";
import { userJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
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

export function registerGroupRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/groups", listGroups)
    .add("POST", "/api/v2/groups", createGroup)
    .add("GET", "/api/v2/groups/assignable", (ctx) => listOf(ctx, "groups", state(ctx).list(), groupJson))
    .add("GET", "/api/v2/groups/count", countGroups)
    .add("GET", "/api/v2/groups/{group_id}", showGroup)
    .add("PUT", "/api/v2/groups/{group_id}", updateGroup)
    .add("DELETE", "/api/v2/groups/{group_id}", deleteGroup)
    .add("GET", "/api/v2/groups/{group_id}/users", listGroupUsers)
    .add("GET", "/api/v2/groups/{group_id}/memberships", (ctx) => listGroupMemberships(ctx))
    .add("GET", "/api/v2/groups/{group_id}/memberships/assignable", (ctx) => listGroupMemberships(ctx))
    .add("GET", "/api/v2/users/{user_id}/groups", listUserGroups)
    .add("GET", "/api/v2/users/{user_id}/group_memberships", listUserMemberships)
    .add("PUT", "/api/v2/users/{user_id}/group_memberships/{group_membership_id}/make_default", makeDefault)
    .add("GET", "/api/v2/group_memberships", (ctx) => listMemberships(ctx, [...state(ctx).memberships.values()]))
    .add("POST", "/api/v2/group_memberships", createMembership)
    .add("GET", "/api/v2/group_memberships/assignable", (ctx) => listMemberships(ctx, assignableMemberships(ctx)))
    .add("POST", "/api/v2/group_memberships/create_many", createMany)
    .add("DELETE", "/api/v2/group_memberships/destroy_many", destroyMany)
    .add("GET", "/api/v2/group_memberships/{group_membership_id}", showMembership)
    .add("DELETE", "/api/v2/group_memberships/{group_membership_id}", deleteMembership)
    .add("GET", "/api/lotus/assignables/groups", assigneeGroups)
    .add("GET", "/api/lotus/assignables/groups/{group_id}/agents", assigneeAgents)
    .add("GET", "/api/lotus/assignables/autocomplete", assigneeSearch);
}

const state = (ctx: RequestContext): GroupsState => groupsOf(ctx.sim.store);

// --- JSON ------------------------------------------------------------------------------------------------------

function groupJson(ctx: RequestContext, group: GroupRow) {
  return {
    id: group.id,
    url: `${ctx.origin}/api/v2/groups/${group.id}.json`,
    name: group.name,
    description: group.description,
    default: group.isDefault,
    deleted: group.deleted,
    is_public: group.isPublic,
    created_at: isoSeconds(group.createdAt),
    updated_at: isoSeconds(group.updatedAt),
  };
}

function membershipJson(ctx: RequestContext, row: GroupMembershipRow) {
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/group_memberships/${row.id}.json`,
    user_id: row.userId,
    group_id: row.groupId,
    default: row.isDefault,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

/** A user as the users routes show them, with the default group these memberships give them. */
function memberJson(ctx: RequestContext, user: UserRow) {
  const body = userJson(ctx.origin, user);
  return body.default_group_id === null ? body : { ...body, default_group_id: state(ctx).defaultGroupId(user.id) };
}

// --- Lists ------------------------------------------------------------------------------------------------------

/** A page of `rows` (already in id order) under `key`, by cursor or by offset as the request asks. */
function listOf<T extends { id: number }>(
  ctx: RequestContext,
  key: string,
  rows: T[],
  toJson: (ctx: RequestContext, row: T) => unknown,
): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const present = (row: T) => toJson(ctx, row);
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(rows, (row) => [row.id]),
    );
    if (isReply(page)) return page;
    return json(200, { [key]: page.items.map(present), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end));
  return json(200, {
    [key]: page.items.map(present),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

const byId = <T extends { id: number }>(rows: T[]): T[] => [...rows].sort((a, b) => a.id - b.id);

function listMemberships(ctx: RequestContext, rows: GroupMembershipRow[]): Reply {
  return listOf(ctx, "group_memberships", byId(rows), membershipJson);
}

/** Memberships of the groups the caller may assign to: every live group, for the simulator's admin. */
function assignableMemberships(ctx: RequestContext): GroupMembershipRow[] {
  const groups = state(ctx);
  return [...groups.memberships.values()].filter((row) => groups.live(row.groupId) !== undefined);
}

function listGroups(ctx: RequestContext): Reply {
  const excludeDeleted = ctx.query.get("exclude_deleted") === "true";
  const groups = excludeDeleted ? state(ctx).list() : state(ctx).all();
  return listOf(ctx, "groups", groups, groupJson);
}

function countGroups(ctx: RequestContext): Reply {
  return json(200, { count: { value: state(ctx).list().length, refreshed_at: null } });
}

/** The group named by the path (deleted ones too), or undefined. */
function findGroup(ctx: RequestContext): GroupRow | undefined {
  const id = intParam(ctx, "group_id");
  return id === undefined ? undefined : state(ctx).groups.get(id);
}

function findUser(ctx: RequestContext): UserRow | undefined {
  const id = intParam(ctx, "user_id");
  return id === undefined ? undefined : ctx.sim.store.users.get(id);
}

function listGroupUsers(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (!group) return notFound();
  const users = state(ctx)
    .membershipsOf({ groupId: group.id })
    .map((row) => ctx.sim.store.users.get(row.userId))
    .filter((user): user is UserRow => user !== undefined);
  return listOf(ctx, "users", byId(users), memberJson);
}

function listGroupMemberships(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (!group) return notFound();
  return listMemberships(ctx, state(ctx).membershipsOf({ groupId: group.id }));
}

function listUserGroups(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (!user) return notFound();
  const groups = state(ctx)
    .membershipsOf({ userId: user.id })
    .map((row) => state(ctx).live(row.groupId))
    .filter((group): group is GroupRow => group !== undefined);
  return listOf(ctx, "groups", byId(groups), groupJson);
}

function listUserMemberships(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  if (!user) return notFound();
  return listMemberships(ctx, state(ctx).membershipsOf({ userId: user.id }));
}

// --- Groups -----------------------------------------------------------------------------------------------------

function showGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  return group ? json(200, { group: groupJson(ctx, group) }) : notFound();
}

/** Checks a group body's fields; `current` is the group being changed (none on create). */
function checkGroup(ctx: RequestContext, input: Record<string, unknown>, current?: GroupRow): ValidationDetails {
  const details: ValidationDetails = {};
  const { name, description, is_public: isPublic } = input;
  if (name !== undefined || !current) {
    if (typeof name !== "string" || name.trim() === "") {
      detail(details, "name", "BlankValue", "Name: cannot be blank");
    } else if (
      state(ctx)
        .list()
        .some((group) => group.name === name && group.id !== current?.id)
    ) {
      detail(details, "name", "DuplicateValue", `Name: ${name} is already taken`);
    }
  }
  if (description !== undefined && typeof description !== "string") {
    detail(details, "description", "InvalidValue", "Description: must be text");
  }
  if (isPublic !== undefined && typeof isPublic !== "boolean") {
    detail(details, "is_public", "InvalidValue", "Is public: must be true or false");
  } else if (isPublic === true && current && !current.isPublic) {
    detail(details, "is_public", "InvalidValue", "Is public: a private group cannot be made public");
  }
  return details;
}

function createGroup(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "group");
  if (!input) return missingParameter("group");
  const details = checkGroup(ctx, input);
  if (hasDetails(details)) return recordInvalid(details);
  const group = state(ctx).addGroup({
    name: input.name as string,
    description: typeof input.description === "string" ? input.description : "",
    isPublic: input.is_public !== false,
  });
  return json(201, { group: groupJson(ctx, group) }, { Location: `${ctx.origin}/api/v2/groups/${group.id}.json` });
}

function updateGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (!group || group.deleted) return notFound();
  const input = objectProperty(ctx.body, "group");
  if (!input) return missingParameter("group");
  const details = checkGroup(ctx, input, group);
  if (hasDetails(details)) return recordInvalid(details);
  const changes: Partial<Pick<GroupRow, "name" | "description" | "isPublic">> = {};
  if (typeof input.name === "string") changes.name = input.name;
  if (typeof input.description === "string") changes.description = input.description;
  if (typeof input.is_public === "boolean") changes.isPublic = input.is_public;
  return json(200, { group: groupJson(ctx, state(ctx).updateGroup(group, changes)) });
}

function deleteGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (!group || group.deleted) return notFound();
  state(ctx).deleteGroup(group);
  return noContent();
}

// --- Memberships ------------------------------------------------------------------------------------------------

function findMembership(ctx: RequestContext): GroupMembershipRow | undefined {
  const id = intParam(ctx, "group_membership_id");
  return id === undefined ? undefined : state(ctx).memberships.get(id);
}

function showMembership(ctx: RequestContext): Reply {
  const row = findMembership(ctx);
  return row ? json(200, { group_membership: membershipJson(ctx, row) }) : notFound();
}

/** What is wrong with a membership body: the user must be an agent, the group live, the pair new. */
function checkMembership(ctx: RequestContext, input: unknown): ValidationDetails {
  const details: ValidationDetails = {};
  const item = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const { user_id: userId, group_id: groupId } = item;
  const user = typeof userId === "number" ? ctx.sim.store.users.get(userId) : undefined;
  const group = typeof groupId === "number" ? state(ctx).live(groupId) : undefined;
  if (typeof userId !== "number") detail(details, "user_id", "BlankValue", "User: cannot be blank");
  else if (!user) detail(details, "user_id", "InvalidValue", `User: ${userId} does not exist`);
  else if (user.role === "end-user") detail(details, "user_id", "InvalidValue", "User: must be an agent");
  if (typeof groupId !== "number") detail(details, "group_id", "BlankValue", "Group: cannot be blank");
  else if (!group) detail(details, "group_id", "InvalidValue", `Group: ${groupId} does not exist`);
  if (item.default !== undefined && typeof item.default !== "boolean") {
    detail(details, "default", "InvalidValue", "Default: must be true or false");
  }
  if (user && group && state(ctx).membershipOf(user.id, group.id)) {
    detail(details, "user_id", "DuplicateValue", "User: is already a member of this group");
  }
  return details;
}

function join(ctx: RequestContext, input: Record<string, unknown>): GroupMembershipRow {
  return state(ctx).join(input.user_id as number, input.group_id as number, input.default === true);
}

function createMembership(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "group_membership");
  if (!input) return missingParameter("group_membership");
  const details = checkMembership(ctx, input);
  if (hasDetails(details)) return recordInvalid(details);
  const row = join(ctx, input);
  return json(201, { group_membership: membershipJson(ctx, row) });
}

function deleteMembership(ctx: RequestContext): Reply {
  const row = findMembership(ctx);
  if (!row) return notFound();
  state(ctx).removeMembership(row);
  return noContent();
}

function makeDefault(ctx: RequestContext): Reply {
  const user = findUser(ctx);
  const row = findMembership(ctx);
  if (!user || !row || row.userId !== user.id) return notFound();
  state(ctx).makeDefault(row);
  const rows = byId(state(ctx).membershipsOf({ userId: user.id }));
  return json(200, { group_memberships: rows.map((each) => membershipJson(ctx, each)) });
}

/** Creates each membership when the job runs; an item that cannot be created fails alone, with the reason. */
function createMany(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "group_memberships");
  if (!items) return missingParameter("group_memberships");
  if (items.length === 0) return badRequest("InvalidValue", "group_memberships must not be empty");
  if (items.length > BULK_LIMIT) return tooMany("group_memberships");
  return startJob(ctx, "bulk_create_job", items.length, () =>
    items.map((item, index) => {
      const details = checkMembership(ctx, item);
      if (hasDetails(details)) {
        return {
          index,
          action: "create",
          success: false,
          status: "Failed",
          error: "GroupMembershipCreateFailed",
          details: Object.values(details)
            .flat()
            .map((each) => each.description)
            .join("; "),
        };
      }
      const row = join(ctx, item as Record<string, unknown>);
      return { index, id: row.id, action: "create", success: true, status: "Created" };
    }),
  );
}

/** Removes the memberships at once, as Zendesk does; the job reports each one. */
function destroyMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const groups = state(ctx);
  const results = ids.map((id, index) => {
    const row = groups.memberships.get(id);
    if (!row) {
      return {
        index,
        id,
        action: "delete",
        success: false,
        status: "Failed",
        error: "GroupMembershipDeleteFailed",
        details: "Group membership not found",
      };
    }
    groups.removeMembership(row);
    return { index, id, action: "delete", success: true, status: "Deleted" };
  });
  return startJob(ctx, "bulk_delete_job", ids.length, () => results);
}

// --- The assignee field -----------------------------------------------------------------------------------------

/** An offset page of the assignee field (`page`, `per_page`), items by name then id. */
function assigneePage<T>(ctx: RequestContext, key: string, items: T[]): Reply {
  const page = Number(ctx.query.get("page") ?? 1);
  const perPage = Number(ctx.query.get("per_page") ?? 100);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return badRequest("InvalidPaginationParameter", "page must be a positive integer and per_page from 1 to 100");
  }
  const result = offsetPage(ctx, { mode: "offset", page, perPage }, items.length, (start, end) =>
    items.slice(start, end),
  );
  return json(200, {
    [key]: result.items,
    count: result.count,
    next_page: result.next_page,
    previous_page: result.previous_page,
  });
}

const byName = <T extends { name: string; id: number }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);

/** The agents (admins included) of a live group. */
function agentsOf(ctx: RequestContext, group: GroupRow): UserRow[] {
  return state(ctx)
    .membershipsOf({ groupId: group.id })
    .map((row) => ctx.sim.store.users.get(row.userId))
    .filter((user): user is UserRow => user !== undefined && user.role !== "end-user");
}

function assigneeGroups(ctx: RequestContext): Reply {
  const groups = byName(state(ctx).list()).map((group) => ({
    id: group.id,
    name: group.name,
    description: group.description,
  }));
  return assigneePage(ctx, "groups", groups);
}

function assigneeAgents(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (!group || group.deleted) return notFound();
  const agents = byName(agentsOf(ctx, group)).map((user) => ({ id: user.id, name: user.name, avatar_url: null }));
  return assigneePage(ctx, "agents", agents);
}

function assigneeSearch(ctx: RequestContext): Reply {
  const text = (ctx.query.get("name") ?? "").trim().toLowerCase();
  if (text === "") return missingParameter("name");
  const live = byName(state(ctx).list());
  const groups = live
    .filter((group) => group.name.toLowerCase().includes(text))
    .map((group) => ({ id: group.id, name: group.name }));
  const agents = live.flatMap((group) =>
    byName(agentsOf(ctx, group))
      .filter((user) => user.name.toLowerCase().includes(text))
      .map((user) => ({ id: user.id, name: user.name, group: group.name, group_id: group.id, photo_url: null })),
  );
  return json(200, { agents, groups, count: agents.length + groups.length });
}
