// @zenfetch/organizations: the organization endpoints of the Zendesk Support API on @zenfetch/core.
// Everything a user needs is exported from here, core's runtime included, so that
// `@zenfetch/organizations` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  createOrganizationsClient,
  type OrganizationsClient,
  type OrganizationsClientOptions,
  type OrganizationsHelpers,
  organizations,
  organizationsOf,
} from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type {
  AddUserOptions,
  Count,
  JobStatus,
  JobStatusResult,
  Organization,
  OrganizationCallOptions,
  OrganizationCreateInput,
  OrganizationField,
  OrganizationFieldInput,
  OrganizationFieldOption,
  OrganizationFieldType,
  OrganizationInput,
  OrganizationMembership,
  OrganizationMembershipInput,
  OrganizationMerge,
  OrganizationRelatedInformation,
  OrganizationSubscription,
  OrganizationSubscriptionInput,
  OrganizationsBulk,
  OrganizationTagsInput,
  OrganizationUpdateManyItem,
  OrganizationUpsertInput,
  OrganizationUsersOptions,
  OrganizationUsersPage,
  User,
  ZendeskErrorBody,
} from "./types.js";
