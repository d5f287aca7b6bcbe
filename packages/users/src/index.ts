// @zenfetch/users: the user endpoints of the Zendesk Support API on @zenfetch/core.
// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/users` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  createUsersClient,
  type UsersClient,
  type UsersClientOptions,
  type UsersHelpers,
  users,
  usersOf,
} from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type {
  CallOptions,
  Count,
  CurrentUser,
  DeletedUser,
  JobStatus,
  JobStatusResult,
  SearchUsersOptions,
  User,
  UserComplianceDeletionStatus,
  UserCreateInput,
  UserField,
  UserFieldCreateInput,
  UserFieldInput,
  UserFieldOption,
  UserFieldOptionInput,
  UserFieldType,
  UserIdentity,
  UserIdentityInput,
  UserIdentityType,
  UserIdentityUpdateInput,
  UserInput,
  UserListPage,
  UserMergeInput,
  UserPasswordRequirements,
  UserRelated,
  UserRole,
  UsersBaseClient,
  UsersBulk,
  UserTagsInput,
  UserUpdateInput,
  UserUpdateManyItem,
  UserUpsertInput,
  ZendeskErrorBody,
} from "./types.js";
