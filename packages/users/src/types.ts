/**
 * Names for the shapes users handle, taken from the generated schema so they
 * never drift from the spec. Nobody should have to write
 * `components["schemas"]["…"]`.
 */
import type {
  BulkHelpers,
  CustomFieldMaps,
  PaginateOptions,
  RequestSchemas,
  ResponseSchemas,
  ZendeskClient,
} from "@zenfetch/core";
import type { HeadersOptions } from "openapi-fetch";
import type { includes, operations } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

type Schemas<F extends CustomFieldMaps = CustomFieldMaps> = ResponseSchemas<components<F>["schemas"]>;
type Inputs<F extends CustomFieldMaps = CustomFieldMaps> = RequestSchemas<components<F>["schemas"]>;

/** The core client on the users paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type UsersBaseClient<F extends CustomFieldMaps = CustomFieldMaps> = ZendeskClient<
  paths<F>,
  typeof operations,
  typeof includes
>;

// --- Users -------------------------------------------------------------------------------------

/** A user (end user, agent or admin) as Zendesk returns it; `user_fields` typed by your `user` map. */
export type User<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["User"];
/** The caller as `GET /api/v2/users/me` returns it (a user plus `authenticity_token`). */
export type CurrentUser<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["CurrentUser"];
/** What `user` takes in `POST /api/v2/users` and each item of `createMany`: `name` required, no `id`. */
export type UserInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["UserCreateInput"];
/** The same as `UserInput`. */
export type UserCreateInput<F extends CustomFieldMaps = CustomFieldMaps> = UserInput<F>;
/** What `user` takes in `PUT /api/v2/users/{user_id}`: only what changes. */
export type UserUpdateInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["UserUpdateInput"];
/** One user of a create-or-update (matched on `external_id`, then `email`; `name` needed for a new one). */
export type UserUpsertInput<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["UserUpsertInput"];
/** One user of `updateMany(items)`: its `id` and its own changes. */
export type UserUpdateManyItem<F extends CustomFieldMaps = CustomFieldMaps> = Inputs<F>["UserUpdateManyItem"];
/** The body of `PUT /api/v2/users/{user_id}/merge`. */
export type UserMergeInput = Inputs["UserMergeInput"];
/** One page of users (list, search), as the client's `paginate` hands out pages. */
export type UserListPage<F extends CustomFieldMaps = CustomFieldMaps> = Schemas<F>["UserListPage"];
/** A user deleted but not yet permanently deleted. */
export type DeletedUser = Schemas["DeletedUser"];
/** What `GET /api/v2/users/{user_id}/related` returns under `user_related`. */
export type UserRelated = Schemas["UserRelated"]["user_related"];
/** One step of a compliance (GDPR) deletion. */
export type UserComplianceDeletionStatus = Schemas["UserComplianceDeletionStatus"];
/** The body of the user tag endpoints (`/api/v2/users/{user_id}/tags`). */
export type UserTagsInput = Inputs["UserTagsInput"];
/** The account's password rules, in words. */
export type UserPasswordRequirements = Schemas["UserPasswordRequirements"]["requirements"];
/** A user's role. */
export type UserRole = User["role"];

// --- Identities ----------------------------------------------------------------------------------

/** One email address, phone number or social/channel account of a user. */
export type UserIdentity = Schemas["UserIdentity"];
/** What `identity` takes when an identity is added. */
export type UserIdentityInput = Inputs["UserIdentityCreateInput"];
/** What `identity` takes when an identity is changed. */
export type UserIdentityUpdateInput = Inputs["UserIdentityUpdateInput"];
/** `email`, `phone_number`, `twitter`… */
export type UserIdentityType = UserIdentity["type"];

// --- Fields --------------------------------------------------------------------------------------

/** A custom field on user profiles. */
export type UserField = Schemas["UserField"];
/** What `user_field` takes in an update (and, with `key`, `type`, `title`, a create). */
export type UserFieldInput = Inputs["UserFieldInput"];
/** What `user_field` takes in a create. */
export type UserFieldCreateInput = Inputs["UserFieldCreateInput"];
/** `text`, `dropdown`, `checkbox`… */
export type UserFieldType = Schemas["UserFieldType"];
/** One choice of a dropdown or multiselect user field. */
export type UserFieldOption = Schemas["UserFieldOption"];
/** A choice to add (or change, with `id`). */
export type UserFieldOptionInput = Inputs["UserFieldOptionInput"];

// --- Jobs, counts, errors ----------------------------------------------------------------------

/** A background job (bulk create, update, delete): core's, the type `waitForJob` returns. */
export type { JobStatus, JobStatusResult } from "@zenfetch/core";
/** The answer of a `…/count` endpoint. */
export type Count = Schemas["Count"];
/** Zendesk's error body. */
export type ZendeskErrorBody = Schemas["Error"] | Schemas["Errors"];

// --- Bulk helpers --------------------------------------------------------------------------------

/**
 * The bulk helpers of a users client, one per job-creating operation the spec declares:
 * `createMany(users)`, `createOrUpdateMany(users)`, `updateMany(users)` or `updateMany(ids, changes)`,
 * `destroyMany(ids)`. Each resolves to one core `BulkResult<number>` (user ids) per item, in input order.
 */
export type UsersBulk<F extends CustomFieldMaps = CustomFieldMaps> = BulkHelpers<paths<F>, typeof operations>;

// --- Helper options ------------------------------------------------------------------------------

/** Options of a single request. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: HeadersOptions;
}

/** Paging options of `search` (core's: `pageSize`, `maxItems`, `maxPages`, `resume`, `signal`, `headers`). */
export type SearchUsersOptions = PaginateOptions;
