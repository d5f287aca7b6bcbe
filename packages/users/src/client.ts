import {
  type CustomFieldMaps,
  createDomainClient,
  type DomainClient,
  type Paginator,
  withHelpers,
  type ZendeskClientOptions,
  type ZendeskDomain,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import type { includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type {
  CallOptions,
  CurrentUser,
  SearchUsersOptions,
  User,
  UserIdentity,
  UserListPage,
  UsersBaseClient,
  UsersBulk,
} from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type UsersClientOptions = ZendeskClientOptions;

/**
 * What the users package adds to a client beside the bulk helpers (under `client.users` on a multi-domain one).
 * Each one-call helper throws core's error for a failed request (`NotFoundError`, `PermissionError`,
 * `ValidationError`…) and a `TypeError` for an argument it cannot send; the finders answer `undefined` (or `[]`)
 * when nobody matches.
 */
export interface UsersHelpers<F extends CustomFieldMaps = CustomFieldMaps> {
  /**
   * The user whose `email` is this address (compared without regard to case), or `undefined`. Searches
   * `email:"…"` and keeps only an exact match, so a partial match or another user's secondary identity is not
   * taken for it. Newly created users can take a minute or two to be searchable.
   */
  findByEmail(email: string, options?: CallOptions): Promise<User<F> | undefined>;
  /** The user with this external id (compared without regard to case, as Zendesk does), or `undefined`. */
  findByExternalId(externalId: string, options?: CallOptions): Promise<User<F> | undefined>;
  /** The users whose name is exactly this one (without regard to case), from every page the search finds. */
  findByName(name: string, options?: CallOptions): Promise<User<F>[]>;
  /**
   * Every user a search finds, a page at a time as you iterate (`for await`), or `.pages()` for whole pages.
   * `query` is Zendesk's search syntax: `name:"Ann Lee"`, `email:ann@example.com`, `tags:vip`, bare words.
   */
  search(query: string, options?: SearchUsersOptions): Paginator<User<F>, UserListPage<F>>;
  /** The user the credentials act as. */
  me(options?: CallOptions): Promise<CurrentUser<F>>;
  /**
   * Merges end user `userId` into end user `intoUserId`: `intoUserId` is kept (and returned) and receives the
   * other's identities and tickets; `userId` is deleted. Both must be end users (422 otherwise). Not reversible.
   */
  merge(userId: number, intoUserId: number, options?: CallOptions): Promise<User<F>>;
  /** Makes the identity the user's primary one of its type; resolves to all the user's identities. */
  makeIdentityPrimary(userId: number, identityId: number, options?: CallOptions): Promise<UserIdentity[]>;
  /**
   * Sets a user's password without the old one. Only admins may, and only when the account's security settings
   * let admins set passwords (`PermissionError` otherwise); a password that breaks the account's rules is a
   * `ValidationError`.
   */
  setPassword(userId: number, password: string, options?: CallOptions): Promise<void>;
}

/**
 * The core client typed with the users paths (`GET`, `POST`… on literal spec paths, `paginate`, `waitForJob`),
 * plus the bulk helpers the spec declares (`createMany`, `createOrUpdateMany`, `updateMany`, `destroyMany`)
 * and the package's helpers. `F`, the app's field maps, types `user_fields` (see `usersOf`).
 */
export type UsersClient<F extends CustomFieldMaps = CustomFieldMaps> = UsersBaseClient<F> &
  UsersBulk<F> &
  UsersHelpers<F>;

type Lookups = typeof import("./lookups.js");
let lookups: Promise<Lookups> | undefined;
// Loaded on the first call of a one-call helper, so that an app that uses none does not carry them.
const load = (): Promise<Lookups> => {
  lookups ??= import("./lookups.js");
  return lookups;
};

function helpers(client: DomainClient<paths, typeof operations>): UsersHelpers {
  const c = client as unknown as UsersBaseClient;
  return {
    findByEmail: async (email, options) => (await load()).findByEmail(c, email, options),
    findByExternalId: async (externalId, options) => (await load()).findByExternalId(c, externalId, options),
    findByName: async (name, options) => (await load()).findByName(c, name, options),
    search(query, options = {}) {
      if (typeof query !== "string" || query.trim() === "") {
        throw new TypeError("search: `query` must be a non-empty string");
      }
      return c.paginate("/api/v2/users/search", { ...options, params: { query: { query } } }) as Paginator<
        User,
        UserListPage
      >;
    },
    me: async (options) => (await load()).me(c, options),
    merge: async (userId, intoUserId, options) => (await load()).merge(c, userId, intoUserId, options),
    makeIdentityPrimary: async (userId, identityId, options) =>
      (await load()).makeIdentityPrimary(c, userId, identityId, options),
    setPassword: async (userId, password, options) => (await load()).setPassword(c, userId, password, options),
  };
}

/**
 * The users domain, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, users] })`, where the helpers are
 * `client.users.findByEmail`, `client.users.createOrUpdateMany` and the like.
 */
export const users = withHelpers(domain, helpers);

/**
 * The users domain typed with the app's own field maps: a user's `user_fields` in responses and in create,
 * update and bulk bodies. The same object as `users` at run time; only its types differ.
 *
 * ```ts
 * type MyFields = { user: { plan: "gold" | "silver"; seats: number } };
 * const zendesk = createZendeskClient({ subdomain, auth, domains: [usersOf<MyFields>()] });
 * ```
 */
export function usersOf<F extends CustomFieldMaps>(): ZendeskDomain<
  "users",
  paths<F>,
  typeof operations,
  UsersHelpers<F>,
  typeof includes
> {
  return users as unknown as ZendeskDomain<"users", paths<F>, typeof operations, UsersHelpers<F>, typeof includes>;
}

/**
 * Makes a client for the user endpoints of one Zendesk account (core's options, checked at once).
 * `createUsersClient<MyFields>(…)` types `user_fields` from the app's field maps.
 *
 * ```ts
 * const zendesk = createUsersClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken } });
 * const ann = await zendesk.findByEmail("ann@example.com");
 * ```
 */
export function createUsersClient<F extends CustomFieldMaps = CustomFieldMaps>(
  options: UsersClientOptions,
): UsersClient<F> {
  return createDomainClient(users, options) as unknown as UsersClient<F>;
}
