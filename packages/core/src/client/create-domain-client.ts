import type { ZendeskClientOptions } from "../config/options.js";
import { ZendeskConfigError } from "../errors/config-error.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import { buildClient } from "./build-client.js";
import type { ZendeskClient, ZendeskDomain } from "./types.js";

/**
 * A client for one domain, its helpers on the client itself: what each package's own factory
 * (`createTicketsClient`) returns.
 */
export function createDomainClient<
  Name extends string,
  Paths extends object,
  Ops extends OperationsMeta,
  Helpers extends object,
>(
  domain: ZendeskDomain<Name, Paths, Ops, Helpers>,
  options: ZendeskClientOptions,
): ZendeskClient<Paths, Ops> & Helpers {
  if (options !== null && typeof options === "object" && "domains" in options && options.domains !== undefined) {
    throw new ZendeskConfigError(
      `create a multi-domain client with core's createZendeskClient({ domains }); ${domain.package}'s factory makes a client for its own domain`,
    );
  }
  // One domain needs no merging: its map as it is, its release for the User-Agent.
  const client = buildClient({
    options,
    operations: domain.operations,
    products: [`${domain.name}/${domain.version}`],
  });
  if (domain.helpers) Object.assign(client, domain.helpers(client as never));
  return client as unknown as ZendeskClient<Paths, Ops> & Helpers;
}
