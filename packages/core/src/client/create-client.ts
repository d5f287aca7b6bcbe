import type { ZendeskClientOptions } from "../config/options.js";
import { ZendeskConfigError } from "../errors/config-error.js";
import { bulkHelpers } from "../jobs/bulk/helpers.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import { buildClient } from "./build-client.js";
import type { IncludesMeta } from "./includes.js";
import { mergeDomains } from "./merge-domains.js";
import type { AnyDomain, MultiDomainClient, ZendeskClient } from "./types.js";

/**
 * Makes a client for one Zendesk account. Options are checked here: a `ZendeskConfigError` says what to change.
 *
 * With `domains`, one client serves several domain packages: one set of credentials, one limiter, every path of
 * each domain typed, and each domain's helpers under its name:
 *
 * ```ts
 * import { tickets } from "@zenfetch/tickets";
 * import { customObjects } from "@zenfetch/custom-objects";
 *
 * const zendesk = createZendeskClient({ subdomain: "acme", auth, domains: [tickets, customObjects] });
 * const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } }));
 * await zendesk.tickets.createMany(newTickets);
 * for await (const order of zendesk.customObjects.records("order").list()) console.log(order.name);
 * ```
 *
 * Without, it is typed by the `Paths` and `Ops` you give (`createZendeskClient<paths, typeof operations>({ …, operations })`),
 * for a spec of your own.
 */
export function createZendeskClient<const D extends readonly AnyDomain[]>(
  options: ZendeskClientOptions & { domains: D; operations?: undefined },
): MultiDomainClient<D>;
export function createZendeskClient<
  Paths extends object,
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no operations metadata".
  Ops extends OperationsMeta = {},
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
  Includes extends IncludesMeta = {},
>(options: ZendeskClientOptions & { operations?: Ops; domains?: undefined }): ZendeskClient<Paths, Ops, Includes>;
export function createZendeskClient(
  options: ZendeskClientOptions & { operations?: OperationsMeta; domains?: readonly AnyDomain[] },
): unknown {
  if (options?.domains === undefined) {
    return buildClient({ options, operations: options?.operations ?? {}, products: [] });
  }
  if (options.operations !== undefined) {
    throw new ZendeskConfigError("createZendeskClient: give `domains` or `operations`, not both");
  }
  const { operations, products, list } = mergeDomains(options.domains);
  const client = buildClient({ options, operations, products });
  for (const domain of list) {
    // The bulk helpers its spec declares, then the package's own.
    client[domain.name] = {
      ...bulkHelpers(client as never, domain.operations),
      ...(domain.helpers ? domain.helpers(client as never) : {}),
    };
  }
  return client;
}
