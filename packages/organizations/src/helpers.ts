// The organizations helpers that make a request, loaded on their first call.
import { type DomainClient, unwrap } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { AddUserOptions, Organization, OrganizationCallOptions, OrganizationMembership } from "./types.js";

type Client = DomainClient<paths, typeof operations>;

/** The first organization the search endpoint finds for an exact name or external id, or undefined. */
export async function findOne(
  client: Client,
  query: { name: string } | { external_id: string },
  options: OrganizationCallOptions = {},
): Promise<Organization | undefined> {
  const value = "name" in query ? query.name : query.external_id;
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`${"name" in query ? "findByName" : "findByExternalId"}: give a non-empty string`);
  }
  const { organizations } = unwrap(
    await client.GET("/api/v2/organizations/search", { params: { query }, signal: options.signal }),
  );
  // Zendesk matches external ids case-insensitively and names exactly; the first match is the one.
  return organizations[0];
}

export async function addUser(
  client: Client,
  organizationId: number,
  userId: number,
  options: AddUserOptions = {},
): Promise<OrganizationMembership> {
  const membership = {
    user_id: userId,
    organization_id: organizationId,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
  const { organization_membership } = unwrap(
    await client.POST("/api/v2/organization_memberships", {
      body: { organization_membership: membership },
      signal: options.signal,
    }),
  );
  return organization_membership;
}

export async function removeUser(
  client: Client,
  organizationId: number,
  userId: number,
  options: OrganizationCallOptions = {},
): Promise<void> {
  unwrap(
    await client.DELETE("/api/v2/users/{user_id}/organizations/{organization_id}", {
      params: { path: { user_id: userId, organization_id: organizationId } },
      signal: options.signal,
    }),
  );
}
