import {
  type CustomFieldMaps,
  createDomainClient,
  type DomainClient,
  type Paginator,
  withHelpers,
  type ZendeskClient,
  type ZendeskClientOptions,
  type ZendeskDomain,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type {
  AddUserOptions,
  Organization,
  OrganizationCallOptions,
  OrganizationMembership,
  OrganizationsBulk,
  OrganizationUsersOptions,
  OrganizationUsersPage,
  User,
} from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type OrganizationsClientOptions = ZendeskClientOptions;

/** What the organizations package adds to a client beside the bulk helpers (under `client.organizations` on a multi-domain one). */
export interface OrganizationsHelpers<F extends CustomFieldMaps = CustomFieldMaps> {
  /**
   * The organization whose external id is `externalId` (Zendesk matches it case-insensitively), or undefined.
   * One request to the organizations search endpoint.
   */
  findByExternalId(externalId: string, options?: OrganizationCallOptions): Promise<Organization<F> | undefined>;
  /** The organization named exactly `name` (names are unique), or undefined. One request to the search endpoint. */
  findByName(name: string, options?: OrganizationCallOptions): Promise<Organization<F> | undefined>;
  /**
   * The users of an organization (every member, whether or not it is their default organization), a page at a
   * time by cursor: `for await (const user of client.users(42))`, or `.pages()` for whole pages. `{ role }` keeps
   * the users with that role.
   */
  users(organizationId: number, options?: OrganizationUsersOptions): Paginator<User<F>, OrganizationUsersPage<F>>;
  /**
   * Puts a user in an organization and resolves to the new membership. A user without an organization gets it
   * as their default; `{ default: true }` makes it the default anyway.
   */
  addUser(organizationId: number, userId: number, options?: AddUserOptions): Promise<OrganizationMembership>;
  /**
   * Takes a user out of an organization (their membership of it is deleted; when it was their default they are
   * left without one). Rejects with a `NotFoundError` when the user is not in it.
   */
  removeUser(organizationId: number, userId: number, options?: OrganizationCallOptions): Promise<void>;
}

/**
 * The core client typed with the organizations paths (`GET`, `POST`, `PUT`, `DELETE`… on literal spec paths,
 * `paginate`, `waitForJob`, `waitForJobs`), plus the bulk helpers the spec declares (`createMany`, `updateMany`,
 * `destroyMany`, `destroyManyByExternalId`, `createManyMemberships`, `destroyManyMemberships`) and the package's
 * own helpers. `F`, the app's field maps, types `organization_fields` (see `organizationsOf`).
 */
export type OrganizationsClient<F extends CustomFieldMaps = CustomFieldMaps> = ZendeskClient<
  paths<F>,
  typeof operations,
  typeof includes
> &
  OrganizationsBulk<F> &
  OrganizationsHelpers<F>;

type Base = DomainClient<paths, typeof operations>;

/** The helpers of one client. The request-making ones load their module on first use. */
function helpers(client: Base): OrganizationsHelpers {
  const load = () => import("./helpers.js");
  return {
    findByExternalId: async (externalId, options) =>
      (await load()).findOne(client, { external_id: externalId }, options),
    findByName: async (name, options) => (await load()).findOne(client, { name }, options),
    users: (organizationId, { role, ...options } = {}) =>
      client.paginate("/api/v2/organizations/{organization_id}/users", {
        params: { path: { organization_id: organizationId }, ...(role === undefined ? {} : { query: { role } }) },
        ...options,
      }) as unknown as Paginator<User, OrganizationUsersPage>,
    addUser: async (organizationId, userId, options) => (await load()).addUser(client, organizationId, userId, options),
    removeUser: async (organizationId, userId, options) =>
      (await load()).removeUser(client, organizationId, userId, options),
  };
}

/**
 * The organizations domain, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, organizations] })`, where its helpers are
 * `client.organizations.createMany`, `client.organizations.users(42)` and the like.
 */
export const organizations = withHelpers(domain, helpers);

/**
 * The organizations domain typed with the app's own field maps: an organization's `organization_fields` (in
 * responses and in create, update and bulk bodies) and a listed user's `user_fields`. The same object as
 * `organizations` at run time; only its types differ.
 *
 * ```ts
 * type MyFields = { organization: { region: "eu" | "us"; seats: number } };
 * const zendesk = createZendeskClient({ subdomain, auth, domains: [organizationsOf<MyFields>()] });
 * ```
 */
export function organizationsOf<F extends CustomFieldMaps>(): ZendeskDomain<
  "organizations",
  paths<F>,
  typeof operations,
  OrganizationsHelpers<F>,
  typeof includes
> {
  // The paths exist only as types: the descriptor is the same, seen through the app's maps.
  return organizations as unknown as ZendeskDomain<
    "organizations",
    paths<F>,
    typeof operations,
    OrganizationsHelpers<F>,
    typeof includes
  >;
}

/**
 * Makes a client for the organization endpoints of one Zendesk account. Takes the same options as core's
 * `createZendeskClient` and checks them at once (`ZendeskConfigError` says what to change).
 * `createOrganizationsClient<MyFields>(…)` types `organization_fields` from the app's field maps.
 *
 * ```ts
 * const zendesk = createOrganizationsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken } });
 * const acme = await zendesk.findByExternalId("acme-1");
 * ```
 */
export function createOrganizationsClient<F extends CustomFieldMaps = CustomFieldMaps>(
  options: OrganizationsClientOptions,
): OrganizationsClient<F> {
  // The maps exist only as types: the plain descriptor, seen through them.
  return createDomainClient(organizations, options) as unknown as OrganizationsClient<F>;
}
