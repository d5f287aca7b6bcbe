import type { OperationsMeta } from "../meta/operation-meta.js";
import type { IncludesMeta } from "./includes.js";
import type { DomainClient, ZendeskDomain } from "./types.js";

/**
 * Declares a domain: `defineDomain<paths, typeof includes>()({ name: "tickets", package, version, operations })`.
 * The paths and the include map are given as type arguments (they exist only as types); everything else is
 * inferred.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
export function defineDomain<Paths extends object, Includes extends IncludesMeta = {}>() {
  return <const Name extends string, Ops extends OperationsMeta>(domain: {
    name: Name;
    package: string;
    version: string;
    operations: Ops;
    // biome-ignore lint/complexity/noBannedTypes: no helpers.
  }): ZendeskDomain<Name, Paths, Ops, {}, Includes> => domain;
}

/** The domain with helpers of its package's own (they are made once per client, when the client is made). */
export function withHelpers<
  Name extends string,
  Paths extends object,
  Ops extends OperationsMeta,
  Helpers extends object,
  Includes extends IncludesMeta,
>(
  // biome-ignore lint/complexity/noBannedTypes: a domain without helpers yet.
  domain: ZendeskDomain<Name, Paths, Ops, {}, Includes>,
  helpers: (client: DomainClient<Paths, Ops>) => Helpers,
): ZendeskDomain<Name, Paths, Ops, Helpers, Includes> {
  return { ...domain, helpers };
}
