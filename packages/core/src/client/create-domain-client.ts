import type { ZendeskClientOptions } from "../config/options.js";
import { ZendeskConfigError } from "../errors/config-error.js";
import type { BulkHelpers } from "../jobs/bulk/helper-types.js";
import { bulkHelpers } from "../jobs/bulk/helpers.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import { buildClient } from "./build-client.js";
import type { IncludesMeta } from "./includes.js";
import type { ZendeskClient, ZendeskDomain } from "./types.js";

/**
 * A client for one domain, its helpers on the client itself: what each package's own factory
 * (`createTicketsClient`) returns. The helpers are the bulk ones its spec declares (`x-zenfetch-bulk`: see
 * `bulkHelpers`) and the package's own (`withHelpers`).
 */
export function createDomainClient<
  Name extends string,
  Paths extends object,
  Ops extends OperationsMeta,
  Helpers extends object,
  Includes extends IncludesMeta,
>(
  domain: ZendeskDomain<Name, Paths, Ops, Helpers, Includes>,
  options: ZendeskClientOptions,
): ZendeskClient<Paths, Ops, Includes> & BulkHelpers<Paths, Ops> & Helpers {
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
  // The bulk helpers its spec declares, then the package's own.
  Object.assign(client, bulkHelpers(client as never, domain.operations));
  if (domain.helpers) Object.assign(client, domain.helpers(client as never));
  return client as unknown as ZendeskClient<Paths, Ops, Includes> & BulkHelpers<Paths, Ops> & Helpers;
}
