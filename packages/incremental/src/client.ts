import {
  type BulkHelpers,
  type CustomFieldMaps,
  createDomainClient,
  createZendeskClient,
  type ZendeskClient,
  type ZendeskClientOptions,
  ZendeskConfigError,
  type ZendeskDomain,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import { type includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/**
 * The core client on the incremental export paths: `GET`, `paginate`… plus what the `export*` helpers need.
 * `F`, the app's field maps, types custom fields (see `incrementalOf`).
 */
export type IncrementalClient<F extends CustomFieldMaps = CustomFieldMaps> = ZendeskClient<
  paths<F>,
  typeof operations,
  typeof includes
>;

/**
 * What the `export*` functions take: an incremental client, or a client shared with other domains that has the
 * incremental domain (`createZendeskClient({ domains: [incrementalOf<MyFields>(), …] })`). `F`, the field maps
 * the client was made with, types the records of the pages.
 */
export type ExportClient<F extends CustomFieldMaps = CustomFieldMaps> =
  | IncrementalClient<F>
  | (IncrementalClient & { readonly incremental: BulkHelpers<paths<F>, typeof operations> });

export interface IncrementalClientOptions extends ZendeskClientOptions {
  /**
   * The account has Zendesk's High Volume API add-on: the same as `budgetPreset: "high-volume"`, which this
   * option is kept as a shorthand for. The exports may then make 30 requests a minute each instead of 10 (the
   * numbers come from the spec; the sample endpoint stays at 10 per 20 minutes).
   */
  highVolume?: boolean;
}

/**
 * Requests a minute each export may make with the High Volume API add-on, as the spec declares it.
 * @deprecated Read the budgets from `operations` (`rateLimit.presets["high-volume"]`); the client applies them
 * itself with `budgetPreset: "high-volume"` (or `highVolume: true`).
 */
export const HIGH_VOLUME_LIMIT =
  operations["GET /api/v2/incremental/tickets/cursor"].rateLimit.presets["high-volume"].limit;

/**
 * A client for Zendesk's incremental exports: every call is typed from the spec, and each export
 * endpoint waits for its own rate limit (10 requests a minute, 30 with `highVolume`) instead of
 * failing on it.
 *
 * ```ts
 * const zendesk = createIncrementalClient({ subdomain: "acme", auth: { email, apiToken } });
 * for await (const page of exportTickets(zendesk, { startTime: new Date("2024-01-01") })) save(page.items);
 * ```
 */
export function createIncrementalClient<F extends CustomFieldMaps = CustomFieldMaps>(
  options: IncrementalClientOptions,
): IncrementalClient<F> {
  // Not an object: core's own check says what to pass.
  if (options === null || typeof options !== "object") return createZendeskClient(options) as IncrementalClient<F>;
  const { highVolume, ...rest } = options;
  if (highVolume !== undefined && typeof highVolume !== "boolean") {
    throw new ZendeskConfigError(
      `createIncrementalClient: \`highVolume\` must be true or false; got ${JSON.stringify(highVolume)}`,
    );
  }
  if (highVolume !== undefined && rest.budgetPreset !== undefined) {
    // Either says the same thing; both at once would leave a reader guessing which one wins.
    throw new ZendeskConfigError(
      `createIncrementalClient: give \`highVolume\` or \`budgetPreset\`, not both (\`highVolume: true\` is \`budgetPreset: "high-volume"\`)`,
    );
  }
  return createDomainClient(incrementalOf<F>(), {
    ...rest,
    ...(highVolume ? { budgetPreset: "high-volume" as const } : {}),
  });
}

/**
 * The incremental exports domain, for a client shared with other domains
 * (`createZendeskClient({ subdomain, auth, domains: [incremental, tickets] })`); the `export*` functions take
 * that client too.
 */
export const incremental = domain;

/** The incremental descriptor seen through the app's field maps. */
export type IncrementalDomain<F extends CustomFieldMaps> = ZendeskDomain<
  "incremental",
  paths<F>,
  typeof operations,
  Record<never, never>,
  typeof includes
>;

/**
 * The incremental domain typed with the app's own field maps: the `custom_fields` of exported tickets, the
 * `user_fields` of exported and sideloaded users, the `organization_fields` of organizations. The same object as
 * `incremental` at run time; only its types differ.
 *
 * ```ts
 * type MyFields = { ticket: { 360001: string }; user: { plan: "gold" | "silver" } };
 * const zendesk = createZendeskClient({ subdomain, auth, domains: [ticketsOf<MyFields>(), incrementalOf<MyFields>()] });
 * ```
 */
export function incrementalOf<F extends CustomFieldMaps>(): IncrementalDomain<F> {
  // The paths exist only as types: the descriptor is the same, seen through the app's maps.
  return domain as unknown as IncrementalDomain<F>;
}
