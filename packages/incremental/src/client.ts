import {
  createDomainClient,
  createZendeskClient,
  type ZendeskClient,
  type ZendeskClientOptions,
  ZendeskConfigError,
} from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import { type includes, operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The core client on the incremental export paths: `GET`, `paginate`… plus what the `export*` helpers need. */
export type IncrementalClient = ZendeskClient<paths, typeof operations, typeof includes>;

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
export function createIncrementalClient(options: IncrementalClientOptions): IncrementalClient {
  // Not an object: core's own check says what to pass.
  if (options === null || typeof options !== "object") return createZendeskClient(options);
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
  return createDomainClient(domain, { ...rest, ...(highVolume ? { budgetPreset: "high-volume" as const } : {}) });
}

/**
 * The incremental exports domain, for a client shared with other domains
 * (`createZendeskClient({ subdomain, auth, domains: [incremental, tickets] })`); the `export*` functions take
 * that client too.
 */
export const incremental = domain;
