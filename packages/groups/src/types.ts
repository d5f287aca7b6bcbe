/**
 * Names for the shapes users handle, taken from the generated schema so they
 * never drift from the spec. Nobody should have to write
 * `components["schemas"]["…"]`.
 */
import type {
  BulkHelpers,
  PaginateOptions,
  Paginator,
  RequestSchemas,
  ResponseSchemas,
  ZendeskClient,
} from "@zenfetch/core";
import type { HeadersOptions } from "openapi-fetch";
import type { includes, operations } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

type Schemas = ResponseSchemas<components["schemas"]>;
type Inputs = RequestSchemas<components["schemas"]>;

/** The core client on the groups paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type BaseClient = ZendeskClient<paths, typeof operations, typeof includes>;

/**
 * The bulk helpers the spec declares for this domain, from core's engine: `createMany(memberships)` and
 * `destroyMany(membershipIds)`, each taking any number of items and resolving to one result per item.
 */
export type GroupsBulk = BulkHelpers<paths, typeof operations>;

// --- Groups ------------------------------------------------------------------------------------

/** A group as Zendesk returns it; a deleted one is still readable, with `deleted: true`. */
export type Group = Schemas["Group"];
/** What `group` takes in `POST /api/v2/groups`: `name` is required. */
export type GroupInput = Inputs["GroupInput"];
/** What `group` takes in `PUT /api/v2/groups/{group_id}`: only what changes. */
export type GroupUpdateInput = Inputs["GroupUpdateInput"];
/** `{ value, refreshed_at }`: the group count, which Zendesk may have computed a while ago. */
export type GroupCount = Schemas["Count"]["count"];

// --- Memberships ---------------------------------------------------------------------------------

/** One agent's place in one group; `default` marks the agent's default group. */
export type GroupMembership = Schemas["GroupMembership"];
/** What `group_membership` takes in `POST /api/v2/group_memberships`, and each item of `createMany`. */
export type GroupMembershipInput = Inputs["GroupMembershipInput"];

/** A member of a group, as `agents(groupId)` lists them: a Zendesk user. */
export type GroupMember = Schemas["User"];

// --- The assignee field --------------------------------------------------------------------------

/** A group the ticket assignee field offers (`/api/lotus/assignables/groups.json`). */
export type AssignableGroup = Schemas["AssignableGroup"];
/** An agent the ticket assignee field offers under a group. */
export type AssignableAgent = Schemas["AssignableAgent"];
/** The answer of the assignee field's search by name: `agents` (one entry per group), `groups`, `count`. */
export type AssigneeSearchResults = Schemas["AssigneeSearchResults"];
/** An agent found by the assignee field's search, with the group the entry is for. */
export type AssigneeSearchAgent = Schemas["AssigneeSearchAgent"];
/** A group found by the assignee field's search. */
export type AssigneeSearchGroup = Schemas["AssigneeSearchGroup"];

// --- Helpers' options ----------------------------------------------------------------------------

/** Options of a single request. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: HeadersOptions;
}

export interface AddAgentOptions extends CallOptions {
  /**
   * Make the group the agent's default (the group a ticket assigned to the agent alone goes to). When the agent
   * is in the group already, their existing membership is made the default.
   */
  default?: boolean;
}

/** What the groups package adds to a client beside the bulk helpers (under `client.groups` on a multi-domain one). */
export interface GroupsHelpers {
  /**
   * Puts an agent in a group and resolves to the membership. An agent who is in the group already is not an
   * error: their existing membership comes back (made the default first when `default` is true). Anything
   * else Zendesk refuses (an end user, a missing group) rejects with a `ValidationError`.
   */
  addAgent(groupId: number, userId: number, options?: AddAgentOptions): Promise<GroupMembership>;
  /**
   * Takes an agent out of a group: finds their membership and deletes it. Resolves to the membership removed,
   * or to `undefined` when the agent was not in the group (also when the membership went away between the
   * lookup and the deletion); that is not an error.
   */
  removeAgent(groupId: number, userId: number, options?: CallOptions): Promise<GroupMembership | undefined>;
  /**
   * The members of a group, a page at a time as you iterate (`for await (const user of client.agents(9))`);
   * `.pages()` gives the whole pages.
   */
  agents(groupId: number, options?: PaginateOptions): Paginator<GroupMember, Schemas["GroupUsersPage"]>;
  /**
   * Makes a group the agent's default and resolves to that membership, now `default: true` (the agent's other
   * memberships lose it). Rejects with a `NotFoundError` when the agent is not in the group, without sending
   * the change: add them first with `addAgent(groupId, userId, { default: true })`.
   */
  setDefault(userId: number, groupId: number, options?: CallOptions): Promise<GroupMembership>;
}
