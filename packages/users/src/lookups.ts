// The users package's one-call helpers, loaded on first use (client.ts imports this module lazily).
import { type CustomFieldMaps, callInit, requireId, requireText, unwrap } from "@zenfetch/core";
import type { CallOptions, CurrentUser, User, UserIdentity, UsersBaseClient } from "./types.js";

/**
 * A value as one term of Zendesk's search syntax: in double quotes, with `\` and `"` escaped, so that spaces,
 * colons, `+`, `-` and quotes in it are searched for rather than read as syntax.
 */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

type Client = UsersBaseClient;

/**
 * The users a search finds that pass `keep`, a page of 100 at a time, stopping at the first one when `first` is
 * set. Zendesk's search matches loosely, so the exact match may come after many near ones.
 */
async function searchFor(
  client: Client,
  query: Record<string, string>,
  keep: (user: User) => boolean,
  first: boolean,
  options: CallOptions = {},
): Promise<User[]> {
  const out: User[] = [];
  const pages = client.paginate("/api/v2/users/search", { params: { query }, pageSize: 100, ...callInit(options) });
  for await (const user of pages) {
    if (!keep(user)) continue;
    out.push(user);
    if (first) break;
  }
  return out;
}

export async function findByEmail<F extends CustomFieldMaps>(
  client: Client,
  email: string,
  options?: CallOptions,
): Promise<User<F> | undefined> {
  const wanted = requireText("findByEmail", "email", email).trim().toLowerCase();
  // Only the user whose email is this one: not a longer address that contains it, nor another user's identity.
  const [found] = await searchFor(
    client,
    { query: `email:${quoteSearchValue(wanted)}` },
    (user) => user.email?.toLowerCase() === wanted,
    true,
    options,
  );
  return found as unknown as User<F> | undefined;
}

export async function findByExternalId<F extends CustomFieldMaps>(
  client: Client,
  externalId: string,
  options?: CallOptions,
): Promise<User<F> | undefined> {
  const wanted = requireText("findByExternalId", "externalId", externalId);
  // Zendesk compares external ids without regard to case.
  const [found] = await searchFor(
    client,
    { external_id: wanted },
    (user) => user.external_id?.toLowerCase() === wanted.toLowerCase(),
    true,
    options,
  );
  return found as unknown as User<F> | undefined;
}

export async function findByName<F extends CustomFieldMaps>(
  client: Client,
  name: string,
  options?: CallOptions,
): Promise<User<F>[]> {
  const wanted = requireText("findByName", "name", name).trim();
  const folded = wanted.toLowerCase();
  const found = await searchFor(
    client,
    { query: `name:${quoteSearchValue(wanted)}` },
    (user) => user.name.toLowerCase() === folded,
    false,
    options,
  );
  return found as unknown as User<F>[];
}

export async function me<F extends CustomFieldMaps>(client: Client, options?: CallOptions): Promise<CurrentUser<F>> {
  return unwrap(await client.GET("/api/v2/users/me", { ...callInit(options) })).user as unknown as CurrentUser<F>;
}

export async function merge<F extends CustomFieldMaps>(
  client: Client,
  sourceId: number,
  intoUserId: number,
  options?: CallOptions,
): Promise<User<F>> {
  const path = { user_id: requireId("merge", "userId", sourceId) };
  const into = requireId("merge", "intoUserId", intoUserId);
  if (into === path.user_id) throw new TypeError("merge: a user cannot be merged into itself");
  const body = { user: { id: into } };
  return unwrap(await client.PUT("/api/v2/users/{user_id}/merge", { params: { path }, body, ...callInit(options) }))
    .user as unknown as User<F>;
}

export async function makeIdentityPrimary(
  client: Client,
  user: number,
  identity: number,
  options?: CallOptions,
): Promise<UserIdentity[]> {
  const path = {
    user_id: requireId("makeIdentityPrimary", "userId", user),
    user_identity_id: requireId("makeIdentityPrimary", "identityId", identity),
  };
  return unwrap(
    await client.PUT("/api/v2/users/{user_id}/identities/{user_identity_id}/make_primary", {
      params: { path },
      ...callInit(options),
    }),
  ).identities;
}

export async function setPassword(
  client: Client,
  user: number,
  password: string,
  options?: CallOptions,
): Promise<void> {
  const path = { user_id: requireId("setPassword", "userId", user) };
  if (typeof password !== "string" || password === "") {
    throw new TypeError("setPassword: `password` must be a non-empty string");
  }
  unwrap(
    await client.POST("/api/v2/users/{user_id}/password", {
      params: { path },
      body: { password },
      ...callInit(options),
    }),
  );
}
