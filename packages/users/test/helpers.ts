import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createUsersClient, type User, type UsersClientOptions } from "../src/index.js";

export const ORIGIN = "https://acme.zendesk.com";

/** The user fields the tests declare. */
export interface AppFields {
  user: { plan: "gold" | "silver"; seats: number };
}

/** nock on fetch for the whole file: no real network, and every mocked request must be made. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, "mocked requests that were never made").toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export const zendesk = () => nock(ORIGIN);

/** A client of https://acme.zendesk.com with the user fields typed and no retries. */
export function testClient(options: Partial<UsersClientOptions> = {}) {
  return createUsersClient<AppFields>({
    subdomain: "acme",
    auth: { email: "agent@acme.test", apiToken: "tok_secret" },
    retry: false,
    ...options,
  });
}

/** A user as Zendesk sends it. */
export function user(id: number, fields: Partial<User> = {}): User {
  return {
    id,
    url: `${ORIGIN}/api/v2/users/${id}.json`,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    alias: null,
    active: true,
    role: "end-user",
    role_type: null,
    custom_role_id: null,
    organization_id: null,
    external_id: null,
    details: null,
    notes: null,
    phone: null,
    photo: null,
    locale: "en-US",
    locale_id: 1,
    time_zone: "Eastern Time (US & Canada)",
    iana_time_zone: "America/New_York",
    moderator: false,
    only_private_comments: false,
    restricted_agent: false,
    shared: false,
    shared_agent: false,
    suspended: false,
    tags: [],
    ticket_restriction: "requested",
    user_fields: {},
    verified: true,
    last_login_at: null,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    ...fields,
  } as User;
}

/** A cursor page of users with no more after it. */
export const lastPage = (users: User[]) => ({
  users,
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { next: null, prev: null },
});

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
