// The membership helpers: addAgent, removeAgent and setDefault. Loaded on the first call of one of them, so that
// an app that only reads groups does not carry them.
import { callInit, errorFromResponse, isNotFoundError, NotFoundError, requireId, unwrap } from "@zenfetch/core";
import type { AddAgentOptions, BaseClient, CallOptions, GroupMembership } from "./types.js";

/** The agent's membership of the group, from the agent's own memberships (an agent has a few), or undefined. */
async function findMembership(
  client: BaseClient,
  groupId: number,
  userId: number,
  options: CallOptions = {},
): Promise<GroupMembership | undefined> {
  const memberships = client.paginate("/api/v2/users/{user_id}/group_memberships", {
    params: { path: { user_id: userId } },
    ...callInit(options),
  });
  for await (const membership of memberships) {
    if (membership.group_id === groupId) return membership;
  }
  return undefined;
}

/** Makes a membership the default; the answer lists all of the agent's memberships, this one among them. */
async function makeDefault(
  client: BaseClient,
  membership: GroupMembership,
  options: CallOptions = {},
): Promise<GroupMembership> {
  const params = { path: { user_id: membership.user_id, group_membership_id: membership.id } };
  const { group_memberships } = unwrap(
    await client.PUT("/api/v2/users/{user_id}/group_memberships/{group_membership_id}/make_default", {
      params,
      ...callInit(options),
    }),
  );
  return group_memberships.find((each) => each.id === membership.id) ?? { ...membership, default: true };
}

export async function addAgent(
  client: BaseClient,
  groupId: number,
  userId: number,
  options: AddAgentOptions = {},
): Promise<GroupMembership> {
  const group_id = requireId("addAgent", "groupId", groupId);
  const user_id = requireId("addAgent", "userId", userId);
  const group_membership =
    options.default === undefined ? { user_id, group_id } : { user_id, group_id, default: options.default };
  const result = await client.POST("/api/v2/group_memberships", { body: { group_membership }, ...callInit(options) });
  if (result.response.ok && result.data) return result.data.group_membership;
  // Zendesk refuses a second membership of the same pair with 422, as it refuses an end user or a missing group:
  // only the agent's memberships tell them apart.
  if (result.response.status === 422) {
    // A user who does not exist has no memberships to read: the 422 is the answer then.
    const existing = await findMembership(client, group_id, user_id, options).catch((error: unknown) => {
      if (isNotFoundError(error)) return undefined;
      throw error;
    });
    if (existing) return options.default && !existing.default ? makeDefault(client, existing, options) : existing;
  }
  throw errorFromResponse(result.response, result.error);
}

export async function removeAgent(
  client: BaseClient,
  groupId: number,
  userId: number,
  options: CallOptions = {},
): Promise<GroupMembership | undefined> {
  const existing = await findMembership(
    client,
    requireId("removeAgent", "groupId", groupId),
    requireId("removeAgent", "userId", userId),
    options,
  );
  if (!existing) return undefined;
  const result = await client.DELETE("/api/v2/group_memberships/{group_membership_id}", {
    params: { path: { group_membership_id: existing.id } },
    ...callInit(options),
  });
  // Gone since the lookup (removed by someone else): the agent is not in the group, which is what was asked.
  if (result.response.status === 404) return undefined;
  unwrap(result);
  return existing;
}

export async function setDefault(
  client: BaseClient,
  userId: number,
  groupId: number,
  options: CallOptions = {},
): Promise<GroupMembership> {
  const user = requireId("setDefault", "userId", userId);
  const group = requireId("setDefault", "groupId", groupId);
  const existing = await findMembership(client, group, user, options);
  if (!existing) {
    const message = `setDefault: user ${user} is not a member of group ${group}; add them with addAgent(${group}, ${user}, { default: true })`;
    throw new NotFoundError(message, { status: 404, error: "RecordNotFound", description: message });
  }
  return makeDefault(client, existing, options);
}
