// The users package's one-call helpers, loaded on first use (client.ts imports this module lazily).
import { type CustomFieldMaps, unwrap } from "@zenfetch/core";
import type { CallOptions, CurrentUser, User, UserIdentity, UsersBaseClient } from "./types.js";

const callInit = ({ signal, headers }: CallOptions = {}) => ({
  ...(signal ? { signal } : {}),
  ...(headers ? { headers } : {}),
});

function nonEmpty(label: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(
      `${label}: \`${name}\` must be a non-empty string; got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

function userId(label: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `${label}: \`${name}\` must be a positive whole number; got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/**
 * A value as one term of Zendesk's search syntax: in double quotes, with `\` and `"` escaped, so that spaces,
 * colons, `+`, `-` and quotes in it are searched for rather than read as syntax.
 */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

type Client = UsersBaseClient;

/** Up to the first 100 users a search query finds (one page: lookups by a unique value need no more). */
async function searchPage(client: Client, query: Record<string, string>, options?: CallOptions): Promise<User[]> {
  const params = { query: { ...query, "page[size]": 100 } };
  return unwrap(await client.GET("/api/v2/users/search", { params, ...callInit(options) })).users;
}

export async function findByEmail<F extends CustomFieldMaps>(
  client: Client,
  email: string,
  options?: CallOptions,
): Promise<User<F> | undefined> {
  const wanted = nonEmpty("findByEmail", "email", email).trim().toLowerCase();
  const users = await searchPage(client, { query: `email:${quoteSearchValue(wanted)}` }, options);
  // The search matches loosely (parts of addresses, other identities): only the user whose email is this one.
  return users.find((user) => user.email?.toLowerCase() === wanted) as unknown as User<F> | undefined;
}

export async function findByExternalId<F extends CustomFieldMaps>(
  client: Client,
  externalId: string,
  options?: CallOptions,
): Promise<User<F> | undefined> {
  const wanted = nonEmpty("findByExternalId", "externalId", externalId);
  const users = await searchPage(client, { external_id: wanted }, options);
  // Zendesk compares external ids without regard to case.
  return users.find((user) => user.external_id?.toLowerCase() === wanted.toLowerCase()) as unknown as
    | User<F>
    | undefined;
}

export async function findByName<F extends CustomFieldMaps>(
  client: Client,
  name: string,
  options?: CallOptions,
): Promise<User<F>[]> {
  const wanted = nonEmpty("findByName", "name", name).trim();
  const users = await searchPage(client, { query: `name:${quoteSearchValue(wanted)}` }, options);
  const folded = wanted.toLowerCase();
  return users.filter((user) => user.name.toLowerCase() === folded) as unknown as User<F>[];
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
  const path = { user_id: userId("merge", "userId", sourceId) };
  const into = userId("merge", "intoUserId", intoUserId);
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
    user_id: userId("makeIdentityPrimary", "userId", user),
    user_identity_id: userId("makeIdentityPrimary", "identityId", identity),
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
  const path = { user_id: userId("setPassword", "userId", user) };
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
