import { createDomainClient, type DomainClient, withHelpers, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { BaseClient, GroupsBulk, GroupsHelpers } from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type GroupsClientOptions = ZendeskClientOptions;

/**
 * The core client on the groups paths (`GET`, `POST`, `PUT`, `DELETE`… on literal spec paths, `paginate`,
 * `waitForJob`), plus the bulk helpers the spec declares (`createMany`, `destroyMany` for memberships) and the
 * package's own: `addAgent`, `removeAgent`, `agents`, `setDefault`.
 */
export type GroupsClient = BaseClient & GroupsBulk & GroupsHelpers;

/** The membership helpers, loaded on the first call of one of them. */
const memberships = () => import("./memberships.js");

/**
 * The groups domain, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, groups] })`, where the helpers are
 * `client.groups.addAgent` and the like.
 */
export const groups = withHelpers(domain, (client: DomainClient<paths, typeof operations>): GroupsHelpers => {
  const base = client as unknown as BaseClient;
  return {
    addAgent: async (groupId, userId, options) => (await memberships()).addAgent(base, groupId, userId, options),
    removeAgent: async (groupId, userId, options) => (await memberships()).removeAgent(base, groupId, userId, options),
    setDefault: async (userId, groupId, options) => (await memberships()).setDefault(base, userId, groupId, options),
    agents: (groupId, options = {}) =>
      base.paginate("/api/v2/groups/{group_id}/users", { params: { path: { group_id: groupId } }, ...options }),
  };
});

/**
 * Makes a client for the groups endpoints of one Zendesk account. Takes the same options as core's
 * `createZendeskClient` and checks them at once (`ZendeskConfigError` says what to change).
 *
 * ```ts
 * const zendesk = createGroupsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken } });
 * await zendesk.addAgent(9001, 42);
 * for await (const user of zendesk.agents(9001)) console.log(user.name);
 * ```
 */
export function createGroupsClient(options: GroupsClientOptions): GroupsClient {
  return createDomainClient(groups, options);
}
