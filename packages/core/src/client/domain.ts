import type { OperationsMeta } from "../meta/operation-meta.js";
import type { DomainClient, ZendeskDomain } from "./types.js";

/**
 * Declares a domain: `defineDomain<paths>()({ name: "tickets", package, version, operations })`. The paths are
 * given as a type argument (they exist only as types); everything else is inferred.
 */
export function defineDomain<Paths extends object>() {
  return <const Name extends string, Ops extends OperationsMeta>(domain: {
    name: Name;
    package: string;
    version: string;
    operations: Ops;
  }): ZendeskDomain<Name, Paths, Ops> => domain;
}

/** The domain with helpers of its package's own (they are made once per client, when the client is made). */
export function withHelpers<
  Name extends string,
  Paths extends object,
  Ops extends OperationsMeta,
  Helpers extends object,
>(
  domain: ZendeskDomain<Name, Paths, Ops>,
  helpers: (client: DomainClient<Paths, Ops>) => Helpers,
): ZendeskDomain<Name, Paths, Ops, Helpers> {
  return { ...domain, helpers };
}
