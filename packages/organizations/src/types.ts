/**
 * Names for the shapes users handle, taken from the generated schema so they never drift from the spec. Nobody
 * should have to write `components["schemas"]["…"]`. `F`, the app's custom field maps, types `organization_fields`
 * (and a listed user's `user_fields`).
 */
import type { BulkHelpers, CustomFieldMaps, PaginateOptions, RequestSchemas, ResponseSchemas } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;
type Inputs<F extends CustomFieldMaps = CustomFieldMaps> = RequestSchemas<components<F>["schemas"]>;

// --- Organizations -------------------------------------------------------------------------------

/** An organization as Zendesk returns it (show, lists, search, create, update). */
export type Organization<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["Organization"];
/** What `organization` takes in an update (`PUT /api/v2/organizations/{organization_id}`): only what changes. */
export type OrganizationInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["OrganizationInput"];
/** What `organization` takes in `POST /api/v2/organizations` and each item of `createMany`: `name` is required. */
export type OrganizationCreateInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["OrganizationCreateInput"];
/** One organization of `updateMany(items)`: its `id` and its own changes. */
export type OrganizationUpdateManyItem<F extends CustomFieldMaps = CustomFieldMaps> =
  Inputs<F>["OrganizationUpdateManyItem"];
/** The body of `POST /api/v2/organizations/create_or_update`: matched on `id`, else `external_id`. */
export type OrganizationUpsertInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["OrganizationUpsertInput"];
/** `{ tickets_count, users_count }` of `GET /api/v2/organizations/{organization_id}/related`. */
export type OrganizationRelatedInformation = Schemas["OrganizationRelatedInformation"];
/** The body of the tag endpoints (`/api/v2/organizations/{organization_id}/tags`). */
export type OrganizationTagsInput = Inputs["OrganizationTagsInput"];
/** A merge of one organization into another, and where it stands. */
export type OrganizationMerge = Schemas["OrganizationMerge"];

// --- Memberships ---------------------------------------------------------------------------------

/** A user's place in an organization; `default` is true for the user's default organization (else null). */
export type OrganizationMembership = Schemas["OrganizationMembership"];
/** A membership to create (`POST /api/v2/organization_memberships`, each item of `createManyMemberships`). */
export type OrganizationMembershipInput = Inputs["OrganizationMembershipInput"];

// --- Fields and subscriptions --------------------------------------------------------------------

/** A custom organization field (its values live in each organization's `organization_fields`, by `key`). */
export type OrganizationField = Schemas["OrganizationField"];
/** The writable part of an organization field (`key` and `type` on create only). */
export type OrganizationFieldInput = Inputs["OrganizationFieldInput"];
/** `checkbox`, `date`, `decimal`, `dropdown`, `integer`, `lookup`, `multiselect`, `regexp`, `text`, `textarea`. */
export type OrganizationFieldType = Schemas["OrganizationFieldType"];
/** One choice of a dropdown or multiselect organization field. */
export type OrganizationFieldOption = Schemas["OrganizationFieldOption"];
/** A user following an organization's tickets. */
export type OrganizationSubscription = Schemas["OrganizationSubscription"];
/** The body of `POST /api/v2/organization_subscriptions`. */
export type OrganizationSubscriptionInput = Inputs["OrganizationSubscriptionInput"];

// --- People, counts, errors ----------------------------------------------------------------------

/** A Support user, as `users(organizationId)` yields them. */
export type User<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["User"];
/** The answer of a `…/count` endpoint. */
export type Count = Schemas["Count"];
/** A background job (bulk create, update, delete): core's, the type `waitForJob` returns. */
export type { JobStatus, JobStatusResult } from "@zenfetch/core";
/** Zendesk's error body (`{ error, description, details }`). */
export type ZendeskErrorBody = Schemas["Error"];

// --- Helper options -----------------------------------------------------------------------------

/** Options of the helpers that make one request. */
export interface OrganizationCallOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** Options of `addUser`. */
export interface AddUserOptions extends OrganizationCallOptions {
  /** Make the organization the user's default one (a user without any organization gets it as default anyway). */
  default?: boolean;
}

/** Options of `users(organizationId)`: core's paging options, and a role to keep. */
export interface OrganizationUsersOptions extends PaginateOptions {
  /** Only users with this role. */
  role?: "end-user" | "agent" | "admin";
}

/** One page of `users(organizationId).pages()`. */
export type OrganizationUsersPage<F extends CustomFieldMaps = CustomFieldMaps> = {
  users: User<F>[];
} & Record<string, unknown>;

// --- Bulk helpers --------------------------------------------------------------------------------

/**
 * The bulk helpers the spec declares, one per job-creating operation: `createMany(organizations)`,
 * `updateMany(items)` or `updateMany(ids, changes)`, `destroyMany(ids)`, `destroyManyByExternalId(externalIds)`,
 * `createManyMemberships(memberships)`, `destroyManyMemberships(ids)`. Each resolves to one core `BulkResult` per
 * item, in input order.
 */
export type OrganizationsBulk<F extends CustomFieldMaps = CustomFieldMaps> = BulkHelpers<paths<F>, typeof operations>;
