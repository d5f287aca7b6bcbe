// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/groups` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export { createGroupsClient, type GroupsClient, type GroupsClientOptions, groups } from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type {
  AddAgentOptions,
  AssignableAgent,
  AssignableGroup,
  AssigneeSearchAgent,
  AssigneeSearchGroup,
  AssigneeSearchResults,
  BaseClient,
  CallOptions,
  Group,
  GroupCount,
  GroupInput,
  GroupMember,
  GroupMembership,
  GroupMembershipInput,
  GroupsBulk,
  GroupsHelpers,
  GroupUpdateInput,
} from "./types.js";
